using EdgeGateway.Edge.Cli;
using EdgeGateway.Edge.Hosting;

namespace EdgeGateway.Edge.Tests.Hosting;

public class RunVerbConfigurationTests
{
    [Theory]
    [InlineData("Gateway:GatewayId=bad/id", "Gateway:GatewayId 'bad/id' must be")]
    [InlineData("Gateway:DataDirectory=relative/dir", "Gateway:DataDirectory 'relative/dir' must be an absolute path")]
    [InlineData("Diagnostics:Port=70000", "Diagnostics:Port 70000 must be 0-65535")]
    [InlineData("Diagnostics:MetricsToken=short", "Diagnostics:MetricsToken must be at least 16 characters")]
    [InlineData("no-equals-sign", "--set 'no-equals-sign' must look like Section:Key=value")]
    public async Task A_bad_setting_is_one_line_naming_the_key_and_exit_code_2(string setting, string expected)
    {
        var (exitCode, error) = await RunAsync(new RunSettings("/nonexistent.json", false, false,
            ["Gateway:GatewayId=shop-1", "Gateway:DataDirectory=/tmp", setting]));

        Assert.Equal(StartupFailure.ConfigurationExitCode, exitCode);
        Assert.StartsWith("edgegw: configuration error: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Malformed_json_names_the_file_and_the_position()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "{ \"Gateway\": { \"GatewayId\": ", TestContext.Current.CancellationToken);

        var (exitCode, error) = await RunAsync(new RunSettings(file, true, false, []));
        File.Delete(file);

        Assert.Equal(2, exitCode);
        Assert.Contains(file, error, StringComparison.Ordinal);
        Assert.Contains("LineNumber", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_technician_password_file_says_to_provision()
    {
        var (exitCode, error) = await RunAsync(new RunSettings("/nonexistent.json", false, false,
            ["Gateway:GatewayId=shop-1", "Gateway:DataDirectory=/tmp", "Diagnostics:PasswordHashFile=/nonexistent/technician.hash"]));

        Assert.Equal(2, exitCode);
        Assert.Contains("Diagnostics:PasswordHashFile", error, StringComparison.Ordinal);
        Assert.Contains("gatewayctl provision", error, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Error)> RunAsync(RunSettings settings)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await RunVerb.RunAsync(settings, output, error, TestContext.Current.CancellationToken);
        return (exitCode, error.ToString());
    }
}
