namespace EdgeGateway.Testing.Tools;

/// <summary>
/// Where tests leave files for people to look at after a run (screenshots, logs): tests/results/artifacts
/// in the repository, or $EDGEGW_TEST_RESULTS/artifacts when tests/run.sh points elsewhere.
/// </summary>
public static class TestArtifacts
{
    public static string Directory(string area)
    {
        var root = Environment.GetEnvironmentVariable("EDGEGW_TEST_RESULTS") ?? Path.Combine(RepositoryRoot(), "tests", "results");
        var path = Path.Combine(root, "artifacts", area);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EdgeGateway.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"EdgeGateway.sln not found above {AppContext.BaseDirectory}");
    }
}
