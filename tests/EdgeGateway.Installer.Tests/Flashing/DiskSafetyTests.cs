using EdgeGateway.Installer.Flashing;

namespace EdgeGateway.Installer.Tests.Flashing;

public sealed class DiskSafetyTests : IDisposable
{
    private const long Card = 32L * 1024 * 1024 * 1024;
    private readonly FakeMachine _machine = new();

    public void Dispose() => _machine.Dispose();

    [Fact]
    public void A_card_in_a_usb_reader_is_described_and_accepted()
    {
        _machine.AddDisk("sdz", Card, removable: true, "usb", "Generic SD Reader", "sdz1", "sdz2");

        var disk = _machine.Inspector().Inspect(Path.Combine(_machine.Dev, "sdz"));

        Assert.Equal("usb", disk.Bus);
        Assert.Equal(Card, disk.SizeBytes);
        Assert.Equal("Generic SD Reader", disk.Model);
        Assert.Null(FlashSafety.Refusal(disk, 2L * 1024 * 1024 * 1024));
        Assert.Contains("32.0 GiB, usb, Generic SD Reader", disk.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_built_in_mmc_slot_counts_as_a_card_even_when_it_reports_not_removable()
    {
        _machine.AddDisk("mmcblk9", Card, removable: false, "mmc");

        Assert.Null(FlashSafety.Refusal(_machine.Inspector().Inspect(Path.Combine(_machine.Dev, "mmcblk9")), 1024));
    }

    [Fact]
    public void An_internal_disk_is_refused_as_not_removable()
    {
        _machine.AddDisk("sdy", Card, removable: false, "pci", "Samsung SSD");

        var refusal = FlashSafety.Refusal(_machine.Inspector().Inspect(Path.Combine(_machine.Dev, "sdy")), 1024);

        Assert.StartsWith($"{Path.Combine(_machine.Dev, "sdy")} is not removable", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_partition_is_refused_naming_the_whole_card()
    {
        _machine.AddDisk("sdz", Card, removable: true, "usb", "Reader", "sdz1");

        var error = Assert.Throws<InvalidOperationException>(() => _machine.Inspector().Inspect(Path.Combine(_machine.Dev, "sdz1")));

        Assert.Contains("is a partition; give the whole card", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_machine.Dev, "sdz"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mounted_card_is_refused_with_its_mount_point()
    {
        _machine.AddDisk("sdz", Card, removable: true, "usb", "Reader", "sdz1", "sdz2");
        _machine.Mount("sdz1", "/media/installer/boot fs");

        var refusal = FlashSafety.Refusal(_machine.Inspector().Inspect(Path.Combine(_machine.Dev, "sdz")), 1024);

        Assert.Contains("is mounted", refusal, StringComparison.Ordinal);
        Assert.Contains("sdz1 on /media/installer/boot fs", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/boot/firmware")]
    public void The_disk_holding_the_running_system_is_refused_even_if_removable(string mountPoint)
    {
        _machine.AddDisk("sdz", Card, removable: true, "usb", "Reader", "sdz1", "sdz2");
        _machine.Mount("sdz2", mountPoint);

        var refusal = FlashSafety.Refusal(_machine.Inspector().Inspect(Path.Combine(_machine.Dev, "sdz")), 1024);

        Assert.Contains("holds the running system", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disk_used_as_swap_is_the_system()
    {
        _machine.AddDisk("sdz", Card, removable: true, "usb", "Reader", "sdz1");
        _machine.Swap("sdz1");

        Assert.Contains("holds the running system", FlashSafety.Refusal(_machine.Inspector().Inspect(Path.Combine(_machine.Dev, "sdz")), 1024), StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_larger_than_the_card_or_an_empty_reader_is_refused()
    {
        _machine.AddDisk("sdz", 1024L * 1024 * 1024, removable: true, "usb");
        _machine.AddDisk("sdx", 0, removable: true, "usb");
        var inspector = _machine.Inspector();

        Assert.Contains("does not fit", FlashSafety.Refusal(inspector.Inspect(Path.Combine(_machine.Dev, "sdz")), 2L * 1024 * 1024 * 1024), StringComparison.Ordinal);
        Assert.Contains("no medium", FlashSafety.Refusal(inspector.Inspect(Path.Combine(_machine.Dev, "sdx")), 1024), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_device_or_one_that_is_not_a_block_device_is_refused()
    {
        var regular = Path.Combine(_machine.Dev, "notes.txt");
        File.WriteAllText(regular, "x");

        var missing = Assert.Throws<InvalidOperationException>(() => _machine.Inspector().Inspect(Path.Combine(_machine.Dev, "nothing")));
        var notBlock = Assert.Throws<InvalidOperationException>(() => _machine.Inspector().Inspect(regular));

        Assert.Contains("does not exist; `lsblk", missing.Message, StringComparison.Ordinal);
        Assert.Contains("is not a block device", notBlock.Message, StringComparison.Ordinal);
    }
}
