namespace EdgeGateway.Installer.Provisioning;

/// <summary>What `gatewayctl provision` was asked to write.</summary>
/// <param name="GatewayId">MQTT identity and topic level.</param>
/// <param name="Site">The shop the gateway is installed in.</param>
/// <param name="Broker">mqtts://host:port the gateway connects to.</param>
/// <param name="FleetDirectory">Made by `gatewayctl fleet init`.</param>
/// <param name="BootDirectory">The SD card's boot partition (or a folder standing in for it).</param>
/// <param name="Force">Replace another gateway's identity on this card.</param>
/// <param name="RotatePassword">Issue a new technician password for an already provisioned card.</param>
public sealed record ProvisioningRequest(
    string GatewayId,
    string Site,
    Uri Broker,
    string FleetDirectory,
    string BootDirectory,
    bool Force,
    bool RotatePassword);
