using EdgeGateway.Hardware.Nfc.Ntag;
using EdgeGateway.Hardware.Pn532;

namespace EdgeGateway.Hardware.Nfc;

/// <summary>
/// Identifies a type A tag from its anticollision answer (NXP AN10833: SAK 0x08 Classic 1K, 0x18 4K,
/// 0x09 Mini; SAK 0x00 + ATQA 0x0044 the Ultralight/NTAG family, told apart with GET_VERSION), and
/// names kinds as the contract spells them.
/// </summary>
public static class NfcTagIdentification
{
    /// <summary>The kind from ATQA/SAK alone; Ultralight-family tags need <see cref="FromNtagType"/> after GET_VERSION.</summary>
    public static NfcTagKind FromAnticollision(ushort atqa, byte sak) => (sak & 0x7F) switch
    {
        0x08 => NfcTagKind.MifareClassic1K,
        0x18 => NfcTagKind.MifareClassic4K,
        0x09 => NfcTagKind.MifareClassicMini,
        0x00 when atqa == 0x0044 => NfcTagKind.Ultralight,
        _ => NfcTagKind.Unknown,
    };

    public static bool IsUltralightFamily(Pn532Target target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return FromAnticollision(target.Atqa, target.Sak) == NfcTagKind.Ultralight && target.Uid.Length == 7;
    }

    public static NfcTagKind FromNtagType(NtagType type) => type switch
    {
        NtagType.Ntag213 => NfcTagKind.Ntag213,
        NtagType.Ntag215 => NfcTagKind.Ntag215,
        NtagType.Ntag216 => NfcTagKind.Ntag216,
        NtagType.Ultralight => NfcTagKind.Ultralight,
        _ => NfcTagKind.Unknown,
    };

    /// <summary>The contract's spelling (TagReadItem.TagType): ntag213, mifare-classic-1k, …</summary>
    public static string ContractName(NfcTagKind kind) => kind switch
    {
        NfcTagKind.Ntag213 => "ntag213",
        NfcTagKind.Ntag215 => "ntag215",
        NfcTagKind.Ntag216 => "ntag216",
        NfcTagKind.Ultralight => "ultralight",
        NfcTagKind.MifareClassicMini => "mifare-classic-mini",
        NfcTagKind.MifareClassic1K => "mifare-classic-1k",
        NfcTagKind.MifareClassic4K => "mifare-classic-4k",
        _ => "unknown",
    };
}
