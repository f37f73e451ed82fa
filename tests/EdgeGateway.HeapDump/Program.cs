using Microsoft.Diagnostics.NETCore.Client;
using System.Globalization;
using EdgeGateway.HeapDump;

// Usage: heapdump PID [TOP=40]: prints the types holding the most live bytes, one "bytes count type" line each.
// Two dumps a few minutes apart, diffed by type, show what grows.
if (args.Length is < 1 or > 2 ||
    !int.TryParse(args[0], CultureInfo.InvariantCulture, out var processId) ||
    !int.TryParse(args.ElementAtOrDefault(1) ?? "40", CultureInfo.InvariantCulture, out var top) || top < 1)
{
    await Console.Error.WriteLineAsync("usage: heapdump PID [TOP]  (PID of a running .NET process, TOP > 0 types to list)");
    return 2;
}

try
{
    var census = await HeapCensus.TakeAsync(processId, TimeSpan.FromSeconds(60), CancellationToken.None);
    var types = census.Types.ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"TOTAL objects {types.Sum(t => t.Count)} bytes {types.Sum(t => t.Bytes)}"));
    foreach (var (type, count, bytes) in types.OrderByDescending(t => t.Bytes).Take(top))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{bytes,12} {count,9} {type}"));
    }

    return 0;
}
catch (Exception ex) when (ex is ServerNotAvailableException or TimeoutException or UnsupportedCommandException)
{
    await Console.Error.WriteLineAsync($"heapdump: process {processId}: {ex.Message}");
    return 1;
}
