namespace EdgeGateway.Protocol.Commands;

/// <summary>
/// Arguments of <see cref="NfcCommandNames.ShowCode"/>: a code the cloud issued in answer to a tap, for the
/// gateway to show to the shopper (and the technician's diagnostics page).
/// </summary>
public sealed record ShowCodeArgs
{
    /// <summary>What to show, e.g. a Wi-Fi voucher code or a coupon's redeem code (1-64 printable characters).</summary>
    public required string Code { get; init; }

    /// <summary>What the code is: wifi-voucher, coupon, entry-link.</summary>
    public required string Kind { get; init; }

    /// <summary>A short human label, e.g. the offer title or "Wi-Fi, 1 day".</summary>
    public string? Label { get; init; }

    /// <summary>UID of the tap's tag (lower-case hex), so the display can tie the code to the tap.</summary>
    public string? TagUid { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }
}
