namespace EdgeGateway.Installer.Cli;

/// <summary>Finds the EdgeGateway source tree (the folder holding EdgeGateway.sln) above a directory.</summary>
internal static class SourceTree
{
    public static string Find(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EdgeGateway.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no EdgeGateway source tree (EdgeGateway.sln) above {start}; use --source");
    }
}
