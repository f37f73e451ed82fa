using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json;
using EdgeGateway.Edge.Diagnostics.Web;
using EdgeGateway.Edge.Hosting;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.Diagnostics;

/// <summary>Identity and machine facts for the Status page: who the gateway is, how long it has run, its addresses, memory and disk.</summary>
public sealed class GatewayInfoContributor(IOptions<GatewayOptions> options, TimeProvider time) : IStatusContributor
{
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();

    public string Name => "gateway";

    public static string SoftwareVersion { get; } =
        typeof(GatewayInfoContributor).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public GatewayInfo Snapshot()
    {
        var gateway = options.Value;
        var now = time.GetUtcNow();
        long? diskFree = null;
        long? diskTotal = null;
        if (Directory.Exists(gateway.DataDirectory))
        {
            var drive = new DriveInfo(gateway.DataDirectory);
            diskFree = drive.AvailableFreeSpace;
            diskTotal = drive.TotalSize;
        }

        return new GatewayInfo(
            gateway.GatewayId,
            gateway.Site,
            SoftwareVersion,
            Environment.MachineName,
            _startedAt,
            (long)(now - _startedAt).TotalSeconds,
            now,
            Interfaces(),
            Environment.WorkingSet,
            GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
            diskFree,
            diskTotal);
    }

    public void WriteSnapshot(Utf8JsonWriter writer) => JsonSerializer.Serialize(writer, Snapshot(), DiagnosticsJsonContext.Default.GatewayInfo);

    private static List<NetworkInterfaceInfo> Interfaces()
    {
        var result = new List<NetworkInterfaceInfo>();
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.NetworkInterfaceType == NetworkInterfaceType.Loopback || nic.OperationalStatus != OperationalStatus.Up)
            {
                continue;
            }

            var addresses = nic.GetIPProperties().UnicastAddresses
                .Where(a => a.Address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
                .Select(a => a.Address.ToString())
                .ToArray();
            var mac = string.Join(':', nic.GetPhysicalAddress().GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
            result.Add(new NetworkInterfaceInfo(nic.Name, mac, addresses));
        }

        return result;
    }
}
