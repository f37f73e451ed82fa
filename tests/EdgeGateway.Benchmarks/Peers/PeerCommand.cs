using System.Globalization;

namespace EdgeGateway.Benchmarks.Peers;

/// <summary>
/// `peers ...`: our side of the public-peer comparisons run by tests/peers/run.sh, which runs the peer on the
/// same inputs in the same run and prints the ratio. Not BenchmarkDotNet: the peers are other processes,
/// so every side is timed the same way, by wall clock around the same work.
/// </summary>
internal static class PeerCommand
{
    private const string Usage =
        "usage: peers mqtt-payload batch|single FILE | peers mqtt-publish HOST PORT PAYLOAD_FILE COUNT IN_FLIGHT" +
        " | peers ble-decode VECTORS_FILE ROUNDS";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            switch (args)
            {
                case ["mqtt-payload", var kind and ("batch" or "single"), var file]:
                    await File.WriteAllBytesAsync(file, HeartbeatEnvelopePayload.Build(fullBatch: kind == "batch"));
                    return 0;
                case ["mqtt-publish", var host, var port, var payloadFile, var count, var inFlight]:
                    return await MqttnetPublishRun.RunAsync(
                        host,
                        Positive(port, "PORT"),
                        await File.ReadAllBytesAsync(payloadFile),
                        Positive(count, "COUNT"),
                        Positive(inFlight, "IN_FLIGHT"),
                        output,
                        CancellationToken.None);
                case ["ble-decode", var vectorsFile, var rounds]:
                    return BleDecodeRun.Run(vectorsFile, Positive(rounds, "ROUNDS"), output, error);
                default:
                    await error.WriteLineAsync(Usage);
                    return 2;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or IOException or UnauthorizedAccessException or MQTTnet.Exceptions.MqttCommunicationException)
        {
            await error.WriteLineAsync($"peers {args[0]}: {ex.Message}");
            return 1;
        }
    }

    private static int Positive(string text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} must be a positive integer, not '{text}'");
}
