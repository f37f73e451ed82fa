using EdgeGateway.Fuzzing.Targets;

namespace EdgeGateway.Fuzzing;

/// <summary>Every fuzz target, by name.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<IFuzzTarget> Create() =>
    [
        new HciEventTarget(),
        new AdvertisementTarget(),
        new Pn532FrameTarget(),
        new NdefTarget(),
        new ProtocolPayloadTarget(),
        new BridgeMessageTarget(),
        new BridgeConfigTarget(),
        new GatewayConfigTarget(),
    ];

    public static IFuzzTarget? Find(string name) => Create().FirstOrDefault(t => t.Name == name);
}
