using BenchmarkDotNet.Running;
using EdgeGateway.Benchmarks.Peers;
using EdgeGateway.Benchmarks.Protocol;

// `dotnet run -c Release --project tests/EdgeGateway.Benchmarks -- --filter '*'`; results go to docs/PERFORMANCE.md.
// `... -- peers ...` is our side of tests/peers/run.sh (a public peer measured in the same run).
if (args is ["peers", .. var rest])
{
    return await PeerCommand.RunAsync(rest, Console.Out, Console.Error);
}

BenchmarkSwitcher.FromAssembly(typeof(TopicBuildingBenchmarks).Assembly).Run(args);
return 0;
