namespace EdgeGateway.Testing.Tools;

/// <summary>
/// A real program a test needs (mosquitto, chromium, postgres). Outside CI a missing program skips the
/// test with the package to install; under CI=true it fails, because a green run that silently skipped
/// the integration tests would be a lie.
/// </summary>
public sealed class ExternalProgram
{
    private static readonly string[] StandardDirectories =
        ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    private readonly string[] _extraDirectories;

    public ExternalProgram(string executable, string debianPackage, params string[] extraDirectories)
    {
        Executable = executable;
        DebianPackage = debianPackage;
        _extraDirectories = extraDirectories;
    }

    public static ExternalProgram Mosquitto { get; } = new("mosquitto", "mosquitto");

    public static ExternalProgram Chromium { get; } = new("chromium", "chromium");

    /// <summary>Links the Native AOT bundle.</summary>
    public static ExternalProgram Clang { get; } = new("clang", "clang");

    /// <summary>Present once Debian's arm64 cross toolchain is (binutils, gcc and libc for aarch64-linux-gnu).</summary>
    public static ExternalProgram Arm64CrossToolchain { get; } =
        new("aarch64-linux-gnu-objcopy", "binutils-aarch64-linux-gnu gcc-aarch64-linux-gnu libc6-dev-arm64-cross");

    public static ExternalProgram PostgresInitDb { get; } =
        new("initdb", "postgresql", PostgresBinDirectories());

    public string Executable { get; }

    public string DebianPackage { get; }

    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The absolute path of the program, or null when it is not installed.</summary>
    public string? Find()
    {
        var pathDirectories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries);
        foreach (var directory in pathDirectories.Concat(StandardDirectories).Concat(_extraDirectories))
        {
            var candidate = Path.Combine(directory, Executable);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The program's path; skips the test (or fails it under CI=true) when it is missing.</summary>
    public string Require()
    {
        var path = Find();
        if (path is not null)
        {
            return path;
        }

        var message = MissingMessage();
        if (IsCi)
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
        return string.Empty; // unreachable: Skip throws
    }

    public string MissingMessage() =>
        $"'{Executable}' is not installed: this test needs the Debian package '{DebianPackage}' " +
        $"(apt-get install -y {DebianPackage}).";

    private static string[] PostgresBinDirectories()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return [];
        }

        return Directory.GetDirectories(root)
            .OrderByDescending(d => d, StringComparer.Ordinal)
            .Select(d => Path.Combine(d, "bin"))
            .ToArray();
    }
}
