using System.Text.Json;
using EdgeGateway.Edge.Hosting;
using EdgeGateway.Edge.Uplink;
using EdgeGateway.Protocol.Commands;

namespace EdgeGateway.Edge.SelfTest;

/// <summary>Cloud command `selftest.run`: the same checks the page and `gatewayctl selftest` run, answered as a list.</summary>
public sealed class SelfTestCommand(SelfTestRunner runner) : ICommandHandler
{
    public string Name => "selftest.run";

    public async ValueTask<JsonElement?> ExecuteAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var results = await runner.RunAsync(cancellationToken);
        return JsonSerializer.SerializeToElement(results, EdgeJsonContext.Default.IReadOnlyListSelfTestResult);
    }
}
