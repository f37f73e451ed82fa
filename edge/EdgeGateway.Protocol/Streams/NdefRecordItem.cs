namespace EdgeGateway.Protocol.Streams;

/// <summary>One NDEF record of a tag read, decoded where the type is known (URI, Text).</summary>
public sealed record NdefRecordItem
{
    /// <summary>Type Name Format, 0-7.</summary>
    public required int Tnf { get; init; }

    /// <summary>Record type as text (e.g. "U", "T", "text/plain").</summary>
    public string? Type { get; init; }

    public string? Uri { get; init; }

    public string? Text { get; init; }

    public string? Language { get; init; }

    /// <summary>Raw payload, lower-case hex, for record types that are not decoded.</summary>
    public string? PayloadHex { get; init; }
}
