using EdgeGateway.CloudBridge.Cli;
using EdgeGateway.Testing.Cli;

namespace EdgeGateway.CloudBridge.Tests.Config;

/// <summary>`edgegw-bridge run` refuses bad configuration with one line naming the key and exit code 2.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("egw-bridge-config-");

    private string File(string json)
    {
        var path = Path.Combine(_directory.FullName, $"{Guid.NewGuid():N}.json");
        System.IO.File.WriteAllText(path, json);
        return path;
    }

    [Theory]
    [InlineData("""{"Mqtt": {"Port": 0}}""", "config: Mqtt:Port: must be between 1 and 65535 (got 0)")]
    [InlineData("""{"Mqtt": {"Prot": 1883}}""", "config: Mqtt:Prot: unknown key (Mqtt has Host, Port,")]
    [InlineData("""{"Mqtt": {"Port": "abc"}}""", "config: Failed to convert configuration value 'abc' at 'Mqtt:Port'")]
    [InlineData("""{"Store": {"Kind": "mysql"}}""", "config: Store:Kind: must be 'litedb' or 'postgres' (got 'mysql')")]
    [InlineData("""{"Store": {"Kind": "postgres"}}""", "config: Store:PostgresConnectionString: required when Store:Kind is postgres")]
    [InlineData("""{"Api": {"Tokens": ["short"]}}""", "config: Api:Tokens: every token must be at least 16 characters")]
    [InlineData("""{"Api": {"Url": "ftp://x"}}""", "config: Api:Url: must be an http:// URL")]
    [InlineData("""{"Mqtt": {"SharedGroup": "a/b"}}""", "config: Mqtt:SharedGroup: 'a/b' is not a valid topic level")]
    [InlineData("""{"Mqtt": """, "config: '")]
    public async Task A_bad_configuration_file_is_one_line_naming_the_key_and_exit_code_2(string json, string expected)
    {
        var run = await CommandLineRun.InvokeAsync(BridgeCommandLine.Build(), "run", "--config", File(json));

        Assert.Equal(RunCommand.ConfigError, run.ExitCode);
        Assert.StartsWith(expected, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_missing_configuration_file_is_named()
    {
        var run = await CommandLineRun.InvokeAsync(BridgeCommandLine.Build(), "run", "--config", "/nonexistent/bridge.json");

        Assert.Equal(RunCommand.ConfigError, run.ExitCode);
        Assert.Equal("config: file '/nonexistent/bridge.json' does not exist", run.Error.Trim());
    }

    [Fact]
    public async Task Set_overrides_are_validated_too()
    {
        var bad = await CommandLineRun.InvokeAsync(BridgeCommandLine.Build(), "run", "--set", "Ingest:BatchMaxMessages=0");
        var malformed = await CommandLineRun.InvokeAsync(BridgeCommandLine.Build(), "run", "--set", "novalue");

        Assert.Equal((2, "config: Ingest:BatchMaxMessages: must be between 1 and 65535 (got 0)"), (bad.ExitCode, bad.Error.Trim()));
        Assert.Equal(2, malformed.ExitCode);
        Assert.StartsWith("--set: 'novalue' is not Key=Value", malformed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Environment_variables_override_the_file_and_are_validated()
    {
        const string variable = "EDGEGW_BRIDGE_Ingest__MaxItemsPerEnvelope";
        Environment.SetEnvironmentVariable(variable, "0");
        try
        {
            var run = await CommandLineRun.InvokeAsync(BridgeCommandLine.Build(), "run", "--config", File("""{"Ingest": {"MaxItemsPerEnvelope": 50}}"""));

            Assert.Equal((2, "config: Ingest:MaxItemsPerEnvelope: must be between 1 and 100000 (got 0)"), (run.ExitCode, run.Error.Trim()));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task Help_lists_the_run_verb()
    {
        var run = await CommandLineRun.InvokeAsync(BridgeCommandLine.Build(), "--help");

        Assert.Contains("run", run.Output, StringComparison.Ordinal);
        Assert.Contains("fleet API", run.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
