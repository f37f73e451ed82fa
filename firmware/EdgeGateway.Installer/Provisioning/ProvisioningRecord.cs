namespace EdgeGateway.Installer.Provisioning;

/// <summary>provision.json on the boot partition: what was provisioned, so a second run can tell "same gateway" from "another gateway".</summary>
public sealed record ProvisioningRecord(
    string GatewayId,
    string Site,
    string Broker,
    string CertificateSerial,
    DateTimeOffset CertificateNotAfter,
    DateTimeOffset ProvisionedAt,
    string ToolVersion);
