namespace EdgeGateway.Protocol.Commands;

/// <summary>Arguments of <see cref="NfcCommandNames.WriteUrl"/>.</summary>
public sealed record WriteUrlArgs
{
    /// <summary>Absolute URL to encode as the tag's NDEF URI record.</summary>
    public required string Url { get; init; }

    /// <summary>How long the gateway waits for a tag (1-600 s; default 60).</summary>
    public int? WaitSeconds { get; init; }
}
