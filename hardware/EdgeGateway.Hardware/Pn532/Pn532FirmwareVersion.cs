namespace EdgeGateway.Hardware.Pn532;

/// <summary>GetFirmwareVersion's answer: IC (0x32 for a PN532), version, revision and supported protocols.</summary>
public sealed record Pn532FirmwareVersion(byte IC, byte Version, byte Revision, byte Support)
{
    public bool IsPn532 => IC == 0x32;

    public override string ToString()
    {
        var protocols = new List<string>(3);
        if ((Support & 1) != 0)
        {
            protocols.Add("ISO14443A");
        }

        if ((Support & 2) != 0)
        {
            protocols.Add("ISO14443B");
        }

        if ((Support & 4) != 0)
        {
            protocols.Add("ISO18092");
        }

        return $"PN5{IC:X2} firmware {Version}.{Revision} ({string.Join(' ', protocols)})";
    }
}
