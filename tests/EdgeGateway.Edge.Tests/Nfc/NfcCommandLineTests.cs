using System.Text.Json;
using EdgeGateway.Edge.Cli;
using EdgeGateway.Testing.Cli;

namespace EdgeGateway.Edge.Tests.Nfc;

/// <summary>`edgegw nfc` verbs against the simulated reader (emulated PN532 behind the HSU driver).</summary>
public class NfcCommandLineTests
{
    [Fact]
    public async Task Info_prints_firmware_communication_test_and_the_tag_in_the_field()
    {
        var run = await CommandLineRun.InvokeAsync(EdgeCommandLine.Build(), "nfc", "info", "--simulate");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("firmware: PN532 firmware 1.6", run.Output, StringComparison.Ordinal);
        Assert.Contains("communication test: ok", run.Output, StringComparison.Ordinal);
        Assert.Contains("tag: 045a6b7c8d9ea0 (NTAG21x/Ultralight family", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_prints_one_JSON_object_with_the_documented_fields()
    {
        var run = await CommandLineRun.InvokeAsync(EdgeCommandLine.Build(), "nfc", "read", "--simulate");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal("045a6b7c8d9ea0", root.GetProperty("uid").GetString());
        Assert.Equal("ntag213", root.GetProperty("type").GetString());
        Assert.Equal("0044", root.GetProperty("atqa").GetString());
        Assert.Equal("00", root.GetProperty("sak").GetString());
        Assert.Equal(42, root.GetProperty("counter").GetInt32());
        var record = Assert.Single(root.GetProperty("ndef").EnumerateArray());
        Assert.Equal(1, record.GetProperty("tnf").GetInt32());
        Assert.Equal("U", record.GetProperty("type").GetString());
        Assert.Equal("https://edgegateway.example/t/demo-shelf-1", record.GetProperty("uri").GetString());
    }

    [Fact]
    public async Task Write_url_writes_and_verifies()
    {
        var run = await CommandLineRun.InvokeAsync(EdgeCommandLine.Build(), "nfc", "write-url", "https://shop.example/t/9", "--simulate");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("wrote https://shop.example/t/9 to ntag213 045a6b7c8d9ea0", run.Output, StringComparison.Ordinal);
        Assert.Contains("verified", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_url_rejects_a_relative_url_with_one_line()
    {
        var run = await CommandLineRun.InvokeAsync(EdgeCommandLine.Build(), "nfc", "write-url", "shop/t/9", "--simulate");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("nfc: 'shop/t/9' is not an absolute URL (e.g. https://shop.example/t/1).", run.Error.Trim());
    }

    [Fact]
    public async Task Watch_prints_the_tap_as_the_JSON_the_cloud_receives()
    {
        var run = await CommandLineRun.InvokeAsync(EdgeCommandLine.Build(), "nfc", "watch", "--simulate", "--count", "1");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output.Trim());
        Assert.Equal("ntag213", json.RootElement.GetProperty("tagType").GetString());
        Assert.True(json.RootElement.GetProperty("signaturePresent").GetBoolean());
    }

    [Fact]
    public async Task A_missing_serial_port_is_one_line_and_exit_1()
    {
        var run = await CommandLineRun.InvokeAsync(EdgeCommandLine.Build(), "nfc", "info", "--port", "/dev/does-not-exist");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("nfc: cannot open serial port /dev/does-not-exist", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }
}
