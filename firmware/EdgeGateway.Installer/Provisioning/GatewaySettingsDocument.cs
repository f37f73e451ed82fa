using System.Text.Json.Nodes;

namespace EdgeGateway.Installer.Provisioning;

/// <summary>The appsettings.json a provisioned gateway runs with (keys as edgegw's options sections name them).</summary>
public static class GatewaySettingsDocument
{
    public static JsonObject Create(ProvisioningRequest request)
    {
        var config = BootPartitionLayout.DeviceConfigDirectory;
        return new JsonObject
        {
            ["Gateway"] = new JsonObject
            {
                ["GatewayId"] = request.GatewayId,
                ["Site"] = request.Site,
                ["DataDirectory"] = BootPartitionLayout.DeviceDataDirectory,
            },
            ["Uplink"] = new JsonObject
            {
                ["GatewayId"] = request.GatewayId,
                ["Site"] = request.Site,
                ["Host"] = request.Broker.Host,
                ["Port"] = request.Broker.IsDefaultPort ? 8883 : request.Broker.Port,
                ["UseTls"] = true,
                ["CaFile"] = $"{config}/ca.crt",
                ["ClientCertificateFile"] = $"{config}/gateway.crt",
                ["ClientKeyFile"] = $"{config}/gateway.key",
            },
            ["Diagnostics"] = new JsonObject
            {
                ["PasswordHashFile"] = $"{config}/technician.hash",
            },
        };
    }
}
