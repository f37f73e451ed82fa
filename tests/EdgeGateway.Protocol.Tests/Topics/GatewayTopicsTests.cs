using EdgeGateway.Protocol.Topics;

namespace EdgeGateway.Protocol.Tests.Topics;

public class GatewayTopicsTests
{
    [Fact]
    public void Builds_every_topic_of_the_contract()
    {
        Assert.Equal("gw/v1/shop-1/status", GatewayTopics.Status("shop-1"));
        Assert.Equal("gw/v1/shop-1/up/heartbeats", GatewayTopics.Up("shop-1", "heartbeats"));
        Assert.Equal("gw/v1/shop-1/config/desired", GatewayTopics.ConfigDesired("shop-1"));
        Assert.Equal("gw/v1/shop-1/config/reported", GatewayTopics.ConfigReported("shop-1"));
        Assert.Equal("gw/v1/shop-1/cmd/r-9", GatewayTopics.Command("shop-1", "r-9"));
        Assert.Equal("gw/v1/shop-1/cmd-result/r-9", GatewayTopics.CommandResult("shop-1", "r-9"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("+")]
    [InlineData("#")]
    [InlineData("shop 1")]
    [InlineData("shop\u00e9")]
    public void Refuses_levels_that_would_break_topics_or_acl_patterns(string bad)
    {
        Assert.False(GatewayTopics.IsValidLevel(bad));
        var error = Assert.Throws<ArgumentException>(() => GatewayTopics.Status(bad));
        Assert.Contains("gatewayId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_levels_longer_than_the_limit()
    {
        Assert.True(GatewayTopics.IsValidLevel(new string('a', GatewayTopics.MaxGatewayIdLength)));
        Assert.False(GatewayTopics.IsValidLevel(new string('a', GatewayTopics.MaxGatewayIdLength + 1)));
    }
}
