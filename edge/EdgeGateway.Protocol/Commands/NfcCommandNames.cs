namespace EdgeGateway.Protocol.Commands;

/// <summary>The NFC command names a gateway accepts on `cmd/{requestId}`, shared so the bridge and the edge spell them alike.</summary>
public static class NfcCommandNames
{
    /// <summary>Args <see cref="WriteUrlArgs"/>: encode a URL on the next tag presented (or the tag still on the reader).</summary>
    public const string WriteUrl = "nfc.write-url";

    /// <summary>Args <see cref="ShowCodeArgs"/>: show a code the cloud issued for a tap (Wi-Fi voucher, coupon) to the shopper.</summary>
    public const string ShowCode = "nfc.show-code";
}
