namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>
/// A platform's access token, fetched on first use, reused until the renewal time its fetch named, and fetched again
/// when forced (the platform rejected it). One fetch at a time, so concurrent calls share a renewal.
/// </summary>
internal sealed class RenewingToken(TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _renewAt;

    public async Task<string> GetAsync(
        bool force, Func<CancellationToken, Task<(string Token, DateTimeOffset RenewAt)>> fetch, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!force && _token is not null && time.GetUtcNow() < _renewAt)
            {
                return _token;
            }

            (_token, _renewAt) = await fetch(cancellationToken);
            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
