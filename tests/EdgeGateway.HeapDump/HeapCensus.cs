using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace EdgeGateway.HeapDump;

/// <summary>
/// Live objects per type in a running .NET process, counted from the runtime's own heap walk: an EventPipe session
/// with the GC heap snapshot keywords makes the runtime run a full blocking GC and report every surviving object
/// (type and size) in bulk events; nothing is written to the target's disk.
/// </summary>
public sealed class HeapCensus
{
    private readonly Dictionary<ulong, string> _names = [];
    private readonly Dictionary<ulong, (long Count, long Bytes)> _types = [];

    public IEnumerable<(string Type, long Count, long Bytes)> Types =>
        _types.Select(t => (_names.GetValueOrDefault(t.Key, $"type#{t.Key}"), t.Value.Count, t.Value.Bytes));

    public static async Task<HeapCensus> TakeAsync(int processId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var census = new HeapCensus();
        var providers = new[]
        {
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Verbose, (long)ClrTraceEventParser.Keywords.GCHeapSnapshot),
        };
        using var session = new DiagnosticsClient(processId).StartEventPipeSession(providers, requestRundown: false);
        using var source = new EventPipeEventSource(session.EventStream);
        var walked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sawObjects = false;
        source.Clr.TypeBulkType += data =>
        {
            for (var i = 0; i < data.Count; i++)
            {
                census._names[data.Values(i).TypeID] = data.Values(i).TypeName;
            }
        };
        source.Clr.GCBulkNode += data =>
        {
            sawObjects = true;
            for (var i = 0; i < data.Count; i++)
            {
                var node = data.Values(i);
                var (count, bytes) = census._types.GetValueOrDefault(node.TypeID);
                census._types[node.TypeID] = (count + 1, bytes + (long)node.Size);
            }
        };
        // The walk happens inside the induced GC: once that GC ends, every object has been reported.
        source.Clr.GCStop += _ =>
        {
            if (sawObjects)
            {
                walked.TrySetResult();
            }
        };
        var processing = Task.Run(source.Process, cancellationToken);
        try
        {
            await walked.Task.WaitAsync(timeout, cancellationToken);
            // Type names arrive in events right after the walk's last objects.
            await Task.Delay(TimeSpan.FromSeconds(1.5), cancellationToken);
        }
        finally
        {
            await session.StopAsync(CancellationToken.None);
            await processing;
        }

        return census;
    }
}
