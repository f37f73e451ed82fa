using System.Buffers.Binary;

namespace EdgeGateway.Hardware.Hci.Advertising;

/// <summary>
/// Builds the advertising commands with their exact parameter layouts (Core spec Vol 4, Part E, 7.8.5-7.8.9
/// legacy, 7.8.53-7.8.56 and 7.8.59 extended). Advertising data is limited to one legacy PDU (31 bytes) in
/// both forms: the own advertiser is a beacon that every phone must hear.
/// </summary>
public static class AdvertisingCommands
{
    /// <summary>Advertising_TX_Power 0x7F: the host has no preference.</summary>
    public const sbyte NoTxPowerPreference = 0x7F;

    /// <summary>Advertising_Event_Properties for a legacy ADV_NONCONN_IND sent through the extended commands (bit 4 "use legacy PDUs").</summary>
    public const ushort LegacyNonConnectableProperties = 0x0010;

    /// <summary>Interval min and max, type, own address type, peer address type and address (zeros: undirected), channel map, filter policy. 15 bytes.</summary>
    public static HciCommand LeSetAdvertisingParameters(AdvertisingParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var p = new byte[15];
        BinaryPrimitives.WriteUInt16LittleEndian(p, parameters.IntervalMin);
        BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(2), parameters.IntervalMax);
        p[4] = (byte)parameters.Type;
        p[5] = parameters.OwnAddressType;
        p[13] = parameters.ChannelMap;
        p[14] = parameters.FilterPolicy;
        return new HciCommand(HciOpcode.LeSetAdvertisingParameters, p);
    }

    public static HciCommand LeReadAdvertisingPhysicalChannelTxPower() => new(HciOpcode.LeReadAdvertisingPhysicalChannelTxPower);

    /// <summary>Advertising_Data_Length then always 31 data bytes, zero-padded (the parameter is fixed-size).</summary>
    public static HciCommand LeSetAdvertisingData(ReadOnlySpan<byte> data)
    {
        CheckLegacyLength(data);
        var p = new byte[32];
        p[0] = (byte)data.Length;
        data.CopyTo(p.AsSpan(1));
        return new HciCommand(HciOpcode.LeSetAdvertisingData, p);
    }

    public static HciCommand LeSetAdvertisingEnable(bool enable) => new(HciOpcode.LeSetAdvertisingEnable, enable ? (byte)1 : (byte)0);

    /// <summary>
    /// Handle, event properties (legacy non-connectable), primary interval min/max (3 bytes each), channel map, own address
    /// type, peer address type and address, filter policy, TX power, primary PHY LE 1M, secondary max skip 0, secondary PHY
    /// LE 1M, SID 0, scan request notifications off. 25 bytes; the Command Complete returns Selected_TX_Power.
    /// </summary>
    public static HciCommand LeSetExtendedAdvertisingParameters(byte handle, AdvertisingParameters parameters, sbyte txPower)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var p = new byte[25];
        p[0] = handle;
        BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(1), LegacyProperties(parameters.Type));
        WriteUInt24(p.AsSpan(3), parameters.IntervalMin);
        WriteUInt24(p.AsSpan(6), parameters.IntervalMax);
        p[9] = parameters.ChannelMap;
        p[10] = parameters.OwnAddressType;
        p[18] = parameters.FilterPolicy;
        p[19] = (byte)txPower;
        p[20] = 0x01;
        p[21] = 0x00;
        p[22] = 0x01;
        p[23] = 0x00;
        p[24] = 0x00;
        return new HciCommand(HciOpcode.LeSetExtendedAdvertisingParameters, p);
    }

    /// <summary>Handle, Operation 0x03 (complete data), Fragment_Preference 0x01 (controller should not fragment), length, data.</summary>
    public static HciCommand LeSetExtendedAdvertisingData(byte handle, ReadOnlySpan<byte> data)
    {
        CheckLegacyLength(data);
        var p = new byte[4 + data.Length];
        p[0] = handle;
        p[1] = 0x03;
        p[2] = 0x01;
        p[3] = (byte)data.Length;
        data.CopyTo(p.AsSpan(4));
        return new HciCommand(HciOpcode.LeSetExtendedAdvertisingData, p);
    }

    /// <summary>Enable, Num_Sets 1, then the set: handle, Duration 0 (until disabled), Max_Extended_Advertising_Events 0 (no limit).</summary>
    public static HciCommand LeSetExtendedAdvertisingEnable(bool enable, byte handle) =>
        new(HciOpcode.LeSetExtendedAdvertisingEnable, enable ? (byte)1 : (byte)0, 1, handle, 0, 0, 0);

    public static HciCommand LeRemoveAdvertisingSet(byte handle) => new(HciOpcode.LeRemoveAdvertisingSet, handle);

    /// <summary>Advertising_Event_Properties for a legacy PDU of <paramref name="type"/> (Core spec Vol 4, Part E, 7.8.53, table of legacy PDU values).</summary>
    public static ushort LegacyProperties(AdvertisingType type) => type switch
    {
        AdvertisingType.ConnectableUndirected => 0x0013,
        AdvertisingType.ConnectableDirectedHighDuty => 0x001D,
        AdvertisingType.ConnectableDirectedLowDuty => 0x0015,
        AdvertisingType.ScannableUndirected => 0x0012,
        _ => LegacyNonConnectableProperties,
    };

    private static void CheckLegacyLength(ReadOnlySpan<byte> data)
    {
        if (data.Length > Ble.Encoders.LegacyAdvertisingData.MaxLength)
        {
            throw new ArgumentException($"advertising data is {data.Length} bytes; a legacy advertising PDU carries at most 31", nameof(data));
        }
    }

    private static void WriteUInt24(Span<byte> destination, uint value)
    {
        destination[0] = (byte)value;
        destination[1] = (byte)(value >> 8);
        destination[2] = (byte)(value >> 16);
    }
}
