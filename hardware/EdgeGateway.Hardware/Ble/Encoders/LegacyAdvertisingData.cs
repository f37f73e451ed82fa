using System.Globalization;

namespace EdgeGateway.Hardware.Ble.Encoders;

/// <summary>
/// Rules for the 31-byte legacy advertising data every beacon frame must fit (Core spec Vol 3, Part C, 11):
/// a sequence of length-type-data structures, each length counting its type byte, nothing after the last.
/// </summary>
public static class LegacyAdvertisingData
{
    /// <summary>The AdvData field of a legacy ADV_NONCONN_IND PDU holds at most 31 bytes.</summary>
    public const int MaxLength = 31;

    /// <summary>LE General Discoverable Mode | BR/EDR Not Supported: what beacons put in their Flags structure.</summary>
    public const byte BeaconFlags = 0x06;

    /// <summary>Null when <paramref name="data"/> is well-formed legacy advertising data starting with Flags; else why not.</summary>
    public static string? Validate(ReadOnlySpan<byte> data)
    {
        if (data.Length > MaxLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"advertising data is {data.Length} bytes, a legacy PDU carries at most {MaxLength}");
        }

        if (data.Length < 3 || data[0] != 0x02 || data[1] != (byte)AdvertisingDataType.Flags)
        {
            return "advertising data does not start with a 3-byte Flags structure (02 01 xx)";
        }

        var at = 0;
        while (at < data.Length)
        {
            var length = data[at];
            if (length == 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"zero-length AD structure at offset {at}");
            }

            if (at + 1 + length > data.Length)
            {
                return string.Create(CultureInfo.InvariantCulture, $"AD structure at offset {at} claims {length} bytes but only {data.Length - at - 1} follow");
            }

            at += 1 + length;
        }

        return null;
    }

    /// <summary>Writes the Flags structure (02 01 06); returns 3.</summary>
    internal static int WriteFlags(Span<byte> destination)
    {
        destination[0] = 0x02;
        destination[1] = (byte)AdvertisingDataType.Flags;
        destination[2] = BeaconFlags;
        return 3;
    }

    /// <summary>Copies a frame written into a scratch buffer into an exact-length array after checking it.</summary>
    internal static byte[] Checked(ReadOnlySpan<byte> written)
    {
        if (Validate(written) is { } problem)
        {
            // Only reachable through a bug in an encoder: every encoder's layout is fixed-size or bounded.
            throw new InvalidOperationException("encoder produced invalid advertising data: " + problem);
        }

        return written.ToArray();
    }
}
