using System.Globalization;
using System.Text;
using EdgeGateway.Protocol.Streams;

namespace EdgeGateway.Edge.Cli;

/// <summary>Formats the `edgegw scan` table: one row per beacon, strongest first.</summary>
internal static class ScanTable
{
    public static string Format(IReadOnlyList<HeartbeatItem> beacons, DateTimeOffset now, int maxRows)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"BEACON",-58} {"RSSI",5} {"DIST m",7} {"BATT mV",8} {"TEMP C",7} {"SEEN",6}");
        foreach (var beacon in beacons.OrderByDescending(b => b.RssiSmoothed ?? b.RssiLast).Take(maxRows))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{beacon.BeaconId,-58} {beacon.RssiLast,5} {Cell(beacon.DistanceM, "0.0"),7} {Cell(beacon.BatteryMv),8} {Cell(beacon.TemperatureC, "0.0"),7} {Age(now - beacon.LastSeen),6}");
        }

        if (beacons.Count > maxRows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"... and {beacons.Count - maxRows} more");
        }

        return text.ToString();
    }

    private static string Cell(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";

    private static string Cell(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string Age(TimeSpan age) =>
        age < TimeSpan.FromSeconds(1) ? "now" : string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalSeconds}s");
}
