using EdgeGateway.Protocol.Commands;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Edge.Uplink;

/// <summary>The registry of <see cref="ICommandHandler"/>s: every request gets exactly one result, whatever happens.</summary>
public sealed class CommandDispatcher
{
    private readonly Dictionary<string, ICommandHandler> _handlers;
    private readonly TimeProvider _time;
    private readonly ILogger<CommandDispatcher> _logger;

    public CommandDispatcher(IEnumerable<ICommandHandler> handlers, TimeProvider time, ILogger<CommandDispatcher> logger)
    {
        _handlers = new Dictionary<string, ICommandHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            if (!_handlers.TryAdd(handler.Name, handler))
            {
                throw new InvalidOperationException($"two command handlers are registered for '{handler.Name}'");
            }
        }

        _time = time;
        _logger = logger;
    }

    public IReadOnlyCollection<string> Names => _handlers.Keys;

    public async Task<CommandResult> DispatchAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ExpiresAt is { } expires && _time.GetUtcNow() > expires)
        {
            return Failed(request, $"expired at {expires:O}");
        }

        if (!_handlers.TryGetValue(request.Name, out var handler))
        {
            return Failed(request, $"unknown command '{request.Name}' (known: {string.Join(", ", _handlers.Keys.Order(StringComparer.Ordinal))})");
        }

        try
        {
            var result = await handler.ExecuteAsync(request, cancellationToken);
            return new CommandResult { RequestId = request.RequestId, Ok = true, Result = result, At = _time.GetUtcNow() };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A failing command is an answer for the cloud, not a reason to stop the uplink.
            _logger.LogWarning(ex, "Command {Name} ({RequestId}) failed", request.Name, request.RequestId);
            return Failed(request, ex.Message);
        }
    }

    public CommandResult Failed(CommandRequest request, string error)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new CommandResult { RequestId = request.RequestId, Ok = false, Error = error, At = _time.GetUtcNow() };
    }
}
