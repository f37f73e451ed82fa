using System.Text.Json.Serialization;

namespace EdgeGateway.Protocol.Status;

/// <summary>
/// Retained on `gw/v1/{gatewayId}/status`: the birth on connect (online true) and the last will
/// (online false). `session` increases on every connect; a will whose session is older than the
/// current birth is stale and must be ignored.
/// </summary>
public sealed record GatewayStatus
{
    [JsonPropertyName("v")]
    public int Version { get; init; } = ProtocolVersion.Current;

    public required bool Online { get; init; }

    public required long Session { get; init; }

    public string? GatewayId { get; init; }

    /// <summary>Software version (informational version with commit).</summary>
    public string? SoftwareVersion { get; init; }

    public string? Site { get; init; }

    public DateTimeOffset? At { get; init; }

    /// <summary>Items waiting in the outbox at birth.</summary>
    public long? Backlog { get; init; }

    /// <summary>Items shed by the outbox's full policy since the database was created, per stream.</summary>
    public IReadOnlyDictionary<string, long>? Shed { get; init; }

    /// <summary>
    /// The highest sequence number appended so far, per stream, at birth: a consumer whose high-water mark is lower
    /// is missing the tail (a gap no later envelope would reveal) and can ask for it with `outbox.resend`.
    /// </summary>
    public IReadOnlyDictionary<string, long>? LastSeq { get; init; }
}
