using System.Security.Cryptography;
using System.Text;
using EdgeGateway.CloudBridge.Actions;
using EdgeGateway.CloudBridge.Connectors.Common;

namespace EdgeGateway.CloudBridge.Connectors.WifiVouchers;

/// <summary>
/// The `wifi-voucher` NFC action: create a voucher at the site's venue (POST /vouchers with the rule's days
/// and limits) and show its code on the gateway. The code is derived from the tap's identity, so a retry
/// after a cut-off attempt asks for the same code and the platform's "code already taken" means it was made.
/// </summary>
public sealed class WifiVoucherAction(WifiVoucherClient client, WifiVenueDirectory venues, WifiVouchersOptions options, TimeProvider time) : INfcActionPlatform
{
    public const string ConnectorName = "wifivouchers";

    // Crockford-style: no I, L, O, U, so a code read aloud or typed from a screen is not misread.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";


    public string Action => NfcActionKinds.WifiVoucher;

    /// <summary>`{prefix}-` and 8 characters of SHA-256 over the tap key (40 bits: collisions are not a practical concern per team).</summary>
    public static string VoucherCode(string prefix, string tapKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(tapKey));
        var value = BitConverter.ToUInt64(hash, 0);
        var code = new char[8];
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }

        return $"{prefix}-{new string(code)}";
    }

    public async Task<NfcActionOutcome> RunAsync(NfcActionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await venues.VenueOfAsync(request.Site, cancellationToken) is not { } venue)
        {
            return NfcActionOutcome.Refused($"no venue for site '{request.Site}' (name a venue like the site or set Connectors:WifiVouchers:Venues:{request.Site})");
        }

        var rule = request.Rule;
        var code = VoucherCode(options.CodePrefix, request.TapKey);
        var refused = await client.CreateVoucherAsync(
            new WifiVoucherRequest(code, venue, rule.Days!.Value, rule.UpSpeedMbps, rule.DownSpeedMbps, rule.VolumeCapGb, rule.MaxDevices), cancellationToken);
        if (refused is not null && !(request.Resumed && refused.Contains("code", StringComparison.OrdinalIgnoreCase)))
        {
            return NfcActionOutcome.Refused($"voucher refused: {refused}");
        }

        var days = rule.Days.Value;
        return NfcActionOutcome.Issued(code, $"Wi-Fi, {days} day{(days == 1 ? "" : "s")}", time.GetUtcNow().AddDays(days));
    }
}
