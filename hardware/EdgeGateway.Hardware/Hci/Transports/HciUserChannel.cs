using System.Runtime.InteropServices;

namespace EdgeGateway.Hardware.Hci.Transports;

/// <summary>
/// The Linux HCI user channel: exclusive raw access to one controller (socket AF_BLUETOOTH, SOCK_RAW,
/// BTPROTO_HCI bound to HCI_CHANNEL_USER). Packets carry the same H4 indicator byte as a UART, so the
/// returned stream plugs into <see cref="HciHost"/> unchanged. The kernel only grants it while the
/// device is down and no other socket (bluetoothd) holds it.
/// </summary>
public static class HciUserChannel
{
    public static Stream Open(int deviceIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(deviceIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(deviceIndex, ushort.MaxValue - 1);
        if (!OperatingSystem.IsLinux())
        {
            throw new HciTransportException("The HCI user channel exists only on Linux; use --serial with a UART controller elsewhere.");
        }

        var fd = LibcHci.Socket(LibcHci.AfBluetooth, LibcHci.SockRaw | LibcHci.SockCloexec, LibcHci.BtProtoHci);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new HciTransportException(HciUserChannelErrors.Describe("socket", errno, deviceIndex), errno);
        }

        var address = new LibcHci.SockaddrHci
        {
            Family = LibcHci.AfBluetooth,
            Device = (ushort)deviceIndex,
            Channel = LibcHci.HciChannelUser,
        };
        int result;
        unsafe
        {
            result = LibcHci.Bind(fd, &address, sizeof(LibcHci.SockaddrHci));
        }

        if (result < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            _ = LibcHci.Close(fd);
            throw new HciTransportException(HciUserChannelErrors.Describe("bind", errno, deviceIndex), errno);
        }

        return new HciUserChannelStream(fd, deviceIndex);
    }
}
