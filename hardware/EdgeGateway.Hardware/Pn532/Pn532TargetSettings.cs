namespace EdgeGateway.Hardware.Pn532;

/// <summary>
/// What the PN532 presents when emulating a card (TgInitAsTarget parameters): SENS_RES, NFCID1t, SEL_RES
/// for 106 kbps type A; FeliCa and NFCID3t parameters stay zero unless set.
/// </summary>
public sealed record Pn532TargetSettings
{
    /// <summary>Bit 0 PassiveOnly, bit 1 DEPOnly, bit 2 PICCOnly.</summary>
    public byte Mode { get; init; } = 0x05;

    public ushort SensRes { get; init; } = 0x0400;

    /// <summary>NFCID1t without the first byte (the chip fixes it to 0x08): 3 bytes.</summary>
    public byte[] Nfcid1t { get; init; } = [0x12, 0x34, 0x56];

    /// <summary>0x20 announces ISO/IEC 14443-4 (a type 4 tag).</summary>
    public byte SelRes { get; init; } = 0x20;

    public byte[] FeliCaParameters { get; init; } = new byte[18];

    public byte[] Nfcid3t { get; init; } = new byte[10];

    public byte[] GeneralBytes { get; init; } = [];

    public byte[] HistoricalBytes { get; init; } = [];

    internal byte[] ToParameters()
    {
        if (Nfcid1t.Length != 3 || FeliCaParameters.Length != 18 || Nfcid3t.Length != 10)
        {
            throw new ArgumentException("NFCID1t is 3 bytes, FeliCa parameters 18, NFCID3t 10.");
        }

        var parameters = new List<byte>(1 + 6 + 18 + 10 + 2 + GeneralBytes.Length + HistoricalBytes.Length)
        {
            Mode, (byte)(SensRes >> 8), (byte)SensRes,
        };
        parameters.AddRange(Nfcid1t);
        parameters.Add(SelRes);
        parameters.AddRange(FeliCaParameters);
        parameters.AddRange(Nfcid3t);
        parameters.Add((byte)GeneralBytes.Length);
        parameters.AddRange(GeneralBytes);
        parameters.Add((byte)HistoricalBytes.Length);
        parameters.AddRange(HistoricalBytes);
        return [.. parameters];
    }
}
