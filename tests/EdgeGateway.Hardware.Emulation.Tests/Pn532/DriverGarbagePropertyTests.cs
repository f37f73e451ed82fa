using System.Diagnostics;
using EdgeGateway.Hardware.Emulation.Links;
using EdgeGateway.Hardware.Pn532;
using EdgeGateway.Hardware.Pn532.Frames;
using EdgeGateway.Hardware.Pn532.Transports;
using Pn532Driver = EdgeGateway.Hardware.Pn532.Pn532;

namespace EdgeGateway.Hardware.Emulation.Tests.Pn532;

/// <summary>
/// Whatever a broken chip or a noisy line sends, a command ends — with an answer or a Pn532Exception —
/// within its deadlines. Bounded: 150 seeded cases of noise mixed with frame fragments.
/// </summary>
public class DriverGarbagePropertyTests
{
    [Fact]
    public async Task Any_bytes_from_the_chip_end_in_an_answer_or_a_Pn532Exception_within_the_deadline()
    {
        var random = new Random(4711);
        var options = new Pn532Options { AckTimeout = TimeSpan.FromMilliseconds(15), ResponseTimeout = TimeSpan.FromMilliseconds(25), CommandAttempts = 1 };
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < 150; i++)
        {
            var link = new DuplexLink();
            await using var _ = link;
            using var driver = new Pn532Driver(new Pn532HsuTransport(link.HostEnd), options);
            await link.DeviceEnd.WriteAsync(Noise(random), TestContext.Current.CancellationToken);

            var watch = Stopwatch.StartNew();
            string outcome;
            try
            {
                await driver.GetFirmwareVersionAsync(TestContext.Current.CancellationToken);
                outcome = "answer";
            }
            catch (Pn532Exception e)
            {
                outcome = e.Error.ToString();
            }

            // Worst case: ACK wait + (1 + NACK retries) response waits, plus scheduling slack on a loaded machine.
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"case {i} took {watch.Elapsed}");
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        Assert.Contains(nameof(Pn532Error.NoAck), outcomes.Keys);
        Assert.True(outcomes.Count >= 2, string.Join(", ", outcomes));
    }

    private static byte[] Noise(Random random)
    {
        var bytes = new List<byte>();
        var pieces = random.Next(1, 12);
        for (var p = 0; p < pieces; p++)
        {
            switch (random.Next(5))
            {
                case 0:
                    bytes.AddRange(Pn532FrameWriter.Ack.ToArray());
                    break;
                case 1:
                    var data = new byte[random.Next(0, 8)];
                    random.NextBytes(data);
                    // A well-formed answer with the right or a wrong response code, maybe too short.
                    bytes.AddRange(Pn532FrameWriter.Information(0xD5, [random.Next(2) == 0 ? (byte)0x03 : (byte)0x4B, .. data]));
                    break;
                case 2:
                    bytes.AddRange([0x00, 0x00, 0xFF, (byte)random.Next(256), (byte)random.Next(256)]);
                    break;
                case 3:
                    bytes.AddRange([0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x01, 0x00, 0xFF]);
                    break;
                default:
                    var junk = new byte[random.Next(1, 20)];
                    random.NextBytes(junk);
                    bytes.AddRange(junk);
                    break;
            }
        }

        return [.. bytes];
    }
}
