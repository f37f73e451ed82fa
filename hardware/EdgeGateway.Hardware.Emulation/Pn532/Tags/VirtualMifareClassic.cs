namespace EdgeGateway.Hardware.Emulation.Pn532.Tags;

/// <summary>
/// A MIFARE Classic card, for identification only: 4-byte UID, ATQA 0x0004/SAK 0x08 (1K) or ATQA
/// 0x0002/SAK 0x18 (4K). Without authentication it NAKs every memory command, as a real card does.
/// </summary>
public sealed class VirtualMifareClassic(byte[] uid, bool is4K = false)
    : VirtualTag(uid, is4K ? (ushort)0x0002 : (ushort)0x0004, is4K ? (byte)0x18 : (byte)0x08)
{
    public override VirtualTagAnswer Process(ReadOnlySpan<byte> command) => VirtualTagAnswer.Nak;
}
