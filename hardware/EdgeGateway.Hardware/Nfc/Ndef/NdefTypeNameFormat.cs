namespace EdgeGateway.Hardware.Nfc.Ndef;

/// <summary>The 3-bit TNF field of an NDEF record header (NFC Forum NDEF 1.0, section 3.2.6).</summary>
public enum NdefTypeNameFormat : byte
{
    Empty = 0x00,
    WellKnown = 0x01,
    MediaType = 0x02,
    AbsoluteUri = 0x03,
    External = 0x04,
    Unknown = 0x05,
    Unchanged = 0x06,
    Reserved = 0x07,
}
