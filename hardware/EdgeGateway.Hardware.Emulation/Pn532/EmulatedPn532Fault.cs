namespace EdgeGateway.Hardware.Emulation.Pn532;

/// <summary>One-shot faults the emulated PN532 applies to the next command frame it receives (tag removal: to the next tag exchange).</summary>
public enum EmulatedPn532Fault
{
    /// <summary>ACK the command, then never answer (the host must time out and abort).</summary>
    NoAnswer,

    /// <summary>Answer with a corrupted data checksum; a host NACK gets the correct frame.</summary>
    BadChecksum,

    /// <summary>Answer the command frame with a NACK instead of an ACK (the host must send it again).</summary>
    Nack,

    /// <summary>The tag leaves the field during the next tag exchange (polls before it do not count): status 0x01, and it stays gone.</summary>
    TagRemovedMidExchange,

    /// <summary>Garbage bytes on the line before the next answer.</summary>
    LineNoise,

    /// <summary>Only the first half of the next answer is sent, then nothing: a lying length the host must time out on.</summary>
    TruncatedAnswer,
}
