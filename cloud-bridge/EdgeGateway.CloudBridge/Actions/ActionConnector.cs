using EdgeGateway.CloudBridge.Connectors.Common;

namespace EdgeGateway.CloudBridge.Actions;

/// <summary>
/// A connector whose work is one NFC action: its queue holds the tap events, and the runner hands the taps
/// whose rule names <see cref="INfcActionPlatform.Action"/> to the platform. One per platform, so a platform
/// that is down holds up only its own taps.
/// </summary>
public sealed class ActionConnector(string name, INfcActionPlatform platform, NfcActionRunner runner) : IConnector
{
    public string Name => name;

    public bool Wants(ConnectorEvent connectorEvent) => runner.Wants(connectorEvent, platform.Action);

    public Task HandleAsync(IReadOnlyList<ConnectorEvent> batch, CancellationToken cancellationToken) => runner.RunAsync(batch, platform, cancellationToken);
}
