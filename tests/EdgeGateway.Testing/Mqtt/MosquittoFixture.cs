namespace EdgeGateway.Testing.Mqtt;

/// <summary>
/// One mosquitto shared by the tests of a class (IClassFixture) or collection. A missing mosquitto is
/// reported when a test touches <see cref="Broker"/>, so it skips (or fails under CI) like any other test.
/// </summary>
public sealed class MosquittoFixture : IAsyncLifetime
{
    private MosquittoBroker? _broker;
    private Exception? _startFailure;

    public MosquittoBroker Broker
    {
        get
        {
            if (_broker is not null)
            {
                return _broker;
            }

            if (_startFailure is not null)
            {
                throw new InvalidOperationException("the shared mosquitto did not start", _startFailure);
            }

            Tools.ExternalProgram.Mosquitto.Require();
            throw new InvalidOperationException("the shared mosquitto is not available");
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (Tools.ExternalProgram.Mosquitto.Find() is null)
        {
            return;
        }

        try
        {
            _broker = await MosquittoBroker.StartAsync();
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            _startFailure = ex;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }
}
