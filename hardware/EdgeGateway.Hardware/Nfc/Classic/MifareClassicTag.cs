using EdgeGateway.Hardware.Pn532;

namespace EdgeGateway.Hardware.Nfc.Classic;

/// <summary>
/// A MIFARE Classic card activated by a <see cref="Pn532"/>. The PN532 runs the Crypto1 handshake itself
/// when InDataExchange carries an AUTH command (key + the UID's last 4 bytes), then READs of that
/// sector's blocks go through in the clear as far as the host is concerned.
/// </summary>
public sealed class MifareClassicTag(Pn532.Pn532 pn532, Pn532Target target)
{
    public const int BlockSize = 16;

    /// <summary>Factory default key (transport configuration).</summary>
    public static ReadOnlyMemory<byte> DefaultKey { get; } = new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };

    public Pn532Target Target { get; } = target ?? throw new ArgumentNullException(nameof(target));

    /// <summary>Blocks of a sector: 4 in sectors 0-31, 16 in the 4K card's sectors 32-39.</summary>
    public static int BlocksInSector(int sector) => sector < 32 ? 4 : 16;

    public static int FirstBlockOfSector(int sector) => sector < 32 ? sector * 4 : 128 + (sector - 32) * 16;

    /// <summary>Authenticates <paramref name="block"/>'s sector. A wrong key is a Pn532Exception with status Authentication.</summary>
    public async Task AuthenticateAsync(int block, MifareKeyType keyType, ReadOnlyMemory<byte> key, CancellationToken cancellationToken)
    {
        if (key.Length != 6)
        {
            throw new ArgumentException("MIFARE Classic keys are 6 bytes.", nameof(key));
        }

        var uid = Target.Uid.AsSpan(Target.Uid.Length - 4);
        byte[] command = [(byte)keyType, (byte)block, .. key.Span, .. uid];
        await pn532.InDataExchangeAsync(Target.Number, command, Memory<byte>.Empty, null, cancellationToken);
    }

    /// <summary>READ of one 16-byte block of the authenticated sector.</summary>
    public async Task<byte[]> ReadBlockAsync(int block, CancellationToken cancellationToken)
    {
        var data = new byte[BlockSize];
        var length = await pn532.InDataExchangeAsync(Target.Number, new byte[] { 0x30, (byte)block }, data, null, cancellationToken);
        return length == BlockSize
            ? data
            : throw new Pn532Exception(Pn532Error.UnexpectedResponse, $"tag answered READ of block {block} with {length} bytes, expected 16.");
    }

    /// <summary>Authenticates and reads every block of <paramref name="sector"/>, trailer included (key A reads as zeros).</summary>
    public async Task<byte[]> ReadSectorAsync(int sector, MifareKeyType keyType, ReadOnlyMemory<byte> key, CancellationToken cancellationToken)
    {
        var first = FirstBlockOfSector(sector);
        await AuthenticateAsync(first, keyType, key, cancellationToken);
        var data = new byte[BlocksInSector(sector) * BlockSize];
        for (var i = 0; i < BlocksInSector(sector); i++)
        {
            (await ReadBlockAsync(first + i, cancellationToken)).CopyTo(data, i * BlockSize);
        }

        return data;
    }
}
