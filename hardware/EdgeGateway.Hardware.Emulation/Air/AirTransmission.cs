using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Hardware.Emulation.Air;

/// <summary>
/// What one emulated advertiser is sending right now: a snapshot, replaced whole on every change so a scanner on another
/// thread never sees half an update.
/// </summary>
public sealed record AirTransmission
{
    public static AirTransmission Silent { get; } = new();

    public bool Enabled { get; init; }

    public BluetoothAddress Address { get; init; }

    /// <summary>0 public, 1 random (as in advertising reports).</summary>
    public byte AddressType { get; init; }

    /// <summary>Legacy Advertising_Type 0..4 (ADV_IND .. ADV_DIRECT_IND low duty); beacons send 3, ADV_NONCONN_IND.</summary>
    public byte LegacyType { get; init; } = 3;

    public ReadOnlyMemory<byte> Data { get; init; }

    public TimeSpan IntervalMin { get; init; }

    public TimeSpan IntervalMax { get; init; }

    /// <summary>Radiated power in dBm; scanners hear it as this minus the air's path loss.</summary>
    public sbyte TxPowerDbm { get; init; }

    /// <summary>Legacy report event type for this PDU (Core spec Vol 4, Part E, 7.7.65.2).</summary>
    public byte LegacyReportEventType => LegacyType switch
    {
        0 => 0x00,
        1 or 4 => 0x01,
        2 => 0x02,
        _ => 0x03,
    };

    /// <summary>Extended report event type for this legacy PDU (7.7.65.13: bit 4 legacy, plus connectable/scannable/directed bits).</summary>
    public ushort ExtendedReportEventType => LegacyType switch
    {
        0 => 0x0013,
        1 or 4 => 0x0015,
        2 => 0x0012,
        _ => 0x0010,
    };
}
