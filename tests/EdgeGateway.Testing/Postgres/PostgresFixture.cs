using EdgeGateway.Testing.Tools;

namespace EdgeGateway.Testing.Postgres;

/// <summary>
/// One PostgreSQL cluster shared by the tests of a class or collection; each test takes its own
/// database with <see cref="CreateDatabaseAsync"/>. A missing PostgreSQL skips the test (fails under CI).
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;
    private Exception? _startFailure;

    public PostgresServer Server
    {
        get
        {
            if (_server is not null)
            {
                return _server;
            }

            if (_startFailure is not null)
            {
                throw new InvalidOperationException("the shared PostgreSQL did not start", _startFailure);
            }

            ExternalProgram.PostgresInitDb.Require();
            throw new InvalidOperationException("the shared PostgreSQL is not available");
        }
    }

    public Task<string> CreateDatabaseAsync() => Server.CreateDatabaseAsync(TestContext.Current.CancellationToken);

    public async ValueTask InitializeAsync()
    {
        if (ExternalProgram.PostgresInitDb.Find() is null)
        {
            return;
        }

        try
        {
            _server = await PostgresServer.StartAsync();
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException)
        {
            _startFailure = ex;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
