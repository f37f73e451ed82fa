using BenchmarkDotNet.Running;
using EdgeGateway.Benchmarks.Protocol;

// `dotnet run -c Release --project tests/EdgeGateway.Benchmarks -- --filter '*'`; results go to docs/PERFORMANCE.md.
BenchmarkSwitcher.FromAssembly(typeof(TopicBuildingBenchmarks).Assembly).Run(args);
