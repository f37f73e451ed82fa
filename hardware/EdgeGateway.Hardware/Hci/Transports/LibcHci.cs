using System.Runtime.InteropServices;

namespace EdgeGateway.Hardware.Hci.Transports;

/// <summary>The libc calls behind the HCI user channel (.NET's Socket cannot open AF_BLUETOOTH).</summary>
internal static partial class LibcHci
{
    public const int AfBluetooth = 31;
    public const int SockRaw = 3;
    public const int SockCloexec = 0x80000;
    public const int BtProtoHci = 1;
    public const ushort HciChannelUser = 1;
    public const short PollIn = 0x0001;
    public const short PollErr = 0x0008;
    public const short PollHup = 0x0010;

    public const int Eperm = 1;
    public const int Enoent = 2;
    public const int Eintr = 4;
    public const int Eio = 5;
    public const int Eagain = 11;
    public const int Eacces = 13;
    public const int Ebusy = 16;
    public const int Enodev = 19;
    public const int Einval = 22;
    public const int Eafnosupport = 97;
    public const int Eaddrinuse = 98;
    public const int Enetdown = 100;
    public const int Erfkill = 132;

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    public static unsafe partial int Bind(int fd, SockaddrHci* address, int length);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static unsafe partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static unsafe partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static unsafe partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    /// <summary>struct sockaddr_hci from the kernel's include/net/bluetooth/hci_sock.h.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SockaddrHci
    {
        public ushort Family;
        public ushort Device;
        public ushort Channel;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
