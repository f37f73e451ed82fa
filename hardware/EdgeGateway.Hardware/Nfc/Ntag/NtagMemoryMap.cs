namespace EdgeGateway.Hardware.Nfc.Ntag;

/// <summary>
/// Page layout of one NTAG21x type (datasheet section 8.5): pages of 4 bytes; 0-2 UID/lock, 3 the
/// capability container, user memory from page 4, then dynamic lock, CFG0, CFG1, PWD and PACK.
/// </summary>
public sealed record NtagMemoryMap(NtagType Type, int TotalPages, int FirstUserPage, int LastUserPage, byte CapabilitySize, byte StorageSize)
{
    public const int PageSize = 4;
    public const int CapabilityContainerPage = 3;

    public static NtagMemoryMap Ntag213 { get; } = new(NtagType.Ntag213, 45, 4, 0x27, 0x12, 0x0F);

    public static NtagMemoryMap Ntag215 { get; } = new(NtagType.Ntag215, 135, 4, 0x81, 0x3E, 0x11);

    public static NtagMemoryMap Ntag216 { get; } = new(NtagType.Ntag216, 231, 4, 0xE1, 0x6D, 0x13);

    /// <summary>MIFARE Ultralight (MF0ICU1): 16 pages, 48 user bytes, no configuration pages.</summary>
    public static NtagMemoryMap Ultralight { get; } = new(NtagType.Ultralight, 16, 4, 15, 0x06, 0x0B);

    public int DynamicLockPage => LastUserPage + 1;

    public int Config0Page => LastUserPage + 2;

    public int Config1Page => LastUserPage + 3;

    public int PasswordPage => LastUserPage + 4;

    public int PackPage => LastUserPage + 5;

    public int UserBytes => (LastUserPage - FirstUserPage + 1) * PageSize;

    public bool HasConfiguration => Type is NtagType.Ntag213 or NtagType.Ntag215 or NtagType.Ntag216;

    public bool IsUserPage(int page) => page >= FirstUserPage && page <= LastUserPage;

    /// <summary>The map for the storage-size byte of a GET_VERSION answer, or null for an unknown part.</summary>
    public static NtagMemoryMap? FromStorageSize(byte storageSize) => storageSize switch
    {
        0x0F => Ntag213,
        0x11 => Ntag215,
        0x13 => Ntag216,
        _ => null,
    };

    public static NtagMemoryMap For(NtagType type) => type switch
    {
        NtagType.Ntag213 => Ntag213,
        NtagType.Ntag215 => Ntag215,
        NtagType.Ntag216 => Ntag216,
        NtagType.Ultralight => Ultralight,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No memory map for an unknown tag."),
    };
}
