using System.Net;
using MQTTnet.Server;

namespace EdgeGateway.Installer.SimulatedStore;

/// <summary>
/// An MQTTnet broker inside gatewayctl, so the simulated store runs on a machine without mosquitto. It keeps
/// sessions and retained messages in memory only and has no shared subscriptions, which is why the bridge runs
/// with plain subscriptions against it; production brokers stay mosquitto/EMQX/HiveMQ.
/// </summary>
public sealed class BuiltInStoreBroker : IStoreBroker
{
    private readonly MqttServer _server;

    private BuiltInStoreBroker(MqttServer server, int port)
    {
        _server = server;
        Description = $"built-in MQTTnet broker on mqtt://127.0.0.1:{port} (in memory; install mosquitto for the production broker)";
    }

    public string Description { get; }

    public bool SupportsSharedSubscriptions => false;

    public bool HasExited => !_server.IsStarted;

    public static async Task<BuiltInStoreBroker> StartAsync(int port)
    {
        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(port)
            .WithPersistentSessions()
            .Build();
        var server = new MqttServerFactory().CreateMqttServer(options);
        await server.StartAsync();
        return new BuiltInStoreBroker(server, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        _server.Dispose();
    }
}
