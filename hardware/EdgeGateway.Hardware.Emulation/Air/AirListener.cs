using EdgeGateway.Hardware.Emulation.Controller;
using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Hardware.Emulation.Air;

/// <summary>
/// A scanning controller's ear on the shared air: tracks when each other advertiser's next advertising event is due
/// (interval plus the spec's 0-10 ms advDelay) and writes one advertising report per event heard.
/// </summary>
internal sealed class AirListener(EmulatedAir air, object owner, TimeProvider time, Random random)
{
    private const int MaxReportLength = 29 + 31;

    private readonly Dictionary<AirTransmitter, long> _nextAt = [];

    /// <summary>Writes the reports due at <paramref name="now"/> into <paramref name="batch"/>; returns the bytes written and adds to <paramref name="reports"/>.</summary>
    public int Fill(Span<byte> batch, long now, bool extendedReports, ref int reports, int maxReports)
    {
        var frequency = time.TimestampFrequency;
        var length = 0;
        foreach (var transmitter in air.Transmitters)
        {
            if (transmitter.Owner == owner)
            {
                continue;
            }

            var on = transmitter.Current;
            if (!on.Enabled || on.IntervalMin <= TimeSpan.Zero)
            {
                _nextAt.Remove(transmitter);
                continue;
            }

            var interval = (long)(on.IntervalMin.TotalSeconds * frequency);
            if (!_nextAt.TryGetValue(transmitter, out var next) || now - next > 10 * frequency)
            {
                // Not in phase with the scanner: the first event lands somewhere within one interval.
                next = now + (long)(random.NextDouble() * interval);
            }
            else if (next - now > interval + frequency / 100)
            {
                // The interval got shorter since the last event: do not wait out the old, longer one.
                next = now + interval;
            }

            while (next <= now && reports < maxReports && batch.Length - length >= MaxReportLength)
            {
                next += interval + (long)(random.NextDouble() * 0.010 * frequency);
                var rssi = (sbyte)Math.Clamp(Math.Round(on.TxPowerDbm - air.PathLossDb + (GaussianNoise.Next(random) * air.RssiNoiseDb)), -127, 20);
                var packet = batch[length..];
                length += extendedReports
                    ? HciEventWriter.LeExtendedAdvertisingReport(packet, on.ExtendedReportEventType, on.AddressType, on.Address, AdvertisingReport.NotAvailable, rssi, on.Data.Span)
                    : HciEventWriter.LeAdvertisingReport(packet, on.LegacyReportEventType, on.AddressType, on.Address, on.Data.Span, rssi);
                reports++;
            }

            _nextAt[transmitter] = next;
        }

        return length;
    }
}
