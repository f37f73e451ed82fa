using BenchmarkDotNet.Attributes;
using EdgeGateway.Protocol.Topics;

namespace EdgeGateway.Benchmarks.Protocol;

/// <summary>Topic names are built once per publish; this keeps an eye on their cost and allocations.</summary>
[MemoryDiagnoser]
public class TopicBuildingBenchmarks
{
    [Benchmark]
    public string UpTopic() => GatewayTopics.Up("shop-0042", "heartbeats");

    [Benchmark]
    public bool ValidateGatewayId() => GatewayTopics.IsValidLevel("shop-0042-gw1");
}
