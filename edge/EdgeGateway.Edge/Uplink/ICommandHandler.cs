using System.Text.Json;
using EdgeGateway.Protocol.Commands;

namespace EdgeGateway.Edge.Uplink;

/// <summary>
/// Executes one named command from the cloud (`cmd/{requestId}`). Register implementations in DI; the
/// <see cref="CommandDispatcher"/> routes by <see cref="Name"/>. Return the result payload; throw to answer
/// ok=false with the exception's message as the one-line error.
/// </summary>
public interface ICommandHandler
{
    /// <summary>Command name, e.g. nfc.write-url, selftest.run, beacon.set.</summary>
    string Name { get; }

    ValueTask<JsonElement?> ExecuteAsync(CommandRequest request, CancellationToken cancellationToken);
}
