namespace EdgeGateway.Hardware.Nfc.Ntag;

/// <summary>NTAG21x command codes (NXP NTAG213/215/216 datasheet, section 10).</summary>
public static class NtagCommand
{
    public const byte GetVersion = 0x60;
    public const byte Read = 0x30;
    public const byte FastRead = 0x3A;
    public const byte Write = 0xA2;
    public const byte CompatibilityWrite = 0xA0;
    public const byte ReadCounter = 0x39;
    public const byte PasswordAuth = 0x1B;
    public const byte ReadSignature = 0x3C;

    /// <summary>The NFC counter's address for READ_CNT.</summary>
    public const byte NfcCounterAddress = 0x02;

    /// <summary>ACCESS byte bit that makes the tag count reads (NFC_CNT_EN).</summary>
    public const byte AccessNfcCounterEnable = 0x10;

    /// <summary>ACCESS byte bit: password protects reads too, not only writes (PROT).</summary>
    public const byte AccessReadProtection = 0x80;
}
