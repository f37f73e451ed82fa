namespace EdgeGateway.Hardware.Ble.Encoders;

/// <summary>The frame-independent part of every Eddystone advertisement: Flags, Complete 16-bit UUIDs 0xFEAA, Service Data 0xFEAA header.</summary>
internal static class EddystoneServiceData
{
    /// <summary>Bytes in front of the frame itself: Flags (3) + UUID list (4) + service data length/type/UUID (4).</summary>
    public const int HeaderLength = 11;

    /// <summary>The Eddystone frame (type byte onward) may be at most 31 - 11 = 20 bytes.</summary>
    public const int MaxFrameLength = LegacyAdvertisingData.MaxLength - HeaderLength;

    /// <summary>Writes the header for a frame of <paramref name="frameLength"/> bytes and returns the span the frame goes into.</summary>
    public static Span<byte> WriteHeader(Span<byte> destination, int frameLength)
    {
        if (frameLength > MaxFrameLength)
        {
            throw new ArgumentOutOfRangeException(nameof(frameLength), frameLength, $"an Eddystone frame in legacy advertising data holds at most {MaxFrameLength} bytes");
        }

        if (destination.Length < HeaderLength + frameLength)
        {
            throw new ArgumentException($"Eddystone data needs {HeaderLength + frameLength} bytes, the destination has {destination.Length}", nameof(destination));
        }

        var n = LegacyAdvertisingData.WriteFlags(destination);
        destination[n++] = 0x03;
        destination[n++] = (byte)AdvertisingDataType.CompleteServiceUuids16;
        destination[n++] = 0xAA;
        destination[n++] = 0xFE;
        destination[n++] = (byte)(frameLength + 3);
        destination[n++] = (byte)AdvertisingDataType.ServiceData16;
        destination[n++] = 0xAA;
        destination[n++] = 0xFE;
        return destination.Slice(n, frameLength);
    }
}
