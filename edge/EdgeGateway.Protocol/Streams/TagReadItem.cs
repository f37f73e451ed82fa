namespace EdgeGateway.Protocol.Streams;

/// <summary>One tap of an NFC tag on the gateway's reader.</summary>
public sealed record TagReadItem
{
    /// <summary>Tag UID, lower-case hex without separators (7 bytes for NTAG21x).</summary>
    public required string Uid { get; init; }

    /// <summary>ntag213, ntag215, ntag216, ultralight, mifare-classic-1k, mifare-classic-4k, unknown.</summary>
    public required string TagType { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>ATQA as 4 lower-case hex digits.</summary>
    public string? Atqa { get; init; }

    /// <summary>SAK as 2 lower-case hex digits.</summary>
    public string? Sak { get; init; }

    /// <summary>NTAG21x NFC counter (READ_CNT), when enabled on the tag.</summary>
    public long? Counter { get; init; }

    public IReadOnlyList<NdefRecordItem> Ndef { get; init; } = [];

    /// <summary>True when the tag answered READ_SIG with a non-zero originality signature.</summary>
    public bool SignaturePresent { get; init; }

    /// <summary>Time from detection to the complete read, in milliseconds.</summary>
    public double ReadMs { get; init; }
}
