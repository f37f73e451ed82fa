namespace EdgeGateway.Edge.Diagnostics;

/// <summary>The "gateway" part of /api/status: identity, uptime, addresses, memory and disk.</summary>
public sealed record GatewayInfo(
    string GatewayId,
    string Site,
    string Version,
    string Hostname,
    DateTimeOffset StartedAt,
    long UptimeSeconds,
    DateTimeOffset Now,
    IReadOnlyList<NetworkInterfaceInfo> Interfaces,
    long ProcessMemoryBytes,
    long TotalMemoryBytes,
    long? DiskFreeBytes,
    long? DiskTotalBytes);
