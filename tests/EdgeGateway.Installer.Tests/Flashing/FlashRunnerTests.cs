using System.Diagnostics;
using System.IO.Compression;
using EdgeGateway.Installer.Bundling;
using EdgeGateway.Installer.Cli;
using EdgeGateway.Installer.Flashing;
using EdgeGateway.Testing.Cli;

namespace EdgeGateway.Installer.Tests.Flashing;

public sealed class FlashRunnerTests : IDisposable
{
    private const long Card = 8L * 1024 * 1024 * 1024;
    private readonly FakeMachine _machine = new();
    private readonly string _work = Directory.CreateTempSubdirectory("egw-flash-").FullName;
    private readonly byte[] _image = MakeImage();

    public void Dispose()
    {
        _machine.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_image_is_written_to_the_card_after_typing_its_name_and_verified()
    {
        var device = _machine.AddDisk("sdz", Card, removable: true, "usb", "Generic SD Reader");
        var output = new StringWriter();

        var result = await new FlashRunner(output, new StringReader("sdz\n"), interactive: true, _machine.Inspector())
            .RunAsync(new FlashRequest(WriteImage("raspios.img", _image), null, device, null, AssumeYes: false), Ct);

        Assert.Equal(_image, await File.ReadAllBytesAsync(device, Ct));
        Assert.Equal(_image.Length, result.Bytes);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(_image)), result.Sha256);
        var text = output.ToString();
        Assert.Contains("This erases everything on", text, StringComparison.Ordinal);
        Assert.Contains("Type 'sdz' to continue", text, StringComparison.Ordinal);
        Assert.Contains("Verifying", text, StringComparison.Ordinal);
        Assert.Contains("read back and verified", text, StringComparison.Ordinal);
        Assert.Contains("gatewayctl provision", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_answer_writes_nothing()
    {
        var device = _machine.AddDisk("sdz", Card, removable: true, "usb");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new FlashRunner(new StringWriter(), new StringReader("sda\n"), interactive: true, _machine.Inspector())
                .RunAsync(new FlashRequest(WriteImage("raspios.img", _image), null, device, null, AssumeYes: false), Ct));

        Assert.Equal("not confirmed; nothing was written", error.Message);
        Assert.Empty(await File.ReadAllBytesAsync(device, Ct));
    }

    [Fact]
    public async Task Without_a_terminal_it_needs_yes()
    {
        var device = _machine.AddDisk("sdz", Card, removable: true, "usb");
        var request = new FlashRequest(WriteImage("raspios.img", _image), null, device, null, AssumeYes: false);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new FlashRunner(new StringWriter(), new StringReader(""), interactive: false, _machine.Inspector()).RunAsync(request, Ct));
        Assert.StartsWith("no terminal to confirm on", error.Message, StringComparison.Ordinal);

        var log = new StringWriter();
        await new FlashRunner(log, new StringReader(""), interactive: false, _machine.Inspector()).RunAsync(request with { AssumeYes = true }, Ct);
        Assert.Equal(_image, await File.ReadAllBytesAsync(device, Ct));
        // Without a terminal the progress is plain lines (a log or CI), never carriage-return redraws.
        Assert.DoesNotContain('\r', log.ToString());
        Assert.Contains("100%", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_disk_is_never_opened_for_writing()
    {
        var device = _machine.AddDisk("sdy", Card, removable: false, "pci");

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new FlashRunner(new StringWriter(), new StringReader(""), interactive: false, _machine.Inspector())
                .RunAsync(new FlashRequest(WriteImage("raspios.img", _image), null, device, null, AssumeYes: true), Ct));

        Assert.Empty(await File.ReadAllBytesAsync(device, Ct));
    }

    [Theory]
    [InlineData("raspios.img.gz")]
    [InlineData("raspios.img.xz")]
    [InlineData("raspios.zip")]
    public async Task Compressed_images_are_written_uncompressed_to_an_image_file(string name)
    {
        var target = Path.Combine(_work, "card.img");

        await Runner().RunAsync(new FlashRequest(await CompressAsync(name), null, null, target, AssumeYes: false), Ct);

        Assert.Equal(_image, await File.ReadAllBytesAsync(target, Ct));
    }

    [Fact]
    public async Task A_truncated_xz_image_fails_instead_of_leaving_half_an_image_looking_fine()
    {
        var compressed = await CompressAsync("raspios.img.xz");
        var bytes = await File.ReadAllBytesAsync(compressed, Ct);
        await File.WriteAllBytesAsync(compressed, bytes[..(bytes.Length / 2)], Ct);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            Runner().RunAsync(new FlashRequest(compressed, null, null, Path.Combine(_work, "card.img"), AssumeYes: false), Ct));

        Assert.StartsWith("decompressing the image failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_medium_that_does_not_keep_what_was_written_fails_verification_with_the_offset()
    {
        // /dev/zero accepts every write and reads back zeros: the behaviour of a card that lies about its capacity.
        using var image = ImageSource.Open(WriteImage("raspios.img", _image));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            new ImageWriter(new FlashProgress(new StringWriter(), isTerminal: false)).WriteAsync(image, "/dev/zero", targetIsFile: false, Ct));

        Assert.StartsWith("read-back verification failed in the block at byte 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bundle_supplies_its_image_only_when_the_manifest_vouches_for_it()
    {
        var bundle = Directory.CreateDirectory(Path.Combine(_work, "bundle")).FullName;
        await File.WriteAllTextAsync(Path.Combine(bundle, "edgegw.service"), "[Unit]\n", Ct);
        var image = Path.Combine(bundle, "edgegw-raspios.img");
        await File.WriteAllBytesAsync(image, _image, Ct);
        var target = Path.Combine(_work, "card.img");
        var request = new FlashRequest(null, bundle, null, target, AssumeYes: false);

        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => Runner().RunAsync(request, Ct));
        Assert.Contains("is not a bundle", missing.Message, StringComparison.Ordinal);

        await File.WriteAllTextAsync(Path.Combine(bundle, BundleManifest.FileName), "", Ct);
        var unlisted = await Assert.ThrowsAsync<InvalidOperationException>(() => Runner().RunAsync(request, Ct));
        Assert.Contains("edgegw-raspios.img is not in manifest.sha256", unlisted.Message, StringComparison.Ordinal);

        BundleManifest.Write(bundle);
        await Runner().RunAsync(request, Ct);
        Assert.Equal(_image, await File.ReadAllBytesAsync(target, Ct));

        _image[100] ^= 0xff;
        await File.WriteAllBytesAsync(image, _image, Ct);
        var tampered = await Assert.ThrowsAsync<InvalidDataException>(() => Runner().RunAsync(request, Ct));
        Assert.Contains("does not match its manifest: edgegw-raspios.img", tampered.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_real_kernel_view_refuses_a_loop_device_as_not_removable()
    {
        var backing = Path.Combine(_work, "loop.img");
        await File.WriteAllBytesAsync(backing, new byte[16 * 1024 * 1024], Ct);
        var (exit, loop) = Run("losetup", "--find", "--show", backing);
        if (exit != 0)
        {
            Assert.Skip($"no loop device here (needs root and loop support): {loop}");
        }

        try
        {
            var disk = new DiskInspector().Inspect(loop.Trim());
            Assert.Equal(16L * 1024 * 1024, disk.SizeBytes);
            Assert.Contains("is not removable", FlashSafety.Refusal(disk, 1024), StringComparison.Ordinal);
        }
        finally
        {
            Run("losetup", "--detach", loop.Trim());
        }
    }

    [Fact]
    public async Task The_verb_reports_a_missing_source_or_target_in_one_line()
    {
        var noSource = await CommandLineRun.InvokeAsync(InstallerCommandLine.Build(), "flash", "--output", Path.Combine(_work, "x.img"));
        var twoTargets = await CommandLineRun.InvokeAsync(InstallerCommandLine.Build(), "flash", "--image", "a.img", "--device", "/dev/sdz", "--output", "x.img");

        Assert.Equal(1, noSource.ExitCode);
        Assert.Equal("gatewayctl: give exactly one of --image FILE or --bundle DIR", noSource.Error.Trim());
        Assert.Equal("gatewayctl: give exactly one of --device /dev/sdX (a card) or --output FILE (an image file)", twoTargets.Error.Trim());
    }

    private FlashRunner Runner() => new(new StringWriter(), new StringReader(""), interactive: false, _machine.Inspector());

    /// <summary>Not a multiple of the 4 MiB block, so the short last block is exercised too.</summary>
    private static byte[] MakeImage()
    {
        var image = new byte[(9 * 1024 * 1024) + 12_345];
        new Random(7).NextBytes(image);
        return image;
    }

    private string WriteImage(string name, byte[] content)
    {
        var path = Path.Combine(_work, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private async Task<string> CompressAsync(string name)
    {
        var path = Path.Combine(_work, name);
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            await using var file = File.Create(path);
            await using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            await gzip.WriteAsync(_image, Ct);
        }
        else if (name.EndsWith(".zip", StringComparison.Ordinal))
        {
            await using var file = File.Create(path);
            using var zip = new ZipArchive(file, ZipArchiveMode.Create);
            await using var entry = zip.CreateEntry("raspios.img", CompressionLevel.Fastest).Open();
            await entry.WriteAsync(_image, Ct);
        }
        else
        {
            WriteImage("raspios.img", _image);
            var (exit, error) = Run("xz", "--keep", "--force", "-0", Path.Combine(_work, "raspios.img"));
            Assert.True(exit == 0, $"xz failed: {error}");
        }

        return path;
    }

    private static (int Exit, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
