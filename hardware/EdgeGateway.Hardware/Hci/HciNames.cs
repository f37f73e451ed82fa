using System.Globalization;

namespace EdgeGateway.Hardware.Hci;

/// <summary>Human-readable names of opcodes and status codes for errors and logs.</summary>
public static class HciNames
{
    /// <summary>`LeSetScanEnable (0x200C)`, or just the hex for opcodes we never send.</summary>
    public static string Opcode(ushort opcode) =>
        Enum.IsDefined((HciOpcode)opcode)
            ? string.Create(CultureInfo.InvariantCulture, $"{(HciOpcode)opcode} (0x{opcode:X4})")
            : string.Create(CultureInfo.InvariantCulture, $"0x{opcode:X4}");

    /// <summary>`Command Disallowed (0x0C)`.</summary>
    public static string Status(byte status) =>
        string.Create(CultureInfo.InvariantCulture, $"{StatusName(status)} (0x{status:X2})");

    public static string StatusName(byte status) => (HciStatusCode)status switch
    {
        HciStatusCode.Success => "Success",
        HciStatusCode.UnknownHciCommand => "Unknown HCI Command",
        HciStatusCode.UnknownConnectionIdentifier => "Unknown Connection Identifier",
        HciStatusCode.HardwareFailure => "Hardware Failure",
        HciStatusCode.PageTimeout => "Page Timeout",
        HciStatusCode.AuthenticationFailure => "Authentication Failure",
        HciStatusCode.MemoryCapacityExceeded => "Memory Capacity Exceeded",
        HciStatusCode.ConnectionTimeout => "Connection Timeout",
        HciStatusCode.CommandDisallowed => "Command Disallowed",
        HciStatusCode.UnsupportedFeatureOrParameterValue => "Unsupported Feature or Parameter Value",
        HciStatusCode.InvalidHciCommandParameters => "Invalid HCI Command Parameters",
        HciStatusCode.RemoteUserTerminatedConnection => "Remote User Terminated Connection",
        HciStatusCode.UnspecifiedError => "Unspecified Error",
        HciStatusCode.UnsupportedLmpParameterValue => "Unsupported LMP Parameter Value",
        HciStatusCode.ControllerBusy => "Controller Busy",
        HciStatusCode.UnknownAdvertisingIdentifier => "Unknown Advertising Identifier",
        HciStatusCode.LimitReached => "Limit Reached",
        _ => "Unknown status",
    };
}
