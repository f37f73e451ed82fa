namespace EdgeGateway.Edge.Nfc;

/// <summary>Outcome of an encode-URL job. On success the URL was read back from the tag and matched.</summary>
public sealed record NfcWriteResult(bool Success, string? Uid, string? TagType, string Url, int BytesWritten, string? Error)
{
    public static NfcWriteResult Failed(string url, string error, string? uid = null, string? tagType = null) =>
        new(false, uid, tagType, url, 0, error);
}
