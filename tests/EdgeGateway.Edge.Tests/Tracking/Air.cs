using EdgeGateway.Edge.Tracking;
using EdgeGateway.Hardware.Ble;
using EdgeGateway.Hardware.Ble.Decoders;
using EdgeGateway.Hardware.Emulation.Controller;
using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Edge.Tests.Tracking;

/// <summary>Builds real advertising data with the emulator's writers and hands it to a tracker as a report would arrive.</summary>
internal static class Air
{
    public static readonly Guid Uuid = Guid.Parse("f7826da6-4fa2-4e98-8024-bc5b71e0893e");

    public static void IBeacon(BeaconTracker tracker, ulong address, ushort minor, sbyte rssi, DateTimeOffset at) =>
        Hear(tracker, address, rssi, at, d => AdvertisingDataWriter.IBeacon(d, Uuid, 1, minor, -59));

    public static void EddystoneUid(BeaconTracker tracker, ulong address, sbyte rssi, DateTimeOffset at) =>
        Hear(tracker, address, rssi, at, d => AdvertisingDataWriter.EddystoneUid(d, -18, 0xEDD1, 7));

    public static void EddystoneTlm(BeaconTracker tracker, ulong address, int batteryMv, double temperatureC, DateTimeOffset at) =>
        Hear(tracker, address, -60, at, d => AdvertisingDataWriter.EddystoneTlm(d, batteryMv, temperatureC, 1, 1));

    public static void EddystoneUrl(BeaconTracker tracker, ulong address, string url, DateTimeOffset at) =>
        Hear(tracker, address, -60, at, d => AdvertisingDataWriter.EddystoneUrl(d, EddystoneUrlFrame.FromUrl(url, -18)!.Value));

    public static void Phone(BeaconTracker tracker, ulong address, DateTimeOffset at) =>
        Hear(tracker, address, -50, at, d => { "\x02\x01\x1A"u8.CopyTo(d); return 3; });

    private static void Hear(BeaconTracker tracker, ulong address, sbyte rssi, DateTimeOffset at, Func<byte[], int> write)
    {
        var data = new byte[31];
        var length = write(data);
        var report = new AdvertisingReport(0x10, 1, new BluetoothAddress(address), rssi, AdvertisingReport.NotAvailable, data.AsSpan(0, length));
        Assert.Null(AdvertisementDecoder.Decode(report.Data, out var ad));
        tracker.Observe(report, ad, at);
    }
}
