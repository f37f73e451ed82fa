namespace EdgeGateway.Hardware.Ble.L2cap;

/// <summary>LE fixed channel ids (Core spec Vol 3, Part A, 2.1).</summary>
public static class L2capChannels
{
    public const ushort Att = 0x0004;
    public const ushort LeSignaling = 0x0005;
    public const ushort SecurityManager = 0x0006;
}
