using System.Text;

namespace EdgeGateway.Edge.Diagnostics;

/// <summary>
/// The managed heap beside the process's RSS on /metrics, so a rising RSS can be told apart: live objects (a leak or a
/// backlog held in memory) raise the heap after a collection; the runtime keeping freed memory committed does not.
/// </summary>
public sealed class RuntimeMemoryMetrics : IMetricsContributor
{
    public void WriteMetrics(StringBuilder output)
    {
        // The last collection's figures: reading them costs nothing and forces no collection.
        var info = GC.GetGCMemoryInfo();
        PrometheusText.Metric(output, "edgegw_gc_heap_bytes", "gauge", "Managed heap size after the last garbage collection (live objects plus fragmentation).", info.HeapSizeBytes);
        PrometheusText.Metric(output, "edgegw_gc_fragmented_bytes", "gauge", "Free space inside that heap at the last collection.", info.FragmentedBytes);
        PrometheusText.Metric(output, "edgegw_gc_committed_bytes", "gauge", "Memory the garbage collector has committed from the OS.", info.TotalCommittedBytes);
        PrometheusText.Metric(output, "edgegw_gc_collections_total", "counter", "Generation 2 (full) garbage collections.", GC.CollectionCount(2));
    }
}
