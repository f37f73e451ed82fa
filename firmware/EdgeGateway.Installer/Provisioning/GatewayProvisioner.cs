using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using EdgeGateway.Edge.Diagnostics.Auth;
using EdgeGateway.Installer.Pki;
using EdgeGateway.Protocol.Topics;

namespace EdgeGateway.Installer.Provisioning;

/// <summary>
/// Writes one gateway's identity onto a boot partition: settings, CA, client certificate and key, and
/// the technician password hash. Idempotent for the same gateway; refuses another gateway's card
/// without --force. Files go to a temporary folder first and are moved in place together, with the
/// completion marker last, so an interrupted run never leaves a card that looks provisioned.
/// </summary>
public sealed class GatewayProvisioner(TimeProvider time)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The outcome; <see cref="Password"/> is set only when a new password was made (shown once, never stored).</summary>
    public sealed record Result(BootPartitionLayout Layout, bool Changed, string? Password, ProvisioningRecord Record);

    public Result Provision(ProvisioningRequest request)
    {
        Validate(request);
        var fleet = new FleetLayout(Path.GetFullPath(request.FleetDirectory));
        fleet.RequireExisting();
        if (!System.IO.Directory.Exists(request.BootDirectory))
        {
            throw new DirectoryNotFoundException($"boot partition {request.BootDirectory} does not exist (is the card mounted?)");
        }

        var layout = new BootPartitionLayout(Path.GetFullPath(request.BootDirectory));
        var existing = ReadRecord(layout);
        if (existing is not null && existing.GatewayId != request.GatewayId && !request.Force)
        {
            throw new InvalidOperationException(
                $"this card is provisioned as gateway '{existing.GatewayId}' (site {existing.Site}); use --force to replace it with '{request.GatewayId}'");
        }

        var sameGateway = existing is not null && existing.GatewayId == request.GatewayId && File.Exists(layout.CompleteMarker);
        if (sameGateway && existing!.Site == request.Site && existing.Broker == request.Broker.ToString() && !request.RotatePassword)
        {
            return new Result(layout, Changed: false, Password: null, existing);
        }

        using var authority = FleetAuthority.Load(fleet.CaCertificate, fleet.CaKey, time);
        var staging = System.IO.Directory.CreateDirectory(Path.Combine(layout.BootDirectory, $".edgegw-staging-{Environment.ProcessId}")).FullName;
        try
        {
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            void Stage(string finalPath, Action<string> write)
            {
                var path = Path.Combine(staging, Path.GetFileName(finalPath));
                write(path);
                files[path] = finalPath;
            }

            Stage(layout.Settings, p => File.WriteAllText(p, GatewaySettingsDocument.Create(request).ToJsonString(Indented) + "\n"));
            Stage(layout.CaCertificate, p => PemFile.WriteCertificate(p, authority.Certificate));
            using var certificate = authority.IssueClient(request.GatewayId, time);
            Stage(layout.Certificate, p => PemFile.WriteCertificate(p, certificate));
            Stage(layout.Key, p => PemFile.WritePrivateKey(p, certificate.GetECDsaPrivateKey()!));

            string? password = null;
            if (!sameGateway || request.RotatePassword || !File.Exists(layout.PasswordHash))
            {
                password = TechnicianPasswordHash.GeneratePassword();
                var hash = TechnicianPasswordHash.Create(password).ToString();
                Stage(layout.PasswordHash, p => File.WriteAllText(p, hash + "\n"));
            }

            var record = new ProvisioningRecord(request.GatewayId, request.Site, request.Broker.ToString(), FleetAuthority.SerialOf(certificate),
                certificate.NotAfter.ToUniversalTime(), time.GetUtcNow(), ToolVersion());
            Stage(layout.Record, p => File.WriteAllText(p, JsonSerializer.Serialize(record, Indented) + "\n"));

            System.IO.Directory.CreateDirectory(layout.Directory);
            File.Delete(layout.CompleteMarker);
            foreach (var (from, to) in files)
            {
                File.Move(from, to, overwrite: true);
            }

            File.WriteAllText(layout.CompleteMarker, $"{request.GatewayId}\n");
            return new Result(layout, Changed: true, password, record);
        }
        finally
        {
            System.IO.Directory.Delete(staging, recursive: true);
        }
    }

    private static void Validate(ProvisioningRequest request)
    {
        if (!GatewayTopics.IsValidLevel(request.GatewayId))
        {
            throw new ArgumentException($"--gateway-id '{request.GatewayId}' must be 1-{GatewayTopics.MaxGatewayIdLength} characters from A-Z a-z 0-9 - _ .");
        }

        if (string.IsNullOrWhiteSpace(request.Site))
        {
            throw new ArgumentException("--site is required");
        }

        if (request.Broker.Scheme != "mqtts" || string.IsNullOrEmpty(request.Broker.Host))
        {
            throw new ArgumentException($"--broker '{request.Broker}' must look like mqtts://host:8883 (TLS is required)");
        }
    }

    private static ProvisioningRecord? ReadRecord(BootPartitionLayout layout)
    {
        if (!File.Exists(layout.Record))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ProvisioningRecord>(File.ReadAllText(layout.Record));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{layout.Record} is damaged ({ex.Message}); inspect the card or use --force", ex);
        }
    }

    private static string ToolVersion() =>
        typeof(GatewayProvisioner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
