using EdgeGateway.CloudBridge.Config;

namespace EdgeGateway.Fuzzing.Targets;

/// <summary>The bridge's config file loader: any file content is either options or one line naming the problem.</summary>
public sealed class BridgeConfigTarget : IFuzzTarget
{
    public string Name => "bridge-config";

    public IReadOnlyList<byte[]> Seeds { get; } =
    [
        "{}"u8.ToArray(),
        """{"Mqtt":{"Host":"127.0.0.1","Port":1883},"Store":{"Kind":"LiteDb","LiteDbPath":"/tmp/bridge.db"}}"""u8.ToArray(),
        """{"Mqtt":{"Port":70000}}"""u8.ToArray(),
        """{"Ingest":{"MaxPayloadBytes":-1,"BatchMaxMessages":"many"}}"""u8.ToArray(),
        """{"Unknown":{"Key":1}}"""u8.ToArray(),
    ];

    public void Run(ReadOnlySpan<byte> input)
    {
        using var file = new ScratchFile(input);
        var (options, error) = BridgeConfiguration.Load(file.Path, []);
        if ((options is null) == (error is null))
        {
            throw new InvalidOperationException($"loader returned options={options is not null} error={error is not null}");
        }

        if (error is not null && error.Contains('\n', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"error is not one line: {error}");
        }
    }
}
