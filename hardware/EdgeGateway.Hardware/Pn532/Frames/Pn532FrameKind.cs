namespace EdgeGateway.Hardware.Pn532.Frames;

/// <summary>What a well-formed frame on the PN532 host interface is (UM0701-02, section 6.2.1).</summary>
public enum Pn532FrameKind
{
    /// <summary>00 00 FF 00 FF 00: the command frame was received and will be executed.</summary>
    Ack,

    /// <summary>00 00 FF FF 00 00: "send the last frame again".</summary>
    Nack,

    /// <summary>A normal or extended information frame carrying TFI and data.</summary>
    Information,

    /// <summary>00 00 FF 01 FF 7F 81 00: the chip found a syntax error in the host's frame.</summary>
    ApplicationError,
}
