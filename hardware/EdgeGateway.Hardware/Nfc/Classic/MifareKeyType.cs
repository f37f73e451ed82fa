namespace EdgeGateway.Hardware.Nfc.Classic;

/// <summary>Which sector-trailer key to authenticate with; the values are the MIFARE AUTH command codes.</summary>
public enum MifareKeyType : byte
{
    KeyA = 0x60,
    KeyB = 0x61,
}
