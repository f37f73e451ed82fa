namespace EdgeGateway.Installer.Flashing;

/// <summary>
/// Reads sysfs and procfs to describe a target disk: size, removable or not, bus (usb, mmc, other), the model,
/// which of its partitions are mounted, and whether it holds the running system. The roots are parameters so
/// tests can describe any machine with a directory tree.
/// </summary>
public sealed class DiskInspector(string sysRoot = "/sys", string procRoot = "/proc", string devRoot = "/dev")
{
    private static readonly string[] SystemMountPoints = ["/", "/boot", "/boot/efi", "/boot/firmware", "/usr", "/var", "/home"];

    public DiskInfo Inspect(string devicePath)
    {
        if (!File.Exists(devicePath))
        {
            throw new InvalidOperationException($"{devicePath} does not exist; `lsblk -d -o NAME,SIZE,TRAN,MODEL` lists the disks (the card is the one that appears when you plug it in)");
        }

        var resolved = Resolve(devicePath);
        var name = Path.GetFileName(resolved);
        var block = Path.Combine(sysRoot, "class", "block", name);
        if (!Directory.Exists(block))
        {
            throw new InvalidOperationException($"{devicePath} is not a block device (no {block}); give the card's whole device, e.g. /dev/sdb or /dev/mmcblk0");
        }

        if (File.Exists(Path.Combine(block, "partition")))
        {
            var parent = Path.GetFileName(Path.GetDirectoryName(DeviceDirectory(block))!);
            throw new InvalidOperationException($"{devicePath} is a partition; give the whole card ({Path.Combine(devRoot, parent)}), the image carries its own partition table");
        }

        var sectors = long.Parse(ReadTrimmed(Path.Combine(block, "size")) ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var removable = ReadTrimmed(Path.Combine(block, "removable")) == "1";
        var deviceDirectory = DeviceDirectory(block);
        var bus = name.StartsWith("mmcblk", StringComparison.Ordinal) ? "mmc"
            : deviceDirectory.Contains("/usb", StringComparison.Ordinal) ? "usb"
            : "internal";
        var model = ReadTrimmed(Path.Combine(block, "device", "model")) ?? ReadTrimmed(Path.Combine(block, "device", "name"));
        var partitions = PartitionsOf(block, name);
        var mounted = MountedDevices();
        var mountedHere = partitions.Prepend(name).Where(p => mounted.ContainsKey(p))
            .Select(p => $"{Path.Combine(devRoot, p)} on {mounted[p]}").ToList();
        var holdsSystem = partitions.Prepend(name).Any(p => mounted.TryGetValue(p, out var where) && SystemMountPoints.Contains(where))
                          || partitions.Prepend(name).Any(SwapDevices().Contains);
        return new DiskInfo(Path.Combine(devRoot, name), name, sectors * 512, removable, bus, model, mountedHere, holdsSystem);
    }

    /// <summary>/dev/disk/by-id/… and other links lead to the kernel name.</summary>
    private static string Resolve(string devicePath)
    {
        var full = Path.GetFullPath(devicePath);
        return File.Exists(full) ? File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full : full;
    }

    private static string DeviceDirectory(string block) =>
        Directory.ResolveLinkTarget(block, returnFinalTarget: true)?.FullName ?? block;

    private static List<string> PartitionsOf(string block, string name) =>
        Directory.Exists(block)
            ? [.. Directory.GetDirectories(block).Select(Path.GetFileName).OfType<string>()
                .Where(d => d.StartsWith(name, StringComparison.Ordinal) && File.Exists(Path.Combine(block, d, "partition")))]
            : [];

    /// <summary>Kernel device name → mount point, from /proc/mounts (first mount wins).</summary>
    private Dictionary<string, string> MountedDevices()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in ReadLines(Path.Combine(procRoot, "mounts")))
        {
            var fields = line.Split(' ');
            if (fields.Length >= 2 && fields[0].StartsWith("/dev/", StringComparison.Ordinal))
            {
                var device = Path.GetFileName(Resolve(fields[0]));
                result.TryAdd(device, fields[1].Replace("\\040", " ", StringComparison.Ordinal));
            }
        }

        return result;
    }

    private HashSet<string> SwapDevices() =>
        [.. ReadLines(Path.Combine(procRoot, "swaps")).Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "")
            .Where(d => d.StartsWith("/dev/", StringComparison.Ordinal))
            .Select(d => Path.GetFileName(d))];

    private static string[] ReadLines(string path) => File.Exists(path) ? File.ReadAllLines(path) : [];

    private static string? ReadTrimmed(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;
}
