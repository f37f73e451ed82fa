using System.Text;

namespace EdgeGateway.Edge.Diagnostics;

/// <summary>A part that writes its counters and gauges to /metrics in Prometheus text format.</summary>
public interface IMetricsContributor
{
    void WriteMetrics(StringBuilder output);
}
