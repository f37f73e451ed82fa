namespace EdgeGateway.Hardware.Pn532;

/// <summary>
/// PN532 command codes (PN532 User Manual UM0701-02, section 7). The chip answers a command with
/// the code plus one, after the frame identifier 0xD5.
/// </summary>
public enum Pn532CommandCode : byte
{
    Diagnose = 0x00,
    GetFirmwareVersion = 0x02,
    GetGeneralStatus = 0x04,
    ReadRegister = 0x06,
    WriteRegister = 0x08,
    ReadGpio = 0x0C,
    WriteGpio = 0x0E,
    SetSerialBaudRate = 0x10,
    SetParameters = 0x12,
    SamConfiguration = 0x14,
    PowerDown = 0x16,
    RfConfiguration = 0x32,
    InDataExchange = 0x40,
    InCommunicateThru = 0x42,
    InDeselect = 0x44,
    InJumpForPsl = 0x46,
    InListPassiveTarget = 0x4A,
    InPsl = 0x4E,
    InAtr = 0x50,
    InRelease = 0x52,
    InSelect = 0x54,
    InJumpForDep = 0x56,
    RfRegulationTest = 0x58,
    InAutoPoll = 0x60,
    TgGetData = 0x86,
    TgGetInitiatorCommand = 0x88,
    TgGetTargetStatus = 0x8A,
    TgInitAsTarget = 0x8C,
    TgSetData = 0x8E,
    TgResponseToInitiator = 0x90,
    TgSetGeneralBytes = 0x92,
    TgSetMetaData = 0x94,
}
