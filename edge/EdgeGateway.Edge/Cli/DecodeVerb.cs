using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeGateway.Hardware.Ble;
using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Edge.Cli;

/// <summary>
/// `edgegw decode`: one hex line in, one JSON line out. By default a line is the advertising data (AD
/// structures) of one report; with --hci it is a whole H4 event packet (04 3E ...), and every report in it
/// gives one line with its address and RSSI. Input that does not parse gives a line with `error`.
/// </summary>
internal static class DecodeVerb
{
    public static Command Create()
    {
        var hci = new Option<bool>("--hci")
        {
            Description = "each line is a whole H4 event packet (LE Advertising Report or LE Extended Advertising Report), one output line per report",
        };
        var input = new Option<FileInfo?>("--input")
        {
            Description = "read lines from this file instead of stdin",
        };
        var command = new Command("decode", "Decode beacon advertisements given as hex lines on stdin, one JSON object per line") { hci, input };
        command.SetAction(async (result, ct) =>
        {
            var file = result.GetValue(input);
            if (file is not null && !file.Exists)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync($"edgegw decode: {file.FullName} does not exist");
                return 2;
            }

            using var reader = file is null ? Console.In : file.OpenText();
            return await RunAsync(reader, result.InvocationConfiguration.Output, result.GetValue(hci), ct);
        });
        return command;
    }

    /// <summary>Decodes every line; returns 0 when all decoded cleanly, 1 when some gave an error line.</summary>
    internal static async Task<int> RunAsync(TextReader input, TextWriter output, bool hci, CancellationToken cancellationToken)
    {
        var errors = 0;
        var lines = new List<string>();
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            lines.Clear();
            errors += hci ? DecodeHci(text, lines) : DecodeAdvertisingData(text, lines);
            foreach (var json in lines)
            {
                await output.WriteLineAsync(json.AsMemory(), cancellationToken);
            }
        }

        return errors == 0 ? 0 : 1;
    }

    private static int DecodeAdvertisingData(string text, List<string> lines)
    {
        if (ParseHex(text, out var bytes) is { } hexError)
        {
            return Error(lines, hexError);
        }

        var error = AdvertisementDecoder.Decode(bytes, out var ad);
        lines.Add(Json(json =>
        {
            AdvertisementJson.WriteFrames(json, ad);
            var identity = ad.Identity(default);
            if (identity.Kind != BeaconIdKind.Address)
            {
                json.WriteString("id", identity.ToString());
            }

            if (error is not null)
            {
                json.WriteString("error", error);
            }
        }));
        return error is null ? 0 : 1;
    }

    private static int DecodeHci(string text, List<string> lines)
    {
        if (ParseHex(text, out var packet) is { } hexError)
        {
            return Error(lines, hexError);
        }

        if (packet.Length < 4 || packet[0] != (byte)H4PacketType.Event)
        {
            return Error(lines, "not an H4 event packet (must start with 04, then event code and length)");
        }

        if (packet[2] != packet.Length - 3)
        {
            return Error(lines, string.Create(CultureInfo.InvariantCulture, $"event length byte says {packet[2]} but {packet.Length - 3} parameter bytes follow"));
        }

        if (packet[1] != (byte)HciEventCode.LeMeta || packet[3] is not ((byte)LeSubeventCode.AdvertisingReport or (byte)LeSubeventCode.ExtendedAdvertisingReport))
        {
            return Error(lines, string.Create(CultureInfo.InvariantCulture, $"event 0x{packet[1]:X2} subevent 0x{packet[3]:X2} is not an LE advertising report"));
        }

        var errors = 0;
        var reports = 0;
        void OnReport(in AdvertisingReport report)
        {
            reports++;
            var error = AdvertisementDecoder.Decode(report.Data, out var ad);
            var address = report.Address;
            var rssi = report.Rssi;
            errors += error is null ? 0 : 1;
            lines.Add(Json(json =>
            {
                json.WriteString("address", address.ToString());
                if (rssi != AdvertisingReport.NotAvailable)
                {
                    json.WriteNumber("rssi", rssi);
                }

                AdvertisementJson.WriteFrames(json, ad);
                json.WriteString("id", ad.Identity(address).ToString());
                if (error is not null)
                {
                    json.WriteString("error", error);
                }
            }));
        }

        var parameters = packet.AsSpan(4);
        var reportError = packet[3] == (byte)LeSubeventCode.AdvertisingReport
            ? AdvertisingReportParser.ParseLegacy(parameters, OnReport)
            : AdvertisingReportParser.ParseExtended(parameters, OnReport);
        if (reportError is not null)
        {
            return errors + Error(lines, reportError);
        }

        return reports == 0 ? Error(lines, "no complete report in the event (fragmented extended data is not reassembled)") : errors;
    }

    private static string? ParseHex(string text, out byte[] bytes)
    {
        bytes = [];
        var compact = text.Replace(" ", "", StringComparison.Ordinal).Replace(":", "", StringComparison.Ordinal);
        if (compact.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            compact = compact[2..];
        }

        if (compact.Length % 2 != 0)
        {
            return $"odd number of hex digits ({compact.Length})";
        }

        try
        {
            bytes = Convert.FromHexString(compact);
            return null;
        }
        catch (FormatException)
        {
            return "not hexadecimal";
        }
    }

    private static int Error(List<string> lines, string reason)
    {
        lines.Add(Json(json => json.WriteString("error", reason)));
        return 1;
    }

    /// <summary>One JSON object as a line of text.</summary>
    private static string Json(Action<Utf8JsonWriter> writeProperties)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            writeProperties(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
