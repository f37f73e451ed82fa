using System.Buffers.Binary;
using EdgeGateway.Hardware.Nfc.Ndef;
using EdgeGateway.Hardware.Nfc.Ntag;

namespace EdgeGateway.Hardware.Emulation.Pn532.Tags;

/// <summary>
/// An NTAG213/215/216 (or a 16-page MIFARE Ultralight) with the datasheet's memory map: 7-byte UID with BCC bytes, capability container,
/// static and dynamic lock bits, CFG0 (AUTH0), CFG1 (ACCESS: NFC_CNT_EN, PROT), password and PACK, the
/// 24-bit NFC counter (incremented on the first READ/FAST_READ after power-up) and a 32-byte signature.
/// </summary>
public sealed class VirtualNtag : VirtualTag
{
    private readonly byte[] _memory;
    private bool _authenticated;
    private bool _countedThisSession;

    /// <param name="formatted">True: factory state, an empty NDEF TLV (03 00 FE) at page 4. False: user memory all zero.</param>
    public VirtualNtag(NtagType type, byte[] uid, bool formatted = true)
        : base(CheckUid(uid), 0x0044, 0x00)
    {
        Map = NtagMemoryMap.For(type);
        _memory = new byte[Map.TotalPages * NtagMemoryMap.PageSize];
        _memory[0] = uid[0];
        _memory[1] = uid[1];
        _memory[2] = uid[2];
        _memory[3] = (byte)(0x88 ^ uid[0] ^ uid[1] ^ uid[2]);
        uid.AsSpan(3, 4).CopyTo(_memory.AsSpan(4));
        _memory[8] = (byte)(uid[3] ^ uid[4] ^ uid[5] ^ uid[6]);
        _memory[9] = 0x48;
        byte[] cc = [0xE1, 0x10, Map.CapabilitySize, 0x00];
        cc.CopyTo(Page(NtagMemoryMap.CapabilityContainerPage));
        if (formatted)
        {
            byte[] emptyNdef = [0x03, 0x00, 0xFE, 0x00];
            emptyNdef.CopyTo(Page(Map.FirstUserPage));
        }

        if (Map.HasConfiguration)
        {
            Page(Map.DynamicLockPage)[3] = 0xBD;
            byte[] cfg0 = [0x04, 0x00, 0x00, 0xFF];
            cfg0.CopyTo(Page(Map.Config0Page));
            Password = 0xFFFFFFFF;
        }

        for (var i = 0; i < Signature.Length; i++)
        {
            Signature[i] = (byte)(uid[i % uid.Length] * 31 + i);
        }
    }

    public NtagMemoryMap Map { get; }

    /// <summary>The 24-bit NFC counter.</summary>
    public int Counter { get; set; }

    /// <summary>The ECC originality signature READ_SIG returns.</summary>
    public byte[] Signature { get; } = new byte[32];

    public uint Password { get; set; }

    public ushort Pack { get; set; }

    /// <summary>Direct access for tests: a copy of the whole memory.</summary>
    public byte[] Dump() => (byte[])_memory.Clone();

    /// <summary>Writes a page bypassing all checks (factory programming in tests).</summary>
    public void Poke(int page, ReadOnlySpan<byte> data) => data.CopyTo(_memory.AsSpan(page * NtagMemoryMap.PageSize));

    /// <summary>Programs <paramref name="message"/> as the NDEF TLV in user memory, as an encoding station would.</summary>
    public void LoadNdef(NdefMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var tlv = NdefTlv.Wrap(message.ToBytes());
        if (tlv.Length > Map.UserBytes)
        {
            throw new ArgumentException($"Message needs {tlv.Length} bytes; {Map.Type} has {Map.UserBytes}.", nameof(message));
        }

        tlv.CopyTo(_memory, Map.FirstUserPage * NtagMemoryMap.PageSize);
    }

    public override void PowerUp()
    {
        _authenticated = false;
        _countedThisSession = false;
    }

    public override VirtualTagAnswer Process(ReadOnlySpan<byte> command)
    {
        if (command.IsEmpty)
        {
            return VirtualTagAnswer.Silence;
        }

        return command[0] switch
        {
            // MIFARE Ultralight (MF0ICU1) predates GET_VERSION and NAKs it.
            NtagCommand.GetVersion when Map.Type == NtagType.Ultralight => VirtualTagAnswer.Nak,
            NtagCommand.GetVersion => VirtualTagAnswer.Of([0x00, 0x04, 0x04, 0x02, 0x01, 0x00, Map.StorageSize, 0x03]),
            NtagCommand.Read when command.Length == 2 => Read(command[1]),
            NtagCommand.FastRead when command.Length == 3 => FastRead(command[1], command[2]),
            NtagCommand.Write when command.Length == 6 => Write(command[1], command[2..6]),
            NtagCommand.ReadCounter when command.Length == 2 => ReadCounter(command[1]),
            NtagCommand.ReadSignature when command.Length == 2 => VirtualTagAnswer.Of((byte[])Signature.Clone()),
            NtagCommand.PasswordAuth when command.Length == 5 => PasswordAuth(BinaryPrimitives.ReadUInt32BigEndian(command[1..5])),
            _ => VirtualTagAnswer.Nak,
        };
    }

    private byte Auth0 => Map.HasConfiguration ? Page(Map.Config0Page)[3] : (byte)0xFF;

    private byte Access => Map.HasConfiguration ? Page(Map.Config1Page)[0] : (byte)0;

    private bool ReadAllowed(int page) =>
        _authenticated || page < Auth0 || (Access & NtagCommand.AccessReadProtection) == 0;

    private VirtualTagAnswer Read(byte start)
    {
        if (start >= Map.TotalPages || !ReadAllowed(start))
        {
            return VirtualTagAnswer.Nak;
        }

        CountRead();
        var data = new byte[16];
        for (var i = 0; i < 4; i++)
        {
            // READ rolls over to page 0 past the end (datasheet 10.2).
            CopyReadable((start + i) % Map.TotalPages, data.AsSpan(i * 4, 4));
        }

        return VirtualTagAnswer.Of(data);
    }

    private VirtualTagAnswer FastRead(byte start, byte end)
    {
        if (start > end || end >= Map.TotalPages || !ReadAllowed(end))
        {
            return VirtualTagAnswer.Nak;
        }

        CountRead();
        var data = new byte[(end - start + 1) * 4];
        for (var page = start; page <= end; page++)
        {
            CopyReadable(page, data.AsSpan((page - start) * 4, 4));
        }

        return VirtualTagAnswer.Of(data);
    }

    private VirtualTagAnswer Write(byte page, ReadOnlySpan<byte> data)
    {
        if (page < 2 || page >= Map.TotalPages || (page >= Auth0 && !_authenticated) || IsLocked(page))
        {
            return VirtualTagAnswer.Nak;
        }

        var target = Page(page);
        if (page == 2)
        {
            // Bytes 0-1 are serial/internal; lock bytes are one-time programmable (OR).
            target[2] |= data[2];
            target[3] |= data[3];
        }
        else if (page == NtagMemoryMap.CapabilityContainerPage)
        {
            for (var i = 0; i < 4; i++)
            {
                target[i] |= data[i];
            }
        }
        else if (Map.HasConfiguration && page == Map.PasswordPage)
        {
            Password = BinaryPrimitives.ReadUInt32BigEndian(data);
        }
        else if (Map.HasConfiguration && page == Map.PackPage)
        {
            Pack = BinaryPrimitives.ReadUInt16BigEndian(data);
        }
        else
        {
            data.CopyTo(target);
        }

        return VirtualTagAnswer.Ack;
    }

    private bool IsLocked(int page)
    {
        // Static lock bits (page 2 bytes 2-3) cover pages 3-15, one bit each (bit 3 of byte 2 = page 3).
        if (page is >= 3 and <= 15)
        {
            var locks = _memory[10] | (_memory[11] << 8);
            return (locks & (1 << page)) != 0;
        }

        return false;
    }

    private VirtualTagAnswer ReadCounter(byte address)
    {
        if (address != NtagCommand.NfcCounterAddress || !Map.HasConfiguration || (Access & NtagCommand.AccessNfcCounterEnable) == 0)
        {
            return VirtualTagAnswer.Nak;
        }

        return VirtualTagAnswer.Of([(byte)Counter, (byte)(Counter >> 8), (byte)(Counter >> 16)]);
    }

    private VirtualTagAnswer PasswordAuth(uint password)
    {
        if (!Map.HasConfiguration || password != Password)
        {
            return VirtualTagAnswer.Nak;
        }

        _authenticated = true;
        return VirtualTagAnswer.Of([(byte)(Pack >> 8), (byte)Pack]);
    }

    private void CountRead()
    {
        if (!_countedThisSession && Map.HasConfiguration && (Access & NtagCommand.AccessNfcCounterEnable) != 0)
        {
            _countedThisSession = true;
            Counter = (Counter + 1) & 0xFFFFFF;
        }
    }

    private void CopyReadable(int page, Span<byte> destination)
    {
        if (Map.HasConfiguration && (page == Map.PasswordPage || page == Map.PackPage))
        {
            // PWD and PACK always read as zeros.
            destination.Clear();
            return;
        }

        Page(page).CopyTo(destination);
    }

    private Span<byte> Page(int page) => _memory.AsSpan(page * NtagMemoryMap.PageSize, NtagMemoryMap.PageSize);

    private static byte[] CheckUid(byte[] uid) =>
        uid is { Length: 7 } ? uid : throw new ArgumentException("NTAG21x UIDs are 7 bytes.", nameof(uid));
}
