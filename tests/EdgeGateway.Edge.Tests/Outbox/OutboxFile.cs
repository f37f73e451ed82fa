using EdgeGateway.Edge.Outbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.Tests.Outbox;

/// <summary>A real LiteDB outbox file in a private temp directory, reopened as often as a test likes.</summary>
public sealed class OutboxFile : IDisposable
{
    public OutboxFile()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("egw-outbox-").FullName;
        Path = System.IO.Path.Combine(Directory, "outbox.db");
    }

    public string Directory { get; }

    public string Path { get; }

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero));

    public LiteDbOutbox Open(Action<OutboxOptions>? configure = null, ILogger<LiteDbOutbox>? logger = null)
    {
        var options = new OutboxOptions { DatabasePath = Path, AppendLinger = TimeSpan.Zero, MaxItems = 1_000 };
        configure?.Invoke(options);
        return new LiteDbOutbox(Options.Create(options), Clock, logger ?? NullLogger<LiteDbOutbox>.Instance);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // leftover temp files are harmless
        }
    }
}
