namespace EdgeGateway.Hardware.Hci.Transports;

/// <summary>Turns the errno of a failed user-channel call into a message that names the fix.</summary>
public static class HciUserChannelErrors
{
    public static string Describe(string call, int errno, int device) => (call, errno) switch
    {
        ("socket", LibcHci.Eafnosupport) =>
            $"cannot open hci{device}: the kernel has no Bluetooth support (AF_BLUETOOTH): load it with `sudo modprobe bluetooth` or use --serial for a UART controller",
        ("socket", LibcHci.Eperm or LibcHci.Eacces) or ("bind", LibcHci.Eperm or LibcHci.Eacces) =>
            $"permission denied opening hci{device}: the user channel needs CAP_NET_ADMIN and CAP_NET_RAW; run under the edgegw systemd unit "
            + "(AmbientCapabilities=CAP_NET_ADMIN CAP_NET_RAW) or `sudo setcap cap_net_admin,cap_net_raw+ep <path to edgegw>`",
        ("bind", LibcHci.Ebusy or LibcHci.Eaddrinuse) =>
            $"hci{device} is busy: the user channel needs the device down and not owned by bluetoothd; run "
            + $"`sudo systemctl disable --now bluetooth` and `sudo hciconfig hci{device} down` (or `sudo btmgmt --index {device} power off`)",
        ("bind", LibcHci.Enodev) =>
            $"there is no hci{device}: list controllers with `ls /sys/class/bluetooth`; on a Pi the onboard radio needs `hciuart` to have attached it",
        ("bind", LibcHci.Erfkill) =>
            $"hci{device} is blocked by rfkill: run `sudo rfkill unblock bluetooth`",
        ("bind", LibcHci.Einval) =>
            $"hci{device} rejected the user channel (kernel too old or a wrong device index)",
        _ => $"{call} on hci{device} failed with errno {errno}",
    };
}
