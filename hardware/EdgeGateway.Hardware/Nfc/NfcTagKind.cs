namespace EdgeGateway.Hardware.Nfc;

/// <summary>What a tapped tag is, as far as the reader can tell.</summary>
public enum NfcTagKind
{
    Unknown,
    Ntag213,
    Ntag215,
    Ntag216,
    Ultralight,
    MifareClassicMini,
    MifareClassic1K,
    MifareClassic4K,
}
