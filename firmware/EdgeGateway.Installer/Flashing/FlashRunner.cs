using System.Globalization;
using EdgeGateway.Installer.Bundling;

namespace EdgeGateway.Installer.Flashing;

/// <summary>
/// `gatewayctl flash`: picks the image, checks the target disk, asks the installer to type the device's name,
/// writes, verifies and says what to do next.
/// </summary>
public sealed class FlashRunner(TextWriter output, TextReader input, bool interactive, DiskInspector disks)
{
    private static readonly string[] ImageSuffixes = [".img", ".img.gz", ".img.xz", ".zip"];

    public async Task<FlashResult> RunAsync(FlashRequest request, CancellationToken cancellationToken)
    {
        if ((request.ImagePath is null) == (request.BundleDirectory is null))
        {
            throw new ArgumentException("give exactly one of --image FILE or --bundle DIR");
        }

        if ((request.DevicePath is null) == (request.OutputFile is null))
        {
            throw new ArgumentException("give exactly one of --device /dev/sdX (a card) or --output FILE (an image file)");
        }

        var imagePath = request.ImagePath ?? ImageFromBundle(request.BundleDirectory!);
        using var image = ImageSource.Open(imagePath);
        string target;
        if (request.DevicePath is not null)
        {
            var disk = disks.Inspect(request.DevicePath);
            if (FlashSafety.Refusal(disk, image.Length) is { } refusal)
            {
                throw new InvalidOperationException(refusal);
            }

            Confirm(disk, request.AssumeYes);
            target = disk.DevicePath;
        }
        else
        {
            target = request.OutputFile!;
        }

        output.WriteLine($"Writing {Path.GetFileName(imagePath)} to {target}");
        var writer = new ImageWriter(new FlashProgress(output, interactive));
        var result = await writer.WriteAsync(image, target, targetIsFile: request.OutputFile is not null, cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Wrote {result.Bytes / (1024.0 * 1024):0} MiB in {result.WriteTime:m\\:ss}, read back and verified in {result.VerifyTime:m\\:ss} (SHA-256 {result.Sha256})."));
        if (request.DevicePath is not null)
        {
            output.WriteLine("Next: re-insert the card, then `gatewayctl provision … --out <its boot partition>` (see firmware/README.md).");
        }

        return result;
    }

    private void Confirm(DiskInfo disk, bool assumeYes)
    {
        if (assumeYes)
        {
            output.WriteLine($"Erasing {disk.Describe()} (--yes given)");
            return;
        }

        if (!interactive)
        {
            throw new InvalidOperationException($"no terminal to confirm on; check that {disk.Describe()} is the card, then pass --yes");
        }

        output.Write($"This erases everything on {disk.Describe()}.\nType '{disk.Name}' to continue: ");
        var answer = input.ReadLine()?.Trim();
        if (answer != disk.Name)
        {
            throw new InvalidOperationException("not confirmed; nothing was written");
        }
    }

    /// <summary>The one OS image in a bundle directory, checked against the bundle's manifest first.</summary>
    private static string ImageFromBundle(string directory)
    {
        if (!File.Exists(Path.Combine(directory, BundleManifest.FileName)))
        {
            throw new InvalidOperationException($"{directory} is not a bundle (no {BundleManifest.FileName}); make one with `gatewayctl bundle`");
        }

        var images = Directory.GetFiles(directory).Where(f => ImageSuffixes.Any(s => f.EndsWith(s, StringComparison.OrdinalIgnoreCase))).ToList();
        if (images.Count != 1)
        {
            throw new InvalidOperationException(images.Count == 0
                ? $"{directory} holds no OS image; build one with the pi-gen stage (firmware/README.md), copy it into the bundle and add it to {BundleManifest.FileName}"
                : $"{directory} holds {images.Count} OS images; keep one or use --image FILE");
        }

        var name = Path.GetFileName(images[0]);
        if (!File.ReadLines(Path.Combine(directory, BundleManifest.FileName)).Any(l => l.EndsWith("  " + name, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"{name} is not in {BundleManifest.FileName}, so it cannot be checked; add it: (cd {directory} && sha256sum {name} >> {BundleManifest.FileName})");
        }

        var mismatched = BundleManifest.Verify(directory);
        if (mismatched.Count > 0)
        {
            throw new InvalidDataException($"the bundle does not match its manifest: {string.Join(", ", mismatched)}");
        }

        return images[0];
    }
}
