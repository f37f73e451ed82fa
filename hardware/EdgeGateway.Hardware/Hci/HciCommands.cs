using System.Buffers.Binary;

namespace EdgeGateway.Hardware.Hci;

/// <summary>Builds the commands of controller bring-up and LE scanning with their exact parameter layouts.</summary>
public static class HciCommands
{
    /// <summary>The spec default mask plus LE Meta (bit 61), without which no advertising report reaches the host.</summary>
    public const ulong DefaultEventMask = 0x2000_1FFF_FFFF_FFFFUL;

    /// <summary>LE Connection Complete (bit 0), LE Advertising Report (bit 1), LE Enhanced Connection Complete (bit 9)
    /// and LE Extended Advertising Report (bit 12).</summary>
    public const ulong DefaultLeEventMask = 0x0000_0000_0000_1203UL;

    public static HciCommand Reset() => new(HciOpcode.Reset);

    public static HciCommand SetEventMask(ulong mask) => new(HciOpcode.SetEventMask, UInt64(mask));

    public static HciCommand LeSetEventMask(ulong mask) => new(HciOpcode.LeSetEventMask, UInt64(mask));

    public static HciCommand ReadLocalVersionInformation() => new(HciOpcode.ReadLocalVersionInformation);

    public static HciCommand ReadBdAddr() => new(HciOpcode.ReadBdAddr);

    public static HciCommand ReadBufferSize() => new(HciOpcode.ReadBufferSize);

    public static HciCommand LeReadBufferSize() => new(HciOpcode.LeReadBufferSize);

    public static HciCommand LeReadLocalSupportedFeatures() => new(HciOpcode.LeReadLocalSupportedFeatures);

    /// <summary>LE_Scan_Type, LE_Scan_Interval, LE_Scan_Window, Own_Address_Type, Scanning_Filter_Policy (accept all).</summary>
    public static HciCommand LeSetScanParameters(ScanParameters scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var p = new byte[7];
        p[0] = scan.Active ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(1), scan.Interval);
        BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(3), scan.Window);
        p[5] = scan.OwnAddressType;
        p[6] = 0;
        return new HciCommand(HciOpcode.LeSetScanParameters, p);
    }

    public static HciCommand LeSetScanEnable(bool enable, bool filterDuplicates) =>
        new(HciOpcode.LeSetScanEnable, enable ? (byte)1 : (byte)0, filterDuplicates ? (byte)1 : (byte)0);

    /// <summary>Own_Address_Type, Scanning_Filter_Policy, Scanning_PHYs (LE 1M only: beacons advertise there), then type/interval/window.</summary>
    public static HciCommand LeSetExtendedScanParameters(ScanParameters scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var p = new byte[8];
        p[0] = scan.OwnAddressType;
        p[1] = 0;
        p[2] = 0x01;
        p[3] = scan.Active ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(4), scan.Interval);
        BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(6), scan.Window);
        return new HciCommand(HciOpcode.LeSetExtendedScanParameters, p);
    }

    /// <summary>Enable, Filter_Duplicates, Duration 0 (until disabled), Period 0 (continuous).</summary>
    public static HciCommand LeSetExtendedScanEnable(bool enable, bool filterDuplicates) =>
        new(HciOpcode.LeSetExtendedScanEnable, enable ? (byte)1 : (byte)0, filterDuplicates ? (byte)1 : (byte)0, 0, 0, 0, 0);

    private static byte[] UInt64(ulong value)
    {
        var p = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(p, value);
        return p;
    }
}
