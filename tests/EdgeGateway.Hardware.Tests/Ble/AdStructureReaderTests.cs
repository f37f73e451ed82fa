using EdgeGateway.Hardware.Ble;

namespace EdgeGateway.Hardware.Tests.Ble;

public class AdStructureReaderTests
{
    [Fact]
    public void Structures_are_read_in_order_with_their_types()
    {
        var types = Read("020106" + "0303AAFE" + "04094142 43".Replace(" ", "", StringComparison.Ordinal), out var error);
        Assert.Equal([0x01, 0x03, 0x09], types);
        Assert.Null(error);
    }

    [Fact]
    public void Zero_length_padding_ends_the_data_quietly()
    {
        var types = Read("020106" + "000000000000", out var error);
        Assert.Equal([0x01], types);
        Assert.Null(error);
    }

    [Fact]
    public void An_overrunning_length_is_an_error_with_the_offset()
    {
        var types = Read("020106" + "1AFF4C00", out var error);
        Assert.Equal([0x01], types);
        Assert.Equal("AD structure at offset 3 claims 26 bytes but only 3 remain", error);
    }

    private static List<byte> Read(string hex, out string? error)
    {
        var reader = new AdStructureReader(Convert.FromHexString(hex));
        var types = new List<byte>();
        while (reader.TryRead(out var ad))
        {
            types.Add(ad.Type);
        }

        error = reader.Error;
        return types;
    }
}
