namespace EdgeGateway.Installer.Tests.Flashing;

/// <summary>
/// A machine described as sysfs/procfs/dev trees in a temp directory, the way the kernel lays them out
/// (class/block entries are links into the device hierarchy, partitions are subdirectories with a `partition`
/// file). The "device" node is a regular file, so a flash really writes and reads it back.
/// </summary>
public sealed class FakeMachine : IDisposable
{
    private readonly List<string> _mounts = [];

    public FakeMachine()
    {
        Root = Directory.CreateTempSubdirectory("egw-machine-").FullName;
        Directory.CreateDirectory(Sys);
        Directory.CreateDirectory(Proc);
        Directory.CreateDirectory(Dev);
        WriteMounts();
    }

    public string Root { get; }

    public string Sys => Path.Combine(Root, "sys");

    public string Proc => Path.Combine(Root, "proc");

    public string Dev => Path.Combine(Root, "dev");

    /// <summary>Adds a whole disk: bus "usb", "mmc" or "pci" decides where it sits in the device tree.</summary>
    public string AddDisk(string name, long bytes, bool removable, string bus, string model = "Test Card", params string[] partitions)
    {
        var deviceDirectory = Path.Combine(Sys, "devices", bus == "usb" ? "pci0000:00/usb1/1-1/host0/block" : bus == "mmc" ? "platform/mmc0/block" : "pci0000:00/ata1/host0/block", name);
        Directory.CreateDirectory(Path.Combine(deviceDirectory, "device"));
        File.WriteAllText(Path.Combine(deviceDirectory, "size"), $"{bytes / 512}\n");
        File.WriteAllText(Path.Combine(deviceDirectory, "removable"), removable ? "1\n" : "0\n");
        File.WriteAllText(Path.Combine(deviceDirectory, "device", "model"), model + "\n");
        Link(name, deviceDirectory);
        foreach (var partition in partitions)
        {
            var partitionDirectory = Path.Combine(deviceDirectory, partition);
            Directory.CreateDirectory(partitionDirectory);
            File.WriteAllText(Path.Combine(partitionDirectory, "partition"), "1\n");
            Link(partition, partitionDirectory);
            File.WriteAllBytes(Path.Combine(Dev, partition), []);
        }

        var node = Path.Combine(Dev, name);
        File.WriteAllBytes(node, []);
        return node;
    }

    public void Mount(string partition, string mountPoint)
    {
        _mounts.Add($"/dev/{partition} {mountPoint.Replace(" ", "\\040", StringComparison.Ordinal)} vfat rw,relatime 0 0");
        WriteMounts();
    }

    public void Swap(string partition) =>
        File.WriteAllText(Path.Combine(Proc, "swaps"), $"Filename\tType\tSize\tUsed\tPriority\n/dev/{partition} partition 1048572 0 -2\n");

    public Installer.Flashing.DiskInspector Inspector() => new(Sys, Proc, Dev);

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private void Link(string name, string target)
    {
        var classBlock = Path.Combine(Sys, "class", "block");
        Directory.CreateDirectory(classBlock);
        Directory.CreateSymbolicLink(Path.Combine(classBlock, name), target);
    }

    private void WriteMounts() =>
        File.WriteAllLines(Path.Combine(Proc, "mounts"), ["proc /proc proc rw 0 0", .. _mounts]);
}
