namespace EdgeGateway.Hardware.Emulation.Pn532.Tags;

/// <summary>
/// A MIFARE Classic 1K (ATQA 0x0004, SAK 0x08) or 4K (ATQA 0x0002, SAK 0x18) card with a 4- or 7-byte
/// UID (AUTH carries the last 4 bytes),
/// at the level the PN532 presents it: AUTH (0x60 key A / 0x61 key B + block + key + UID) unlocks a
/// sector, READ (0x30) returns a block of the unlocked sector. Trailers hold the factory keys
/// FF FF FF FF FF FF and access bits FF 07 80 69; key A always reads back as zeros. Anything else is a NAK.
/// </summary>
public sealed class VirtualMifareClassic : VirtualTag
{
    private readonly byte[] _memory;
    private int _authenticatedSector = -1;

    public VirtualMifareClassic(byte[] uid, bool is4K = false)
        : base(uid is { Length: 4 or 7 } ? uid : throw new ArgumentException("MIFARE Classic UIDs are 4 or 7 bytes.", nameof(uid)),
            is4K ? (ushort)0x0002 : (ushort)0x0004, is4K ? (byte)0x18 : (byte)0x08)
    {
        _memory = new byte[(is4K ? 256 : 64) * 16];
        uid.CopyTo(_memory, 0);
        if (uid.Length == 4)
        {
            _memory[4] = (byte)(uid[0] ^ uid[1] ^ uid[2] ^ uid[3]);
            _memory[5] = Sak;
        }
        for (var sector = 0; sector < SectorCount; sector++)
        {
            byte[] trailer = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x80, 0x69, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];
            trailer.CopyTo(_memory, TrailerBlock(sector) * 16);
        }
    }

    public int SectorCount => _memory.Length == 1024 ? 16 : 40;

    /// <summary>Sets key A of <paramref name="sector"/> (test set-up).</summary>
    public void SetKeyA(int sector, ReadOnlySpan<byte> key) => key.CopyTo(_memory.AsSpan(TrailerBlock(sector) * 16, 6));

    /// <summary>Writes a block directly (test set-up).</summary>
    public void Poke(int block, ReadOnlySpan<byte> data) => data.CopyTo(_memory.AsSpan(block * 16, 16));

    public override void PowerUp() => _authenticatedSector = -1;

    public override VirtualTagAnswer Process(ReadOnlySpan<byte> command)
    {
        if (command is [0x60 or 0x61, var block, ..] && command.Length == 12 && block < _memory.Length / 16)
        {
            var sector = SectorOf(block);
            var keyOffset = TrailerBlock(sector) * 16 + (command[0] == 0x60 ? 0 : 10);
            var keyMatches = command.Slice(2, 6).SequenceEqual(_memory.AsSpan(keyOffset, 6));
            var uidMatches = command.Slice(8, 4).SequenceEqual(Uid.AsSpan(Uid.Length - 4));
            _authenticatedSector = keyMatches && uidMatches ? sector : -1;
            return _authenticatedSector >= 0 ? VirtualTagAnswer.Ack : VirtualTagAnswer.Nak;
        }

        if (command is [0x30, var readBlock] && readBlock < _memory.Length / 16 && SectorOf(readBlock) == _authenticatedSector)
        {
            var data = _memory.AsSpan(readBlock * 16, 16).ToArray();
            if (readBlock == TrailerBlock(_authenticatedSector))
            {
                data.AsSpan(0, 6).Clear();
            }

            return VirtualTagAnswer.Of(data);
        }

        return VirtualTagAnswer.Nak;
    }

    private static int SectorOf(int block) => block < 128 ? block / 4 : 32 + (block - 128) / 16;

    private static int TrailerBlock(int sector) => sector < 32 ? sector * 4 + 3 : 128 + (sector - 32) * 16 + 15;
}
