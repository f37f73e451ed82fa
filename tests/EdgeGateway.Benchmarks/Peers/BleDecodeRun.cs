using System.Diagnostics;
using System.Globalization;
using EdgeGateway.Hardware.Ble;

namespace EdgeGateway.Benchmarks.Peers;

/// <summary>
/// Our side of the BLE decoder comparison: <see cref="AdvertisementDecoder.Decode"/> (AD structures → every
/// beacon frame we know) over the vectors of tests/peers/ble-vectors.hex, round robin, on one thread; a
/// tenth of the rounds first as warm-up. Fails if a vector does not decode, so both sides do the same work.
/// </summary>
internal static class BleDecodeRun
{
    public static int Run(string vectorsFile, int rounds, TextWriter output, TextWriter error)
    {
        var vectors = File.ReadAllLines(vectorsFile)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(Convert.FromHexString)
            .ToArray();
        foreach (var vector in vectors)
        {
            var problem = AdvertisementDecoder.Decode(vector, out var decoded);
            if (problem is not null || decoded.Frames == BeaconFrameKinds.None)
            {
                error.WriteLine($"peers ble-decode: vector {Convert.ToHexString(vector)} did not decode: {problem ?? "no beacon frame"}");
                return 1;
            }
        }

        var sink = Decode(vectors, Math.Max(1, rounds / 10));
        var clock = Stopwatch.StartNew();
        sink += Decode(vectors, rounds);
        var seconds = clock.Elapsed.TotalSeconds;
        var reports = (double)rounds * vectors.Length;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"ours reports={reports:F0} vectors={vectors.Length} seconds={seconds:F3} reports_per_s={reports / seconds:F0} frames_seen={sink}"));
        return 0;
    }

    private static long Decode(byte[][] vectors, int rounds)
    {
        // The sum of frame kinds keeps the JIT from dropping decodes whose result is unused.
        long sink = 0;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var vector in vectors)
            {
                _ = AdvertisementDecoder.Decode(vector, out var decoded);
                sink += (long)decoded.Frames;
            }
        }

        return sink;
    }
}
