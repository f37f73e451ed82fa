using EdgeGateway.Hardware.Ble.Gatt;
using EdgeGateway.Hardware.Emulation.Gatt;

namespace EdgeGateway.Hardware.Emulation.Tests.Gatt;

/// <summary>
/// The emulated ATT server against public ATT exchanges, quoted as bytes: the Core spec's PDU layouts as BlueZ's
/// unit/test-gatt.c and btmon captures show them (request → response, little-endian handles and UUIDs).
/// </summary>
public sealed class AttServerTraceTests
{
    /// <summary>A small database: GAP service 0x1800 (handles 1-3: Device Name "ab"), and a service 0x180F (4-6) whose value at handle 3 is 01 02 03.</summary>
    private static AttServer Server(out GattDatabase database)
    {
        database = new GattDatabase()
            .AddPrimaryService(GattUuid.From16(0x1800))
            .AddReadOnly(GattUuid.From16(0x2A00), [0x01, 0x02, 0x03])
            .AddPrimaryService(GattUuid.From16(0x180F))
            .AddReadOnly(GattUuid.From16(0x2A19), [0x64]);
        return new AttServer(database);
    }

    [Theory]
    [InlineData("020002", "030002")] // Exchange MTU: client 512, server 512
    [InlineData("0A0300", "0B010203")] // Read handle 3 → value 01 02 03
    [InlineData("0A0900", "010A090001")] // Read of a handle that does not exist → Error Response, Invalid Handle
    [InlineData("100100FFFF0028", "1106010003000018040006000F18")] // Read By Group Type, primary services, 16-bit UUIDs
    [InlineData("100700FFFF0028", "011007000A")] // ... from past the last service → Attribute Not Found
    [InlineData("100100FFFF0128", "0110010010")] // ... secondary-service type is not a grouping we serve → Unsupported Group Type
    [InlineData("08010003000328", "09070200020300002A")] // Read By Type 0x2803 in service 1: decl handle 2, props read, value 3, UUID 2A00
    [InlineData("0401000300", "050101000028020003280300002A")] // Find Information, 16-bit format
    [InlineData("0C03000100", "0D0203")] // Read Blob at offset 1
    [InlineData("0C03000400", "010C030007")] // ... past the end → Invalid Offset
    [InlineData("120300AA", "0112030003")] // Write to a read-only value → Write Not Permitted
    [InlineData("0E03000400", "010E000006")] // Read Multiple, which this server does not support → Request Not Supported
    public void Answers_match_the_public_exchange(string request, string response)
    {
        var server = Server(out _);
        server.Handle(Convert.FromHexString("020002"));

        Assert.Equal(response, Convert.ToHexString(server.Handle(Convert.FromHexString(request))!));
    }

    [Fact]
    public void Commands_get_no_answer()
    {
        var server = Server(out _);
        Assert.Null(server.Handle(Convert.FromHexString("520300AA")));
        Assert.Null(server.Handle(Convert.FromHexString("FF")));
    }

    [Fact]
    public void A_read_is_cut_to_the_default_mtu_before_an_exchange()
    {
        var database = new GattDatabase().AddPrimaryService(GattUuid.From16(0x1800)).AddReadOnly(GattUuid.From16(0x2A00), [.. Enumerable.Range(0, 40).Select(i => (byte)i)]);
        var server = new AttServer(database);

        var response = server.Handle(Convert.FromHexString("0A0300"))!;

        Assert.Equal(23, response.Length);
    }
}
