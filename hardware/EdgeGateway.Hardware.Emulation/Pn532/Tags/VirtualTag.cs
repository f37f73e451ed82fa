namespace EdgeGateway.Hardware.Emulation.Pn532.Tags;

/// <summary>A card that can be put into the emulated PN532's field: anticollision data plus a command handler.</summary>
public abstract class VirtualTag
{
    protected VirtualTag(byte[] uid, ushort atqa, byte sak)
    {
        Uid = uid;
        Atqa = atqa;
        Sak = sak;
    }

    public byte[] Uid { get; }

    public ushort Atqa { get; }

    public byte Sak { get; }

    /// <summary>Called when the tag enters the field: it powers up, forgetting authentication and session state.</summary>
    public virtual void PowerUp()
    {
    }

    /// <summary>Handles one command frame (without CRC) sent through InDataExchange or InCommunicateThru.</summary>
    public abstract VirtualTagAnswer Process(ReadOnlySpan<byte> command);
}
