using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Hardware.Emulation.Controller;

/// <summary>What the emulated controller says about itself and how it paces reports.</summary>
public sealed record EmulatedControllerOptions
{
    public BluetoothAddress Address { get; init; } = new(0xB827EB00_0001);

    /// <summary>9 = Bluetooth 5.0.</summary>
    public byte HciVersion { get; init; } = 9;

    /// <summary>0x000F = Broadcom, the maker of the Pi's onboard radio.</summary>
    public ushort Manufacturer { get; init; } = 0x000F;

    /// <summary>Whether LE feature bit 12 (extended advertising) is set.</summary>
    public bool SupportsExtendedAdvertising { get; init; } = true;

    /// <summary>Num_HCI_Command_Packets in every Command Complete/Status.</summary>
    public byte CommandCredits { get; init; } = 1;

    /// <summary>LE ACL buffer size answered to LE Read Buffer Size; 0 says "shared with BR/EDR", as combo chips often do.</summary>
    public ushort LeAclDataLength { get; init; } = 251;

    /// <summary>How often the air is sampled for due advertisements; reports go out in one write per tick.</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Seed of the noise, delays and presence phases, so a run can be repeated.</summary>
    public int Seed { get; init; } = 1;
}
