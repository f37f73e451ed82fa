namespace EdgeGateway.Installer.Bundling;

/// <summary>Whether a program can be started by name, the way a shell would find it on PATH.</summary>
internal static class ExecutableSearch
{
    public static bool IsOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin")
        .Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Any(directory => File.Exists(Path.Combine(directory, program)));
}
