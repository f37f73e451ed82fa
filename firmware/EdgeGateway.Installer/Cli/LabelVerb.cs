using System.CommandLine;
using EdgeGateway.Installer.Labels;
using EdgeGateway.Protocol.Topics;

namespace EdgeGateway.Installer.Cli;

/// <summary>`gatewayctl label`: the sticker for the gateway's case (QR to the page, id, site, password).</summary>
internal static class LabelVerb
{
    public static Command Create()
    {
        var gatewayId = new Option<string>("--gateway-id") { Description = "the gateway's identity", Required = true };
        var site = new Option<string>("--site") { Description = "site (shop) name", Required = true };
        var url = new Option<string?>("--url") { Description = "diagnostic page URL (default http://<gateway-id>.local:8080/)" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "read the technician password from standard input (keeps it out of shell history)" };
        var output = new Option<string>("--out") { Description = "label.png (300 dpi) or label.pdf", Required = true };
        var command = new Command("label", "Make a printable 62 x 29 mm label: QR code to the diagnostic page, gateway id, site and technician password")
        {
            gatewayId, site, url, passwordStdin, output,
        };
        command.SetAction((result, ct) => CliErrors.RunAsync(result.InvocationConfiguration.Error, async () =>
        {
            var id = result.GetValue(gatewayId)!;
            if (!GatewayTopics.IsValidLevel(id))
            {
                throw new ArgumentException($"--gateway-id '{id}' is not a valid gateway id");
            }

            if (!result.GetValue(passwordStdin))
            {
                throw new ArgumentException("the label prints the technician password: pass it with --password-stdin (e.g. echo \"$PW\" | gatewayctl label …)");
            }

            var password = (await Console.In.ReadLineAsync(ct))?.Trim();
            if (string.IsNullOrEmpty(password))
            {
                throw new ArgumentException("no password on standard input");
            }

            var pageUrl = result.GetValue(url) ?? $"http://{id}.local:8080/";
            if (!Uri.TryCreate(pageUrl, UriKind.Absolute, out var pageUri))
            {
                throw new ArgumentException($"--url '{pageUrl}' is not a URL");
            }

            var path = result.GetValue(output)!;
            var content = new LabelContent(id, result.GetValue(site)!, pageUri, password);
            var bytes = Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".png" => PngLabelRenderer.Render(content),
                ".pdf" => PdfLabelRenderer.Render(content),
                _ => throw new ArgumentException($"--out '{path}' must end in .png or .pdf"),
            };
            await File.WriteAllBytesAsync(path, bytes, ct);
            await result.InvocationConfiguration.Output.WriteLineAsync($"label written: {path}");
            return 0;
        }));
        return command;
    }
}
