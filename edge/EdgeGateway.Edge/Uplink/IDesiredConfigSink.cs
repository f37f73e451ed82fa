using EdgeGateway.Protocol.Config;

namespace EdgeGateway.Edge.Uplink;

/// <summary>
/// Receives the cloud's desired configuration (a valid, supported payload whose version is above the last
/// one handed over in this process). The beacon-config service implements it and reports the outcome by
/// appending a <see cref="ReportedConfig"/> to the outbox stream <see cref="UplinkStreams.ConfigReported"/>.
/// </summary>
public interface IDesiredConfigSink
{
    ValueTask ApplyAsync(DesiredConfig desired, CancellationToken cancellationToken);
}
