using System.Text.Json;
using EdgeGateway.Edge.Uplink;
using EdgeGateway.Protocol.Commands;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Edge.Tests.Uplink;

public class CommandDispatcherTests
{
    private readonly StepClock _clock = new();

    [Fact]
    public async Task Routes_by_name_and_answers_every_request()
    {
        var dispatcher = Dispatcher(new Handler("selftest.run", _ => JsonDocument.Parse("""{"radio":"ok"}""").RootElement));

        var ok = await dispatcher.DispatchAsync(Request("selftest.run"), TestContext.Current.CancellationToken);
        var unknown = await dispatcher.DispatchAsync(Request("reboot"), TestContext.Current.CancellationToken);

        Assert.True(ok.Ok);
        Assert.Equal("ok", ok.Result!.Value.GetProperty("radio").GetString());
        Assert.False(unknown.Ok);
        Assert.Equal("unknown command 'reboot' (known: selftest.run)", unknown.Error);
    }

    [Fact]
    public async Task A_failing_handler_is_an_answer_not_a_crash()
    {
        var dispatcher = Dispatcher(new Handler("nfc.write-url", _ => throw new InvalidOperationException("no tag on the reader")));

        var result = await dispatcher.DispatchAsync(Request("nfc.write-url"), TestContext.Current.CancellationToken);

        Assert.False(result.Ok);
        Assert.Equal("no tag on the reader", result.Error);
    }

    [Fact]
    public async Task An_expired_request_is_not_executed()
    {
        var executed = false;
        var dispatcher = Dispatcher(new Handler("beacon.set", _ => { executed = true; return null; }));

        var result = await dispatcher.DispatchAsync(Request("beacon.set") with { ExpiresAt = _clock.GetUtcNow().AddSeconds(-1) }, TestContext.Current.CancellationToken);

        Assert.False(executed);
        Assert.StartsWith("expired at", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_handlers_for_one_name_are_a_configuration_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Dispatcher(new Handler("a", _ => null), new Handler("a", _ => null)));
        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
    }

    private CommandDispatcher Dispatcher(params ICommandHandler[] handlers) =>
        new(handlers, _clock, NullLogger<CommandDispatcher>.Instance);

    private static CommandRequest Request(string name) => new() { RequestId = "r-1", Name = name };

    private sealed class Handler(string name, Func<CommandRequest, JsonElement?> run) : ICommandHandler
    {
        public string Name => name;

        public ValueTask<JsonElement?> ExecuteAsync(CommandRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(run(request));
    }
}
