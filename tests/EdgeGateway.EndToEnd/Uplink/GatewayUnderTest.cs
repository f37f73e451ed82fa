using System.Text;
using EdgeGateway.Edge.Outbox;
using EdgeGateway.Edge.Uplink;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeGateway.EndToEnd.Uplink;

/// <summary>The real outbox (LiteDB file in a temp directory) and the real uplink, running in-process.</summary>
public sealed class GatewayUnderTest : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _writer;

    public GatewayUnderTest(UplinkOptions uplink, string? directory = null, IEnumerable<ICommandHandler>? handlers = null, IEnumerable<IDesiredConfigSink>? sinks = null)
    {
        Directory = directory ?? System.IO.Directory.CreateTempSubdirectory("egw-gw-").FullName;
        Outbox = new LiteDbOutbox(
            Options.Create(new OutboxOptions { DatabasePath = Path.Combine(Directory, "outbox.db"), AppendLinger = TimeSpan.FromMilliseconds(2) }),
            TimeProvider.System,
            NullLogger<LiteDbOutbox>.Instance);
        // The daemon always registers outbox.resend (gap repair); so does the gateway under test.
        var commands = new CommandDispatcher([.. handlers ?? [], new ResendCommand(Outbox)], TimeProvider.System, NullLogger<CommandDispatcher>.Instance);
        Uplink = new MqttUplink(Options.Create(uplink), Outbox, commands, sinks ?? [], TimeProvider.System, NullLogger<MqttUplink>.Instance);
        _writer = Outbox.RunAsync(_stop.Token);
    }

    public string Directory { get; }

    public LiteDbOutbox Outbox { get; }

    public MqttUplink Uplink { get; }

    public static UplinkOptions PlainOptions(string gatewayId, string host, int port) => new()
    {
        GatewayId = gatewayId,
        Host = host,
        Port = port,
        UseTls = false,
        KeepAlive = TimeSpan.FromSeconds(5),
        CommunicationTimeout = TimeSpan.FromSeconds(5),
        ReconnectMinDelay = TimeSpan.FromMilliseconds(100),
        ReconnectMaxDelay = TimeSpan.FromSeconds(1),
        BatchMaxItems = 100,
        PublishesPerSecond = 10_000,
        PublishBurst = 100,
    };

    public Task StartAsync(CancellationToken cancellationToken) => Uplink.StartAsync(cancellationToken);

    /// <summary>Appends items {"n":from}..{"n":from+count-1} to a stream and waits until they are durable.</summary>
    public async Task AppendAsync(string stream, int from, int count, OutboxPriority priority, CancellationToken cancellationToken)
    {
        var appends = new List<Task>(count);
        for (var n = from; n < from + count; n++)
        {
            appends.Add(Outbox.AppendAsync(stream, Encoding.UTF8.GetBytes($"{{\"n\":{n}}}"), priority, cancellationToken).AsTask());
        }

        await Task.WhenAll(appends);
    }

    public async ValueTask DisposeAsync()
    {
        await Uplink.StopAsync(CancellationToken.None);
        Uplink.Dispose();
        await _stop.CancelAsync();
        try
        {
            await _writer;
        }
        catch (OperationCanceledException)
        {
        }

        Outbox.Dispose();
        _stop.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // leftover temp files are harmless
        }
    }
}
