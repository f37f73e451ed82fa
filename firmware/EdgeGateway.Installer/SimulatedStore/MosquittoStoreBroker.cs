namespace EdgeGateway.Installer.SimulatedStore;

/// <summary>A private mosquitto process with its own configuration file in the store's data directory.</summary>
public sealed class MosquittoStoreBroker : IStoreBroker
{
    private static readonly string[] Locations = ["/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto", "/usr/local/bin/mosquitto"];

    private readonly ChildProcess _process;

    private MosquittoStoreBroker(ChildProcess process, int port)
    {
        _process = process;
        Description = $"mosquitto on mqtt://127.0.0.1:{port}";
    }

    public string Description { get; }

    public bool SupportsSharedSubscriptions => true;

    public bool HasExited => _process.HasExited;

    public static string? Find() => Locations.FirstOrDefault(File.Exists);

    public static async Task<MosquittoStoreBroker> StartAsync(string executable, int port, string dataDirectory, TextWriter output, CancellationToken cancellationToken)
    {
        var config = Path.Combine(dataDirectory, "mosquitto.conf");
        await File.WriteAllTextAsync(config,
            $"{(Environment.UserName == "root" ? "user root\n" : "")}persistence false\nlog_dest stderr\nlog_type error\nlog_type warning\nlistener {port} 127.0.0.1\nallow_anonymous true\nmax_queued_messages 0\n",
            cancellationToken);
        var process = ChildProcess.Start("broker", executable, ["-c", config], output, dataDirectory);
        try
        {
            await LoopbackPort.WaitUntilListeningAsync(port, "mosquitto", process, cancellationToken);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return new MosquittoStoreBroker(process, port);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
