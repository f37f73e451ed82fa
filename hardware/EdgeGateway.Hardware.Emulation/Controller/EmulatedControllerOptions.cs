using EdgeGateway.Hardware.Emulation.Air;
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

    /// <summary>The air shared with other emulated controllers: what this one advertises they hear, and the other way round. Null = alone.</summary>
    public EmulatedAir? Air { get; init; }

    /// <summary>Answer to LE Read Advertising Physical Channel Tx Power, the power of legacy advertising, and the extended default (0x7F).</summary>
    public sbyte AdvertisingChannelTxPowerDbm { get; init; }

    /// <summary>The radio's TX power steps for extended advertising: <see cref="MinTxPowerDbm"/> .. <see cref="MaxTxPowerDbm"/> every <see cref="TxPowerStepDb"/> dB.</summary>
    public sbyte MinTxPowerDbm { get; init; } = -20;

    public sbyte MaxTxPowerDbm { get; init; } = 8;

    public byte TxPowerStepDb { get; init; } = 4;

    /// <summary>Extended advertising sets the controller can hold (LE Read Number of Supported Advertising Sets).</summary>
    public int AdvertisingSets { get; init; } = 4;
}
