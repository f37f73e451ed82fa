using System.Globalization;
using System.Text;

namespace EdgeGateway.Edge.Diagnostics;

/// <summary>Writes Prometheus text exposition lines (version 0.0.4) with HELP/TYPE headers and escaped labels.</summary>
public static class PrometheusText
{
    public static void Header(StringBuilder output, string name, string type, string help) =>
        output.Append("# HELP ").Append(name).Append(' ').Append(help.Replace("\n", " ", StringComparison.Ordinal)).Append('\n')
              .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    public static void Sample(StringBuilder output, string name, double value, params (string Name, string Value)[] labels)
    {
        output.Append(name);
        if (labels.Length > 0)
        {
            output.Append('{');
            for (var i = 0; i < labels.Length; i++)
            {
                if (i > 0)
                {
                    output.Append(',');
                }

                output.Append(labels[i].Name).Append("=\"").Append(Escape(labels[i].Value)).Append('"');
            }

            output.Append('}');
        }

        output.Append(' ').Append(double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "NaN").Append('\n');
    }

    public static void Metric(StringBuilder output, string name, string type, string help, double value)
    {
        Header(output, name, type, help);
        Sample(output, name, value);
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
             .Replace("\"", "\\\"", StringComparison.Ordinal)
             .Replace("\n", "\\n", StringComparison.Ordinal);
}
