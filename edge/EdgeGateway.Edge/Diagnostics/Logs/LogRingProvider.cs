using Microsoft.Extensions.Logging;

namespace EdgeGateway.Edge.Diagnostics.Logs;

/// <summary>Feeds every log entry at Information and above into the <see cref="LogRing"/>.</summary>
public sealed class LogRingProvider(LogRing ring, TimeProvider time) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new RingLogger(ring, time, categoryName);

    public void Dispose()
    {
    }

    private sealed class RingLogger(LogRing ring, TimeProvider time, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            if (exception is not null)
            {
                message = $"{message} ({exception.GetType().Name}: {exception.Message})";
            }

            ring.Append(time.GetUtcNow(), logLevel, category, message);
        }
    }
}
