using EdgeGateway.Edge.Outbox;
using EdgeGateway.Edge.Uplink;
using EdgeGateway.OutboxDriver;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Usage (configuration keys as --Key=value):
//   EdgeGateway.OutboxDriver --Outbox:DatabasePath=/tmp/x/outbox.db --Uplink:Host=127.0.0.1 --Uplink:Port=1883
//     --Uplink:GatewayId=gw-1 --Uplink:UseTls=false --Burst:Stream=heartbeats --Burst:From=0 --Burst:Count=10000
// Prints "durable <n>" after item n (and all before it) is durable,
// then "burst-done", and keeps draining until killed or stopped.
//   EdgeGateway.OutboxDriver inspect /path/outbox.db   prints "stream next_seq shed queued" per stream (tests/soak)
//   EdgeGateway.OutboxDriver abandon-transaction DIR guarded|unguarded   see AbandonedTransaction
if (args is ["inspect", var databasePath])
{
    return OutboxInspection.Run(databasePath, Console.Out);
}

if (args is ["abandon-transaction", var directory, var mode] && mode is "guarded" or "unguarded")
{
    return AbandonedTransaction.Run(directory, mode == "guarded", Console.Out);
}

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Services.AddOutbox(builder.Configuration);
builder.Services.AddUplink(builder.Configuration);
builder.Services.Configure<BurstOptions>(builder.Configuration.GetSection(BurstOptions.Section));
builder.Services.AddHostedService<Burst>();
await builder.Build().RunAsync();
return 0;
