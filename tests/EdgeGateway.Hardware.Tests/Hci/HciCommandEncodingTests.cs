using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Hardware.Tests.Hci;

/// <summary>
/// Our command bytes against public encodings: the Core spec's opcode tables and the H4 traces that
/// open-source stacks (noble's hci-socket, BlueZ btmon captures) show for the same commands.
/// </summary>
public class HciCommandEncodingTests
{
    [Fact]
    public void Reset_is_01_03_0C_00() =>
        Assert.Equal(Convert.FromHexString("01030C00"), HciCommands.Reset().ToH4Packet());

    [Fact]
    public void Active_scan_parameters_with_interval_and_window_0x12_match_the_public_trace() =>
        Assert.Equal(
            Convert.FromHexString("010B2007011200120000" + "00"),
            HciCommands.LeSetScanParameters(new ScanParameters { Active = true, Interval = 0x12, Window = 0x12 }).ToH4Packet());

    [Fact]
    public void Scan_enable_with_duplicate_filtering_is_01_0C_20_02_01_01() =>
        Assert.Equal(Convert.FromHexString("010C20020101"), HciCommands.LeSetScanEnable(true, filterDuplicates: true).ToH4Packet());

    [Fact]
    public void Scan_disable_is_01_0C_20_02_00_00() =>
        Assert.Equal(Convert.FromHexString("010C20020000"), HciCommands.LeSetScanEnable(false, false).ToH4Packet());

    [Fact]
    public void Extended_scan_parameters_carry_one_phy_block_for_le_1m()
    {
        // Own address public, accept-all policy, PHYs = 1M, passive, interval 0x0010, window 0x0010.
        Assert.Equal(
            Convert.FromHexString("01412008" + "000001" + "00" + "1000" + "1000"),
            HciCommands.LeSetExtendedScanParameters(new ScanParameters()).ToH4Packet());
    }

    [Fact]
    public void Extended_scan_enable_runs_until_disabled()
    {
        Assert.Equal(Convert.FromHexString("014220060100" + "0000" + "0000"), HciCommands.LeSetExtendedScanEnable(true, false).ToH4Packet());
    }

    [Fact]
    public void Event_masks_are_little_endian_and_enable_le_meta()
    {
        Assert.Equal(Convert.FromHexString("01010C08" + "FFFFFFFFFF1F0020"), HciCommands.SetEventMask(HciCommands.DefaultEventMask).ToH4Packet());
        Assert.Equal(Convert.FromHexString("01012008" + "0312000000000000"), HciCommands.LeSetEventMask(HciCommands.DefaultLeEventMask).ToH4Packet());
    }

    [Fact]
    public void Read_commands_have_no_parameters()
    {
        Assert.Equal(Convert.FromHexString("01011000"), HciCommands.ReadLocalVersionInformation().ToH4Packet());
        Assert.Equal(Convert.FromHexString("01091000"), HciCommands.ReadBdAddr().ToH4Packet());
        Assert.Equal(Convert.FromHexString("01022000"), HciCommands.LeReadBufferSize().ToH4Packet());
        Assert.Equal(Convert.FromHexString("01032000"), HciCommands.LeReadLocalSupportedFeatures().ToH4Packet());
    }

    [Theory]
    [InlineData(0x0003, 0x0010, "interval")]
    [InlineData(0x0010, 0x0003, "window")]
    [InlineData(0x0010, 0x0020, "longer than the interval")]
    public void Out_of_range_scan_parameters_are_rejected_with_the_reason(int interval, int window, string reason)
    {
        var problem = new ScanParameters { Interval = (ushort)interval, Window = (ushort)window }.Validate();
        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Hci_exception_names_the_command_and_the_status()
    {
        var ex = new HciException((ushort)HciOpcode.LeSetScanEnable, 0x0C);
        Assert.Equal("HCI command LeSetScanEnable (0x200C) failed: Command Disallowed (0x0C)", ex.Message);
        Assert.Equal("Command Disallowed", ex.StatusName);
    }
}
