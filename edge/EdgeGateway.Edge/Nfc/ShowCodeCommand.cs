using System.Text.Json;
using EdgeGateway.Edge.Hosting;
using EdgeGateway.Edge.Uplink;
using EdgeGateway.Protocol.Commands;
using EdgeGateway.Protocol.Serialization;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Edge.Nfc;

/// <summary>
/// Cloud command `nfc.show-code` (<see cref="ShowCodeArgs"/>): the bridge's answer to a tap that earned a
/// Wi-Fi voucher or a coupon. The gateway has no shopper display of its own, so the code is logged and
/// listed on the diagnostics page (NFC tab) where a till or kiosk integration can pick it up.
/// </summary>
public sealed partial class ShowCodeCommand(NfcShownCodes codes, TimeProvider time, ILogger<ShowCodeCommand> logger) : ICommandHandler
{
    private const int MaxCodeLength = 64;

    public string Name => NfcCommandNames.ShowCode;

    public ValueTask<JsonElement?> ExecuteAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ShowCodeArgs? args = null;
        try
        {
            args = request.Args is { ValueKind: JsonValueKind.Object } element
                ? element.Deserialize(ProtocolJsonContext.Default.ShowCodeArgs)
                : null;
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"args is not a show-code request: {ex.Message}", ex);
        }

        if (args is null || string.IsNullOrWhiteSpace(args.Code) || args.Code.Length > MaxCodeLength || args.Code.Any(char.IsControl))
        {
            throw new ArgumentException($"args.code is required: 1-{MaxCodeLength} printable characters");
        }

        if (string.IsNullOrWhiteSpace(args.Kind))
        {
            throw new ArgumentException("args.kind is required (wifi-voucher, coupon, ...)");
        }

        codes.Record(args, time.GetUtcNow());
        LogShown(args.Kind, args.Code, args.TagUid, request.RequestId);
        return ValueTask.FromResult<JsonElement?>(JsonSerializer.SerializeToElement(true, EdgeJsonContext.Default.Boolean));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Showing {Kind} code {Code} for tag {Uid} (request {RequestId})")]
    private partial void LogShown(string kind, string code, string? uid, string requestId);
}
