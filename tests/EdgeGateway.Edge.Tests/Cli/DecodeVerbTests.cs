using System.Text.Json;
using EdgeGateway.Edge.Cli;
using EdgeGateway.Testing.Cli;

namespace EdgeGateway.Edge.Tests.Cli;

public class DecodeVerbTests
{
    [Fact]
    public async Task Each_line_of_advertising_data_becomes_one_json_object_with_the_issue_keys()
    {
        var lines = await DecodeAsync(false,
            "020106 1AFF4C000215E2C56DB5DFFB48D2B060D0F5A71096E000010002C5",
            "1BFF1801BEAC2F234454CF6D4A0FADF2F4911BA9FFA6000100 02C500",
            "0303AAFE 1516AAFE00E78B6CFA94B15E6F1AB6D40000000000010000",
            "0D16AAFE10EB03676F6F676C6507",
            "1116AAFE20000BB8178000000010 00000064",
            "0D16AAFE30F80123456789ABCDEF",
            "1BFF9904 0512FC5394C37C0004FFFC040CAC364200CDCBB8334C884F");

        Assert.Equal(7, lines.Count);
        Assert.Equal(
            """{"ibeacon":{"uuid":"e2c56db5-dffb-48d2-b060-d0f5a71096e0","major":1,"minor":2,"txPower":-59},"id":"ibeacon:e2c56db5-dffb-48d2-b060-d0f5a71096e0:1:2"}""",
            lines[0]);
        Assert.Equal(
            """{"altbeacon":{"id1":"2f234454-cf6d-4a0f-adf2-f4911ba9ffa6","id2":1,"id3":2,"txPower":-59,"manufacturer":280,"reserved":0}}""",
            lines[1]);
        Assert.Equal(
            """{"eddystoneUid":{"namespace":"8b6cfa94b15e6f1ab6d4","instance":"000000000001","txPower":-25},"id":"eddystone:8b6cfa94b15e6f1ab6d4:000000000001"}""",
            lines[2]);
        Assert.Equal("""{"eddystoneUrl":{"url":"https://google.com","txPower":-21}}""", lines[3]);
        Assert.Equal("""{"eddystoneTlm":{"batteryMv":3000,"temperatureC":23.5,"advCount":16,"uptimeS":10}}""", lines[4]);
        Assert.Equal("""{"eddystoneEid":{"eid":"0123456789abcdef","txPower":-8}}""", lines[5]);
        Assert.Equal(
            """{"ruuvi":{"temperatureC":24.3,"humidityPct":53.49,"pressurePa":100044,"accelG":[0.004,-0.004,1.036],"batteryMv":2977,"txPower":4,"movement":66,"sequence":205,"mac":"cb:b8:33:4c:88:4f"}}""",
            lines[6]);
    }

    [Fact]
    public async Task Absent_values_are_omitted()
    {
        var lines = await DecodeAsync(false,
            "1116AAFE2000000080000000000100000001",
            "1BFF9904058000FFFFFFFF800080008000FFFFFFFFFFFFFFFFFFFFFF");
        Assert.Equal("""{"eddystoneTlm":{"advCount":1,"uptimeS":0.1}}""", lines[0]);
        Assert.Equal("""{"ruuvi":{}}""", lines[1]);
    }

    [Theory]
    [InlineData("zz", "not hexadecimal")]
    [InlineData("123", "odd number of hex digits (3)")]
    [InlineData("1AFF4C00", "AD structure at offset 0 claims 26 bytes but only 3 remain")]
    [InlineData("16FF4C000215E2C56DB5DFFB48D2B060D0F5A71096E00001", "iBeacon data is 17 bytes with length byte 0x15, expected 21 bytes (0x15)")]
    public async Task Bad_input_gives_an_error_line_with_the_reason(string hex, string reason)
    {
        var line = Assert.Single(await DecodeAsync(false, hex));
        using var doc = JsonDocument.Parse(line);
        Assert.Equal(reason, doc.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Hci_mode_prints_one_line_per_report_with_address_and_rssi()
    {
        // LE Advertising Report, 2 reports: an iBeacon (ADV_NONCONN_IND) and a scan response with a name.
        const string first = "03" + "01" + "123E6A8D7CC4" + "1E" + "0201061AFF4C000215E2C56DB5DFFB48D2B060D0F5A71096E000010002C5" + "BD";
        const string second = "04" + "01" + "123E6A8D7CC4" + "05" + "0409414243" + "BA";
        var parameters = "02" + "02" + first + second;
        var packet = $"043E{parameters.Length / 2:X2}{parameters}";

        var lines = await DecodeAsync(true, packet, "040E0401030C00", "043E0502010300");

        Assert.Equal(4, lines.Count);
        Assert.StartsWith("""{"address":"c4:7c:8d:6a:3e:12","rssi":-67,"ibeacon":""", lines[0], StringComparison.Ordinal);
        Assert.Equal("""{"address":"c4:7c:8d:6a:3e:12","rssi":-70,"id":"c4:7c:8d:6a:3e:12"}""", lines[1]);
        Assert.Contains("is not an LE advertising report", lines[2], StringComparison.Ordinal);
        Assert.Contains("error", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_verb_reads_a_file_and_exits_non_zero_when_a_line_failed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgegw-decode-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(path, ["0D16AAFE30F80123456789ABCDEF", "zz"], TestContext.Current.CancellationToken);
        try
        {
            var run = await CommandLineRun.InvokeAsync(EdgeCommandLine.Build(), "decode", "--input", path);
            Assert.Equal(1, run.ExitCode);
            Assert.Equal(2, run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<List<string>> DecodeAsync(bool hci, params string[] input)
    {
        using var output = new StringWriter();
        await DecodeVerb.RunAsync(new StringReader(string.Join('\n', input)), output, hci, TestContext.Current.CancellationToken);
        return [.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r'))];
    }
}
