using EdgeGateway.Hardware.Nfc.Ndef;

namespace EdgeGateway.Hardware.Nfc;

/// <summary>Everything one read of a tapped tag produced. <see cref="NdefProblem"/> is set when the NDEF area was unreadable.</summary>
public sealed record NfcTagSnapshot(
    byte[] Uid,
    NfcTagKind Kind,
    ushort Atqa,
    byte Sak,
    int? Counter,
    NdefMessage Ndef,
    bool SignaturePresent,
    NdefError? NdefProblem,
    string? NdefProblemMessage)
{
    public string UidHex => Convert.ToHexStringLower(Uid);
}
