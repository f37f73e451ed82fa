using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EdgeGateway.CloudBridge.Ingest;
using EdgeGateway.Protocol.Commands;
using EdgeGateway.Protocol.Serialization;
using EdgeGateway.Protocol.Topics;

namespace EdgeGateway.CloudBridge.Actions;

/// <summary>
/// Publishes an action's answer to the gateway that reported the tap: `gw/v1/{gatewayId}/cmd/{requestId}`,
/// QoS 1, not retained (a retained command would run again on every reconnect). The request id is derived
/// from the tap, so a command published twice (a retry after a lost PUBACK) carries the same id.
/// The publisher is resolved on first use: it is the ingest service, which itself needs the connectors.
/// </summary>
public sealed class GatewayCommandSender(Func<IMqttPublisher> mqtt, NfcActionsOptions options, TimeProvider time)
{
    /// <summary>`nfc-` and 24 hex digits of SHA-256 over the tap key: a valid topic level, the same for every retry.</summary>
    public static string RequestId(string tapKey) =>
        "nfc-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tapKey)))[..24];

    /// <summary>Sends `nfc.show-code` (voucher, coupon) or `nfc.write-url` (entry link) and returns the request id.</summary>
    public async Task<string> SendAsync(NfcActionRecord action, DateTimeOffset? codeExpiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var requestId = RequestId(action.TapKey);
        var args = action.Action == NfcActionKinds.PromotionEntry
            ? JsonSerializer.SerializeToElement(new WriteUrlArgs { Url = action.Result!, WaitSeconds = options.WriteWaitSeconds }, ProtocolJsonContext.Default.WriteUrlArgs)
            : JsonSerializer.SerializeToElement(
                new ShowCodeArgs { Code = action.Result!, Kind = action.Action, Label = action.Detail, TagUid = action.Uid, ExpiresAt = codeExpiresAt },
                ProtocolJsonContext.Default.ShowCodeArgs);
        var request = new CommandRequest
        {
            RequestId = requestId,
            Name = action.Action == NfcActionKinds.PromotionEntry ? NfcCommandNames.WriteUrl : NfcCommandNames.ShowCode,
            Args = args,
            ExpiresAt = time.GetUtcNow().AddSeconds(options.CommandTtlSeconds),
        };
        await mqtt().PublishAsync(
            GatewayTopics.Command(action.GatewayId, requestId),
            JsonSerializer.SerializeToUtf8Bytes(request, ProtocolJsonContext.Default.CommandRequest),
            retain: false,
            cancellationToken);
        return requestId;
    }
}
