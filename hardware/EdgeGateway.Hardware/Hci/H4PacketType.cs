namespace EdgeGateway.Hardware.Hci;

/// <summary>
/// The one-byte packet indicator that precedes every HCI packet on an H4 (UART) link and on the
/// Linux user channel (Bluetooth Core spec, Vol 4, Part A, section 2).
/// </summary>
public enum H4PacketType : byte
{
    Command = 0x01,
    AclData = 0x02,
    SynchronousData = 0x03,
    Event = 0x04,
    IsoData = 0x05,
}
