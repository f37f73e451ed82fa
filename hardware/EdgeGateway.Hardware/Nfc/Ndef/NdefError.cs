namespace EdgeGateway.Hardware.Nfc.Ndef;

/// <summary>Each way NDEF bytes on a tag can be wrong; counted per kind by the services.</summary>
public enum NdefError
{
    /// <summary>The capability container does not start with the NDEF magic number 0xE1.</summary>
    NotFormatted,

    /// <summary>A TLV (NDEF, lock or memory control) claims more bytes than the tag has.</summary>
    TlvPastEnd,

    /// <summary>A record's type, id or payload length runs past the end of the message.</summary>
    RecordPastEnd,

    /// <summary>The first record lacks MB, the last lacks ME, or records follow ME.</summary>
    MessageBoundaries,

    /// <summary>Chunked records are malformed (a middle chunk with a type, a missing final chunk, …).</summary>
    Chunking,

    /// <summary>A record header is inconsistent with its TNF (e.g. an Empty record with a type).</summary>
    Header,

    /// <summary>A URI or Text payload cannot be decoded (unknown prefix code, language past the payload, bad UTF).</summary>
    Payload,

    /// <summary>The message does not fit in the tag's user memory.</summary>
    TooLarge,
}
