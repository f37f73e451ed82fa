using EdgeGateway.Protocol.Topics;

namespace EdgeGateway.Protocol.Tests.Topics;

public class TopicParsingTests
{
    public static TheoryData<string, TopicKind, string?> Contract() => new()
    {
        { GatewayTopics.Status("shop-1"), TopicKind.Status, null },
        { GatewayTopics.Up("shop-1", "heartbeats"), TopicKind.Up, "heartbeats" },
        { GatewayTopics.ConfigDesired("shop-1"), TopicKind.ConfigDesired, null },
        { GatewayTopics.ConfigReported("shop-1"), TopicKind.ConfigReported, null },
        { GatewayTopics.Command("shop-1", "r-9"), TopicKind.Command, "r-9" },
        { GatewayTopics.CommandResult("shop-1", "r-9"), TopicKind.CommandResult, "r-9" },
    };

    [Theory]
    [MemberData(nameof(Contract))]
    public void Parses_every_topic_the_builder_makes(string topic, TopicKind kind, string? argument)
    {
        Assert.True(GatewayTopics.TryParse(topic, out var parsed, out var error), error);
        Assert.Equal(new ParsedTopic(kind, "shop-1", argument), parsed);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("gw/v2/shop-1/status", "version 'v2'")]
    [InlineData("other/v1/shop-1/status", "not under gw/v1/")]
    [InlineData("gw/v1/shop+1/status", "invalid gateway id")]
    [InlineData("gw/v1/shop-1/status/extra", "has 5 levels")]
    [InlineData("gw/v1/shop-1/up", "has 4 levels")]
    [InlineData("gw/v1/shop-1/up/a/b", "has 6 levels")]
    [InlineData("gw/v1/shop-1/config/other", "not a topic of the contract")]
    [InlineData("gw/v1/shop-1/cmd/#", "invalid last level")]
    [InlineData("gw/v1/shop-1/telemetry", "not a topic of the contract")]
    public void Refuses_anything_else_with_a_reason(string topic, string reason)
    {
        Assert.False(GatewayTopics.TryParse(topic, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Builds_the_filters_a_gateway_and_the_bridge_subscribe_to()
    {
        Assert.Equal("gw/v1/shop-1/cmd/+", GatewayTopics.CommandFilter("shop-1"));
        Assert.Equal("gw/v1/+/#", GatewayTopics.AllGatewaysFilter);
    }
}
