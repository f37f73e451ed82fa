using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Edge.Tests.Outbox;

/// <summary>Keeps every message at or above Information, so a test can count what an operator would see.</summary>
public sealed class CountingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel))
        {
            Entries.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}
