using EdgeGateway.Hardware.Nfc.Ndef;
using EdgeGateway.Hardware.Pn532;

namespace EdgeGateway.Hardware.Nfc.Ntag;

/// <summary>
/// An NTAG21x (or Ultralight) tag activated by a <see cref="Pn532"/>: the datasheet's commands, the
/// memory map of the identified type, and NDEF read/write on top. Writes outside user memory are
/// refused unless the caller asks for the wider <see cref="NtagWriteScope"/>.
/// </summary>
public sealed class NtagTag
{
    // FAST_READ answers must fit the PN532's 262-byte exchange buffer: 60 pages = 240 bytes.
    private const int MaxFastReadPages = 60;

    private readonly Pn532.Pn532 _pn532;
    private readonly byte _target;

    public NtagTag(Pn532.Pn532 pn532, Pn532Target target, NtagMemoryMap map)
    {
        _pn532 = pn532 ?? throw new ArgumentNullException(nameof(pn532));
        ArgumentNullException.ThrowIfNull(target);
        _target = target.Number;
        Target = target;
        Map = map ?? throw new ArgumentNullException(nameof(map));
    }

    public Pn532Target Target { get; }

    public NtagMemoryMap Map { get; }

    /// <summary>Runs GET_VERSION and returns the tag with its memory map; null when the answer is not an NTAG21x.</summary>
    public static async Task<NtagTag?> IdentifyAsync(Pn532.Pn532 pn532, Pn532Target target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pn532);
        var version = new byte[8];
        var length = await pn532.InCommunicateThruAsync(new[] { NtagCommand.GetVersion }, version, null, cancellationToken);
        // Vendor 0x04 = NXP, product type 0x04 = NTAG.
        if (length != 8 || version[1] != 0x04 || version[2] != 0x04)
        {
            return null;
        }

        var map = NtagMemoryMap.FromStorageSize(version[6]);
        return map is null ? null : new NtagTag(pn532, target, map);
    }

    /// <summary>READ: 16 bytes (4 pages) from <paramref name="page"/>.</summary>
    public async Task<byte[]> ReadAsync(int page, CancellationToken cancellationToken)
    {
        CheckPage(page);
        var data = new byte[16];
        var length = await _pn532.InDataExchangeAsync(_target, new[] { NtagCommand.Read, (byte)page }, data, null, cancellationToken);
        return length == 16 ? data : throw Short("READ", length, 16);
    }

    /// <summary>FAST_READ pages <paramref name="start"/>..<paramref name="end"/> inclusive, split to fit the PN532 buffer.</summary>
    public async Task<byte[]> FastReadAsync(int start, int end, CancellationToken cancellationToken)
    {
        CheckPage(start);
        CheckPage(end);
        if (end < start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, "End page is before the start page.");
        }

        var result = new byte[(end - start + 1) * NtagMemoryMap.PageSize];
        for (var first = start; first <= end; first += MaxFastReadPages)
        {
            var last = Math.Min(end, first + MaxFastReadPages - 1);
            var expected = (last - first + 1) * NtagMemoryMap.PageSize;
            var slice = result.AsMemory((first - start) * NtagMemoryMap.PageSize, expected);
            var length = await _pn532.InCommunicateThruAsync(new[] { NtagCommand.FastRead, (byte)first, (byte)last }, slice, null, cancellationToken);
            if (length != expected)
            {
                throw Short("FAST_READ", length, expected);
            }
        }

        return result;
    }

    /// <summary>WRITE one page, refusing pages outside <paramref name="scope"/>.</summary>
    public async Task WritePageAsync(int page, ReadOnlyMemory<byte> data, NtagWriteScope scope = NtagWriteScope.UserMemory,
        CancellationToken cancellationToken = default)
    {
        if (data.Length != NtagMemoryMap.PageSize)
        {
            throw new ArgumentException("A page is 4 bytes.", nameof(data));
        }

        var allowed = Map.IsUserPage(page)
            || (page == NtagMemoryMap.CapabilityContainerPage && scope >= NtagWriteScope.CapabilityContainer)
            || (page >= 2 && page < Map.TotalPages && scope == NtagWriteScope.Configuration);
        if (!allowed)
        {
            throw new ArgumentOutOfRangeException(nameof(page), page,
                $"page {page} is outside {Map.Type} user memory ({Map.FirstUserPage}-{Map.LastUserPage}); writing it needs scope {NeededScope(page)}.");
        }

        byte[] command = [NtagCommand.Write, (byte)page, .. data.Span];
        await _pn532.InDataExchangeAsync(_target, command, Memory<byte>.Empty, null, cancellationToken);
    }

    /// <summary>READ_CNT: the 24-bit NFC counter, or null when the tag does not count (NFC_CNT_EN clear).</summary>
    public async Task<int?> ReadCounterAsync(CancellationToken cancellationToken)
    {
        if (!Map.HasConfiguration)
        {
            return null;
        }

        // Check ACCESS first: a READ_CNT with counting off is NAKed, and a NAK halts the tag.
        var config1 = await ReadAsync(Map.Config1Page, cancellationToken);
        if ((config1[0] & NtagCommand.AccessNfcCounterEnable) == 0)
        {
            return null;
        }

        var counter = new byte[3];
        var length = await _pn532.InCommunicateThruAsync(new[] { NtagCommand.ReadCounter, NtagCommand.NfcCounterAddress }, counter, null, cancellationToken);
        return length == 3 ? counter[0] | (counter[1] << 8) | (counter[2] << 16) : throw Short("READ_CNT", length, 3);
    }

    /// <summary>Sets NFC_CNT_EN in the ACCESS byte so the tag counts its reads.</summary>
    public async Task EnableCounterAsync(CancellationToken cancellationToken)
    {
        if (!Map.HasConfiguration)
        {
            throw new NotSupportedException($"{Map.Type} has no NFC counter.");
        }

        var config1 = await ReadAsync(Map.Config1Page, cancellationToken);
        var page = config1.AsMemory(0, 4).ToArray();
        page[0] |= NtagCommand.AccessNfcCounterEnable;
        await WritePageAsync(Map.Config1Page, page, NtagWriteScope.Configuration, cancellationToken);
    }

    /// <summary>READ_SIG: the 32-byte ECC originality signature.</summary>
    public async Task<byte[]> ReadSignatureAsync(CancellationToken cancellationToken)
    {
        var signature = new byte[32];
        var length = await _pn532.InCommunicateThruAsync(new byte[] { NtagCommand.ReadSignature, 0x00 }, signature, null, cancellationToken);
        return length == 32 ? signature : throw Short("READ_SIG", length, 32);
    }

    /// <summary>PWD_AUTH: returns the PACK. A wrong password is a NAK (Pn532Exception, status Authentication).</summary>
    public async Task<ushort> PasswordAuthAsync(uint password, CancellationToken cancellationToken)
    {
        byte[] command = [NtagCommand.PasswordAuth, (byte)(password >> 24), (byte)(password >> 16), (byte)(password >> 8), (byte)password];
        var pack = new byte[2];
        var length = await _pn532.InCommunicateThruAsync(command, pack, null, cancellationToken);
        return length == 2 ? (ushort)((pack[0] << 8) | pack[1]) : throw Short("PWD_AUTH", length, 2);
    }

    /// <summary>Reads the NDEF message, fetching only the pages the NDEF TLV covers.</summary>
    public async Task<NdefMessage> ReadNdefAsync(CancellationToken cancellationToken)
    {
        var cc = await ReadAsync(NtagMemoryMap.CapabilityContainerPage, cancellationToken);
        if (cc[0] != 0xE1)
        {
            throw new NdefFormatException(NdefError.NotFormatted,
                $"capability container starts with 0x{cc[0]:X2}, not the NDEF magic 0xE1: the tag is not NDEF-formatted.");
        }

        // READ of page 3 returned pages 3-6: 12 bytes of user memory already.
        var data = cc[4..];
        while (true)
        {
            var (offset, length) = NdefTlv.Find(data, Map.UserBytes, out var needed);
            if (needed == 0)
            {
                return offset < 0 ? NdefMessage.Empty : NdefMessage.Parse(data.AsSpan(offset, length));
            }

            var have = data.Length / NtagMemoryMap.PageSize;
            var want = (needed + NtagMemoryMap.PageSize - 1) / NtagMemoryMap.PageSize;
            var more = await FastReadAsync(Map.FirstUserPage + have, Map.FirstUserPage + want - 1, cancellationToken);
            data = [.. data, .. more];
        }
    }

    /// <summary>
    /// Writes <paramref name="message"/> as the tag's only NDEF TLV. A blank tag (CC all zero) gets a
    /// capability container first; a read-only CC is refused.
    /// </summary>
    public async Task WriteNdefAsync(NdefMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var tlv = NdefTlv.Wrap(message.ToBytes());
        if (tlv.Length > Map.UserBytes)
        {
            throw new NdefFormatException(NdefError.TooLarge, $"NDEF message needs {tlv.Length} bytes; {Map.Type} has {Map.UserBytes}.");
        }

        var cc = (await ReadAsync(NtagMemoryMap.CapabilityContainerPage, cancellationToken))[..4];
        if (cc is [0, 0, 0, 0])
        {
            await WritePageAsync(NtagMemoryMap.CapabilityContainerPage, new byte[] { 0xE1, 0x10, Map.CapabilitySize, 0x00 },
                NtagWriteScope.CapabilityContainer, cancellationToken);
        }
        else if (cc[0] != 0xE1)
        {
            throw new NdefFormatException(NdefError.NotFormatted, $"capability container 0x{cc[0]:X2}… is not NDEF; refusing to overwrite it.");
        }
        else if ((cc[3] & 0xF0) != 0)
        {
            throw new InvalidOperationException($"capability container marks the tag read-only (access 0x{cc[3]:X2}).");
        }

        var padded = new byte[(tlv.Length + 3) / 4 * 4];
        tlv.CopyTo(padded, 0);
        // Empty the message first and write its header last (T2T 1.0 section 2.4): a tag pulled away
        // mid-write then reads as an empty message, never as the old length over half-new bytes.
        var pages = padded.Length / 4;
        if (pages > 1)
        {
            await WritePageAsync(Map.FirstUserPage, new byte[] { NdefTlv.Message, 0x00, NdefTlv.Terminator, 0x00 },
                NtagWriteScope.UserMemory, cancellationToken);
        }

        for (var i = 1; i < pages; i++)
        {
            await WritePageAsync(Map.FirstUserPage + i, padded.AsMemory(i * 4, 4), NtagWriteScope.UserMemory, cancellationToken);
        }

        await WritePageAsync(Map.FirstUserPage, padded.AsMemory(0, 4), NtagWriteScope.UserMemory, cancellationToken);
    }

    private void CheckPage(int page)
    {
        if (page < 0 || page >= Map.TotalPages)
        {
            throw new ArgumentOutOfRangeException(nameof(page), page, $"{Map.Type} has pages 0-{Map.TotalPages - 1}.");
        }
    }

    private static NtagWriteScope NeededScope(int page) =>
        page == NtagMemoryMap.CapabilityContainerPage ? NtagWriteScope.CapabilityContainer : NtagWriteScope.Configuration;

    private static Pn532Exception Short(string command, int length, int expected) =>
        new(Pn532Error.UnexpectedResponse, $"tag answered {command} with {length} bytes, expected {expected}.");
}
