using System.Diagnostics;
using System.Globalization;
using EdgeGateway.Testing.Tools;

namespace EdgeGateway.Testing.Postgres;

/// <summary>
/// A real, private PostgreSQL cluster for tests: initdb into a temp directory, pg_ctl start on a free
/// loopback port (unix socket in the same directory), pg_ctl stop and delete on dispose.
/// initdb and the server refuse to run as root, so when the tests run as root (CI containers) the
/// directory is handed to the `postgres` user that Debian's package creates and both run through
/// `runuser -u postgres --`.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string Superuser = "postgres";

    private readonly string _binDirectory;
    private string _settings = string.Empty;
    private int _databases;

    private PostgresServer(string binDirectory, string directory, int port)
    {
        _binDirectory = binDirectory;
        Directory = directory;
        Port = port;
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    public string Directory { get; }

    private string DataDirectory => Path.Combine(Directory, "data");

    public string LogPath => Path.Combine(Directory, "postgres.log");

    /// <summary>Connection string of the built-in `postgres` database.</summary>
    public string AdminConnectionString => ConnectionString(Superuser);

    /// <summary>
    /// Starts a cluster. <paramref name="durable"/> false (the default for tests) turns off fsync and
    /// synchronous commit: the data does not need to survive a power cut, the tests just need to be quick.
    /// </summary>
    public static async Task<PostgresServer> StartAsync(bool durable = false, CancellationToken cancellationToken = default)
    {
        var initdb = ExternalProgram.PostgresInitDb.Require();
        var bin = Path.GetDirectoryName(new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb)!;
        var directory = System.IO.Directory.CreateTempSubdirectory("egw-postgres-").FullName;
        var server = new PostgresServer(bin, directory, FreePort.Next());
        try
        {
            if (IsRoot)
            {
                await RunAsync("chown", [$"{Superuser}:", directory], asPostgres: false, cancellationToken);
            }

            await server.RunToolAsync("initdb", ["-D", server.DataDirectory, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"], cancellationToken);
            server._settings = $"-p {server.Port.ToString(CultureInfo.InvariantCulture)} -k {directory} -c listen_addresses=127.0.0.1 -c max_connections=200";
            if (!durable)
            {
                server._settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
            }

            await server.StartAgainAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Starts the stopped cluster again on the same port with the same data.</summary>
    public Task StartAgainAsync(CancellationToken cancellationToken = default) =>
        RunToolAsync("pg_ctl", ["-D", DataDirectory, "-l", LogPath, "-w", "-t", "60", "-o", _settings, "start"], cancellationToken);

    /// <summary>Stops the server (fast shutdown: open sessions are cut), keeping its data for <see cref="StartAgainAsync"/>.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) =>
        RunToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"], cancellationToken);

    public string ConnectionString(string database) =>
        $"Host={Host};Port={Port.ToString(CultureInfo.InvariantCulture)};Username={Superuser};Database={database};Pooling=true;Maximum Pool Size=50";

    /// <summary>Creates a fresh, empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = $"test_{Interlocked.Increment(ref _databases).ToString(CultureInfo.InvariantCulture)}_{Guid.NewGuid():N}"[..24];
        await RunAsync(Path.Combine(_binDirectory, "createdb"), ["-h", Host, "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", Superuser, name], asPostgres: false, cancellationToken);
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try
            {
                await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "30", "stop"], CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                // Best effort: a cluster that is already gone must not fail the test run.
            }
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task RunToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunAsync(Path.Combine(_binDirectory, tool), arguments, asPostgres: IsRoot, cancellationToken);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres)
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(Superuser);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}{await error}");
        }
    }
}
