using EdgeGateway.Edge.Hosting;

namespace EdgeGateway.Fuzzing.Targets;

/// <summary>
/// The daemon's start-up configuration path as `edgegw run` takes it: build the host from a config file, then
/// resolve and validate the options. Every failure must be one a <see cref="StartupFailure"/> line describes
/// (exit code 2), never a stack trace.
/// </summary>
public sealed class GatewayConfigTarget : IFuzzTarget
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"edgegw-fuzz-data-{Environment.ProcessId}");

    public string Name => "gateway-config";

    public IReadOnlyList<byte[]> Seeds { get; } =
    [
        "{}"u8.ToArray(),
        """{"Gateway":{"Id":"gw-1","Site":"shop-1"},"Diagnostics":{"Enabled":false},"Scanning":{"SimulatedBeacons":10}}"""u8.ToArray(),
        """{"Gateway":{"Id":"bad id/#"},"Diagnostics":{"Port":0}}"""u8.ToArray(),
        """{"Uplink":{"Host":"127.0.0.1","Port":1883,"BatchMaxItems":0},"Outbox":{"MaxItems":-5}}"""u8.ToArray(),
        """{"Tracking":{"MaxBeacons":"many"},"Nfc":{"Transport":"Carrier pigeon"}}"""u8.ToArray(),
    ];

    public void Run(ReadOnlySpan<byte> input)
    {
        using var file = new ScratchFile(input);
        try
        {
            var app = GatewayHost.Build(new RunSettings(file.Path, ConfigFileExplicit: true, Simulate: false, [$"Gateway:DataDirectory={_dataDirectory}"]));
            try
            {
                GatewayHost.ValidateEagerly(app);
            }
            finally
            {
                ((IDisposable)app).Dispose();
            }
        }
        catch (Exception ex) when (StartupFailure.DescribeConfigurationError(ex) is not null)
        {
        }
    }
}
