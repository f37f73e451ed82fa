using EdgeGateway.Hardware.Hci;
using EdgeGateway.Hardware.Pn532;

namespace EdgeGateway.Hardware.Tests.Pn532;

public class Pn532CommandCodeTests
{
    // Command codes as listed in the PN532 user manual's command table, quoted as data.
    [Theory]
    [InlineData(Pn532CommandCode.GetFirmwareVersion, 0x02)]
    [InlineData(Pn532CommandCode.SamConfiguration, 0x14)]
    [InlineData(Pn532CommandCode.RfConfiguration, 0x32)]
    [InlineData(Pn532CommandCode.InListPassiveTarget, 0x4A)]
    [InlineData(Pn532CommandCode.InDataExchange, 0x40)]
    [InlineData(Pn532CommandCode.InCommunicateThru, 0x42)]
    [InlineData(Pn532CommandCode.InRelease, 0x52)]
    [InlineData(Pn532CommandCode.TgInitAsTarget, 0x8C)]
    public void Command_codes_match_the_user_manual(Pn532CommandCode code, byte expected) =>
        Assert.Equal(expected, (byte)code);

    [Fact]
    public void Command_codes_are_even_so_the_response_code_is_code_plus_one()
    {
        foreach (var code in Enum.GetValues<Pn532CommandCode>())
        {
            Assert.Equal(0, (byte)code % 2);
        }
    }

    [Fact]
    public void H4_indicators_match_the_core_specification()
    {
        Assert.Equal(0x01, (byte)H4PacketType.Command);
        Assert.Equal(0x02, (byte)H4PacketType.AclData);
        Assert.Equal(0x04, (byte)H4PacketType.Event);
    }
}
