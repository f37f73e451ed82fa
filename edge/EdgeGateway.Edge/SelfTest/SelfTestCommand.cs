using System.Text.Json;
using EdgeGateway.Edge.Hosting;
using EdgeGateway.Edge.Uplink;
using EdgeGateway.Protocol.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Edge.SelfTest;

/// <summary>Cloud command `selftest.run`: the same checks the page and `gatewayctl selftest` run, answered as a list.</summary>
/// <remarks>
/// The runner is resolved when the command runs, not injected: the checks include the uplink's own, and the
/// uplink is what constructs this handler, so injecting it would be a dependency cycle.
/// </remarks>
public sealed class SelfTestCommand(IServiceProvider services) : ICommandHandler
{
    public string Name => "selftest.run";

    public async ValueTask<JsonElement?> ExecuteAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var results = await services.GetRequiredService<SelfTestRunner>().RunAsync(cancellationToken);
        return JsonSerializer.SerializeToElement(results, EdgeJsonContext.Default.IReadOnlyListSelfTestResult);
    }
}
