using System.CommandLine;
using EdgeGateway.Edge.Nfc;
using EdgeGateway.Edge.Outbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.Cli;

/// <summary>
/// `edgegw nfc watch`: runs the real tag service (debounce, reconnect) with stdout in place of the
/// outbox, so each tap prints one line of the exact JSON the cloud would receive.
/// </summary>
internal static class NfcWatchCommand
{
    public static Command Build()
    {
        var count = new Option<int>("--count") { Description = "Stop after this many taps (0: until Ctrl+C).", DefaultValueFactory = _ => 0 };
        var command = new Command("watch", "Print one JSON line per tap until interrupted.");
        command.Options.Add(count);
        command.SetAction(async (ParseResult result, CancellationToken ct) =>
        {
            var options = NfcCommand.Options(result);
            var validation = new NfcOptionsValidator().Validate(null, options);
            if (validation.Failed)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync($"nfc: {validation.FailureMessage}");
                return 2;
            }

            var error = result.InvocationConfiguration.Error;
            var sink = new TapPrinter(result.InvocationConfiguration.Output, result.GetValue(count));
            using var loggers = LoggerFactory.Create(b => b.AddProvider(new OneLineLoggerProvider(error)).SetMinimumLevel(LogLevel.Warning));
            var wrapped = Microsoft.Extensions.Options.Options.Create(options);
            using var service = new NfcTagService(wrapped, new NfcReaderConnector(wrapped, TimeProvider.System), sink, new NfcWriteJobs(),
                new NfcReaderHealth(), new NfcRecentTaps(), TimeProvider.System, loggers.CreateLogger<NfcTagService>());
            await service.StartAsync(ct);
            try
            {
                await sink.Done.WaitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C is the normal way to end a watch.
            }

            await service.StopAsync(CancellationToken.None);
            return 0;
        });
        return command;
    }

    private sealed class TapPrinter(TextWriter output, int limit) : IOutbox
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _taps;

        public Task Done => _done.Task;

        public async ValueTask AppendAsync(string stream, ReadOnlyMemory<byte> itemJson, OutboxPriority priority, CancellationToken cancellationToken)
        {
            await output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(itemJson.Span));
            await output.FlushAsync(cancellationToken);
            if (limit > 0 && ++_taps >= limit)
            {
                _done.TrySetResult();
            }
        }
    }

    private sealed class OneLineLoggerProvider(TextWriter error) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new OneLineLogger(error);

        public void Dispose()
        {
        }

        private sealed class OneLineLogger(TextWriter error) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    error.WriteLine($"nfc: {formatter(state, exception)}");
                }
            }
        }
    }
}
