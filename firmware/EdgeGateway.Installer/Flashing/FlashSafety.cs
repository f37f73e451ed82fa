namespace EdgeGateway.Installer.Flashing;

/// <summary>The refusals that keep `gatewayctl flash` from erasing the wrong disk.</summary>
public static class FlashSafety
{
    /// <summary>Null when the disk may be written with an image of <paramref name="imageBytes"/> (when known), else why not.</summary>
    public static string? Refusal(DiskInfo disk, long? imageBytes)
    {
        if (disk.HoldsSystem)
        {
            return $"{disk.DevicePath} holds the running system; refusing to write it";
        }

        if (disk.MountedPartitions.Count > 0)
        {
            return $"{disk.DevicePath} is mounted ({string.Join(", ", disk.MountedPartitions)}); unmount it first (sudo umount {disk.DevicePath}?*)";
        }

        // Built-in SD slots often report removable=0, but they are still cards, not the system disk.
        if (!disk.Removable && disk.Bus is not ("usb" or "mmc"))
        {
            return $"{disk.DevicePath} is not removable ({disk.Describe()}); an SD card sits in a USB reader or an mmc slot";
        }

        if (disk.SizeBytes == 0)
        {
            return $"{disk.DevicePath} has no medium (size 0); insert the card";
        }

        if (imageBytes is { } size && size > disk.SizeBytes)
        {
            return $"the image ({size / (1024.0 * 1024):0} MiB) does not fit on {disk.DevicePath} ({disk.SizeBytes / (1024.0 * 1024):0} MiB)";
        }

        return null;
    }
}
