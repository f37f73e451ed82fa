namespace EdgeGateway.CloudBridge.Actions;

/// <summary>
/// A connector's side of an NFC action. Throw <see cref="Connectors.Common.PlatformException"/> for an
/// outage (the tap stays queued and is retried); return <see cref="NfcActionOutcome.Refused"/> for a final no.
/// </summary>
public interface INfcActionPlatform
{
    /// <summary>The action this platform runs (<see cref="NfcActionKinds"/>).</summary>
    string Action { get; }

    Task<NfcActionOutcome> RunAsync(NfcActionRequest request, CancellationToken cancellationToken);
}
