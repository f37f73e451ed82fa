using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeGateway.Testing.Tools;

namespace EdgeGateway.EndToEnd.Processes;

/// <summary>The README's first command: `gatewayctl simulate-store` brings up broker, bridge and gateway, and Ctrl+C stops them all.</summary>
public partial class SimulatedStoreTests
{
    [Theory]
    [InlineData("mosquitto")]
    [InlineData("builtin")]
    public async Task The_simulated_store_delivers_beacons_to_the_fleet_api_and_stops_cleanly(string broker)
    {
        if (broker == "mosquitto")
        {
            ExternalProgram.Mosquitto.Require();
        }

        var ct = TestContext.Current.CancellationToken;
        var data = Directory.CreateTempSubdirectory("egw-store-").FullName;
        var apiPort = FreePort.Next();
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "gatewayctl"),
            ["simulate-store", "--data", data, "--broker-port", $"{FreePort.Next()}", "--page-port", $"{FreePort.Next()}", "--api-port", $"{apiPort}", "--beacons", "12", "--broker", broker])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var output = new StringBuilder();
        using var store = new Process { StartInfo = start };
        store.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        store.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        store.Start();
        store.BeginOutputReadLine();
        store.BeginErrorReadLine();
        try
        {
            var token = await WaitForTokenAsync(() => { lock (output) { return TokenLine().Match(output.ToString()) is { Success: true } m ? m.Groups[1].Value : null; } });
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", token);

            var beacons = await WaitForAsync(async () =>
            {
                using var page = JsonDocument.Parse(await http.GetStringAsync("/api/v1/beacons/", ct));
                var count = page.RootElement.GetProperty("count").GetInt32();
                return count >= 12 ? (int?)count : null;
            });
            // A heartbeat batch can reach the bridge before the gateway's retained birth message does (it then creates
            // the gateway's row, still offline), so the online flag is waited for rather than read once.
            var online = await WaitForAsync(async () =>
            {
                using var gateways = JsonDocument.Parse(await http.GetStringAsync("/api/v1/gateways/", ct));
                var results = gateways.RootElement.GetProperty("results");
                return results.GetArrayLength() > 0 && results[0].GetProperty("online").GetBoolean() ? (bool?)true : null;
            });

            Assert.True(beacons >= 12);
            Assert.True(online);
            PosixSignal.Send(store.Id, PosixSignal.Terminate);
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(45));
            await store.WaitForExitAsync(deadline.Token);
            Assert.Equal(0, store.ExitCode);
            Assert.Contains("stopping: gateway, bridge, broker", output.ToString(), StringComparison.Ordinal);
            Assert.Contains(broker == "builtin" ? "broker: built-in MQTTnet broker" : "broker: mosquitto", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            if (!store.HasExited)
            {
                store.Kill(entireProcessTree: true);
            }

            Directory.Delete(data, recursive: true);
        }

        async Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
        {
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (DateTime.UtcNow < until)
            {
                try
                {
                    if (await probe() is { } value)
                    {
                        return value;
                    }
                }
                catch (HttpRequestException)
                {
                    // The bridge API is not up yet.
                }

                await Task.Delay(300, ct);
            }

            throw new TimeoutException($"simulated store did not get there in 60 s:\n{output}");
        }
    }

    private static async Task<string> WaitForTokenAsync(Func<string?> probe)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < until)
        {
            if (probe() is { } value)
            {
                return value;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("the simulated store did not print its fleet API token within 60 s");
    }

    [GeneratedRegex(@"Authorization: Token ([0-9a-f]+)\)")]
    private static partial Regex TokenLine();
}
