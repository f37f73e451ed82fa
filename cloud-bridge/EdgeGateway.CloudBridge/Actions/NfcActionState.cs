namespace EdgeGateway.CloudBridge.Actions;

/// <summary>Where one tap's action stands in the ledger.</summary>
public enum NfcActionState
{
    /// <summary>Claimed; the platform call has not been recorded as done (it may or may not have reached the platform).</summary>
    Pending,

    /// <summary>The platform issued something (voucher, coupon, entry link); <see cref="NfcActionRecord.Result"/> holds it.</summary>
    Done,

    /// <summary>The platform answered with a final no (unknown site, no live offer, promotion not set up); never retried.</summary>
    Refused,
}
