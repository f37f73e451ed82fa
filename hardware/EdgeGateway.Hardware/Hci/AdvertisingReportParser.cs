using System.Buffers.Binary;

namespace EdgeGateway.Hardware.Hci;

/// <summary>
/// Splits the parameters of LE Advertising Report (0x02) and LE Extended Advertising Report (0x0D)
/// subevents into reports. Layouts: Core spec Vol 4, Part E, 7.7.65.2 and 7.7.65.13. Like the Linux
/// kernel, legacy reports are read one whole report after another.
/// </summary>
public static class AdvertisingReportParser
{
    private const int LegacyFixed = 1 + 1 + 6 + 1; // event type, address type, address, data length
    private const int ExtendedFixed = 2 + 1 + 6 + 1 + 1 + 1 + 1 + 1 + 2 + 1 + 6 + 1;
    private const int LegacyMaxData = 31;

    /// <summary>
    /// Reports every well-formed report before the first malformed one; returns null when all were
    /// well formed, else the reason. <paramref name="parameters"/> starts after the subevent code.
    /// </summary>
    public static string? ParseLegacy(ReadOnlySpan<byte> parameters, AdvertisingReportHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (parameters.Length < 1)
        {
            return "advertising report without Num_Reports";
        }

        int count = parameters[0];
        if (count is 0 or > 25)
        {
            return $"Num_Reports {count} is outside 1..25";
        }

        var rest = parameters[1..];
        for (var i = 0; i < count; i++)
        {
            if (rest.Length < LegacyFixed + 1)
            {
                return $"report {i} of {count} is truncated ({rest.Length} bytes left)";
            }

            int length = rest[8];
            if (length > LegacyMaxData)
            {
                return $"report {i} claims {length} bytes of data, more than the legacy maximum of 31";
            }

            if (rest.Length < LegacyFixed + length + 1)
            {
                return $"report {i} claims {length} bytes of data but only {rest.Length - LegacyFixed - 1} remain";
            }

            var report = new AdvertisingReport(
                LegacyEventType(rest[0]),
                rest[1],
                BluetoothAddress.Read(rest[2..]),
                (sbyte)rest[LegacyFixed + length],
                AdvertisingReport.NotAvailable,
                rest.Slice(LegacyFixed, length));
            handler(in report);
            rest = rest[(LegacyFixed + length + 1)..];
        }

        return rest.IsEmpty ? null : $"{rest.Length} bytes left over after {count} reports";
    }

    /// <summary>As <see cref="ParseLegacy"/> for the extended report. Incomplete (fragmented) data is not reported.</summary>
    public static string? ParseExtended(ReadOnlySpan<byte> parameters, AdvertisingReportHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (parameters.Length < 1)
        {
            return "extended advertising report without Num_Reports";
        }

        int count = parameters[0];
        if (count is 0 or > 10)
        {
            return $"Num_Reports {count} is outside 1..10";
        }

        var rest = parameters[1..];
        for (var i = 0; i < count; i++)
        {
            if (rest.Length < ExtendedFixed)
            {
                return $"report {i} of {count} is truncated ({rest.Length} bytes left)";
            }

            int length = rest[ExtendedFixed - 1];
            if (rest.Length < ExtendedFixed + length)
            {
                return $"report {i} claims {length} bytes of data but only {rest.Length - ExtendedFixed} remain";
            }

            var eventType = BinaryPrimitives.ReadUInt16LittleEndian(rest);
            var dataStatus = (eventType >> 5) & 0x3;
            if (dataStatus == 0)
            {
                var report = new AdvertisingReport(
                    eventType,
                    rest[2],
                    BluetoothAddress.Read(rest[3..]),
                    (sbyte)rest[13],
                    (sbyte)rest[12],
                    rest.Slice(ExtendedFixed, length));
                handler(in report);
            }

            rest = rest[(ExtendedFixed + length)..];
        }

        return rest.IsEmpty ? null : $"{rest.Length} bytes left over after {count} reports";
    }

    /// <summary>Maps ADV_IND, ADV_DIRECT_IND, ADV_SCAN_IND, ADV_NONCONN_IND, SCAN_RSP onto the extended bits (Core spec table 7.1).</summary>
    private static ushort LegacyEventType(byte legacy) => legacy switch
    {
        0 => 0x13,
        1 => 0x15,
        2 => 0x12,
        3 => 0x10,
        4 => 0x1B,
        _ => 0x10,
    };
}
