using System.Runtime.InteropServices;

namespace EdgeGateway.Installer.Bundling;

/// <summary>
/// What `dotnet publish -p:PublishAot=true` needs on this machine to link edgegw for a target runtime, checked
/// before a multi-minute build so that a missing package is one line naming it, not a linker error at the end.
/// </summary>
public sealed class NativeAotToolchain(Func<string, bool> isOnPath, Func<string, bool> directoryExists, Architecture host)
{
    /// <summary>The toolchain as installed on this machine.</summary>
    public static NativeAotToolchain OfThisMachine() =>
        new(ExecutableSearch.IsOnPath, Directory.Exists, RuntimeInformation.OSArchitecture);

    /// <summary>The GNU triple Debian's cross packages use, by .NET runtime identifier.</summary>
    private static readonly Dictionary<string, (Architecture Architecture, string Triple, string DebianArch)> Targets = new(StringComparer.Ordinal)
    {
        ["linux-x64"] = (Architecture.X64, "x86_64-linux-gnu", "amd64"),
        ["linux-arm64"] = (Architecture.Arm64, "aarch64-linux-gnu", "arm64"),
    };

    public static bool Supports(string runtimeIdentifier) => Targets.ContainsKey(runtimeIdentifier);

    /// <summary>
    /// The extra publish arguments for <paramref name="runtimeIdentifier"/>, or an exception naming the packages
    /// to install. Same CPU: the system clang links. Another CPU: clang with the target triple, which finds
    /// Debian's cross gcc runtime (crt files, libgcc) and the target's libc under /usr/&lt;triple&gt; by itself.
    /// </summary>
    public IReadOnlyList<string> PublishArguments(string runtimeIdentifier)
    {
        if (!Targets.TryGetValue(runtimeIdentifier, out var target))
        {
            throw new ArgumentException(
                $"Native AOT is not built for {runtimeIdentifier} here; use --runtime jit for it (supported AOT targets: {string.Join(", ", Targets.Keys)})");
        }

        if (target.Architecture == host)
        {
            return isOnPath("clang")
                ? ["-p:PublishAot=true"]
                : throw new InvalidOperationException(
                    "Native AOT links with clang, which is not installed: sudo apt-get install -y clang zlib1g-dev (or build with --runtime jit)");
        }

        var objcopy = $"{target.Triple}-objcopy";
        var missing = new List<string>();
        if (!isOnPath("clang"))
        {
            missing.Add("clang");
        }

        if (!isOnPath(objcopy))
        {
            missing.Add($"binutils-{target.Triple.Replace('_', '-')}");
        }

        if (!directoryExists($"/usr/{target.Triple}/lib") || !directoryExists($"/usr/lib/gcc-cross/{target.Triple}"))
        {
            missing.Add($"gcc-{target.Triple.Replace('_', '-')} libc6-dev-{target.DebianArch}-cross");
        }

        return missing.Count == 0
            ? ["-p:PublishAot=true", "-p:CppCompilerAndLinker=clang", $"-p:ObjCopyName={objcopy}"]
            : throw new InvalidOperationException(
                $"Native AOT for {runtimeIdentifier} on this {host.ToString().ToLowerInvariant()} machine needs a cross toolchain: " +
                $"sudo apt-get install -y {string.Join(' ', missing)} (or build with --runtime jit)");
    }
}
