using Microsoft.Extensions.Logging;

namespace EdgeGateway.Edge.Diagnostics.Logs;

/// <summary>
/// The newest log lines in a fixed-size ring, for the Logs page and its download. Bounded so a
/// chatty fault cannot grow memory; the journal keeps the full history.
/// </summary>
public sealed class LogRing(int capacity = 2000)
{
    private readonly LogLine?[] _lines = new LogLine?[capacity];
    private readonly Lock _lock = new();
    private long _next;

    public event Action<LogLine>? Appended;

    public int Capacity => _lines.Length;

    public void Append(DateTimeOffset at, LogLevel level, string category, string message)
    {
        LogLine line;
        lock (_lock)
        {
            line = new LogLine(_next, at, level, category, message);
            _lines[_next % _lines.Length] = line;
            _next++;
        }

        Appended?.Invoke(line);
    }

    /// <summary>Lines with a sequence number at or after <paramref name="fromSequence"/>, oldest first.</summary>
    public IReadOnlyList<LogLine> Since(long fromSequence)
    {
        lock (_lock)
        {
            var first = Math.Max(fromSequence, Math.Max(0, _next - _lines.Length));
            var result = new List<LogLine>((int)Math.Max(0, _next - first));
            for (var seq = first; seq < _next; seq++)
            {
                result.Add(_lines[seq % _lines.Length]!);
            }

            return result;
        }
    }
}
