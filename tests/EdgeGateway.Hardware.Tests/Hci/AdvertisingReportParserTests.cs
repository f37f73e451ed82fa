using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Hardware.Tests.Hci;

public class AdvertisingReportParserTests
{
    // LE Advertising Report parameters (after the subevent code): one ADV_NONCONN_IND from random address
    // c4:7c:8d:6a:3e:12 (little-endian on the wire) with 30 bytes of iBeacon data and RSSI -67 (0xBD).
    private const string LegacyReport =
        "01" + "03" + "01" + "123E6A8D7CC4" + "1E"
        + "020106" + "1AFF4C000215E2C56DB5DFFB48D2B060D0F5A71096E000010002C5"
        + "BD";

    [Fact]
    public void A_legacy_report_yields_address_rssi_and_data_in_place()
    {
        var seen = new List<(string Address, sbyte Rssi, int Length, ushort Type)>();
        var error = AdvertisingReportParser.ParseLegacy(Convert.FromHexString(LegacyReport),
            (in AdvertisingReport r) => seen.Add((r.Address.ToString(), r.Rssi, r.Data.Length, r.EventType)));

        Assert.Null(error);
        var report = Assert.Single(seen);
        Assert.Equal("c4:7c:8d:6a:3e:12", report.Address);
        Assert.Equal(-67, report.Rssi);
        Assert.Equal(30, report.Length);
        Assert.Equal(0x10, report.Type);
    }

    [Fact]
    public void A_data_length_that_lies_is_a_reason_not_an_exception()
    {
        var bytes = Convert.FromHexString(LegacyReport);
        bytes[9] = 0x1F; // claims 31 bytes, 30 are there (plus the RSSI byte it would swallow)
        var error = AdvertisingReportParser.ParseLegacy(bytes, (in AdvertisingReport _) => Assert.Fail("no report expected"));

        Assert.NotNull(error);
        Assert.Contains("claims 31 bytes", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_legacy_length_above_31_is_rejected()
    {
        var bytes = Convert.FromHexString(LegacyReport);
        bytes[9] = 0x40;
        Assert.Contains("legacy maximum", AdvertisingReportParser.ParseLegacy(bytes, (in AdvertisingReport _) => { }), StringComparison.Ordinal);
    }

    [Fact]
    public void Num_reports_zero_is_rejected() =>
        Assert.NotNull(AdvertisingReportParser.ParseLegacy([0x00], (in AdvertisingReport _) => { }));

    [Fact]
    public void An_extended_report_with_legacy_pdu_bits_is_read_with_its_tx_power()
    {
        // Event type 0x0010 (legacy, non-connectable), public address, 1M/none PHYs, SID 0xFF, TX power -4 (0xFC),
        // RSSI -70 (0xBA), no periodic interval, no direct address, 3 bytes of data (Flags).
        var parameters = Convert.FromHexString("01" + "1000" + "00" + "665544332211" + "01" + "00" + "FF" + "FC" + "BA" + "0000" + "00" + "000000000000" + "03" + "020106");
        var seen = new List<(string Address, sbyte Rssi, sbyte Tx, int Length)>();
        var error = AdvertisingReportParser.ParseExtended(parameters, (in AdvertisingReport r) => seen.Add((r.Address.ToString(), r.Rssi, r.TxPower, r.Data.Length)));

        Assert.Null(error);
        Assert.Equal(("11:22:33:44:55:66", (sbyte)-70, (sbyte)-4, 3), Assert.Single(seen));
    }

    [Fact]
    public void Incomplete_extended_data_is_skipped_without_error()
    {
        var parameters = Convert.FromHexString("01" + "3000" + "00" + "665544332211" + "01" + "00" + "FF" + "FC" + "BA" + "0000" + "00" + "000000000000" + "03" + "020106");
        var count = 0;
        Assert.Null(AdvertisingReportParser.ParseExtended(parameters, (in AdvertisingReport _) => count++));
        Assert.Equal(0, count);
    }
}
