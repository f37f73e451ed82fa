namespace EdgeGateway.Hardware.Hci;

/// <summary>A command the controller refused: carries the opcode and the HCI status code with its spec name.</summary>
public sealed class HciException : Exception
{
    public HciException()
    {
    }

    public HciException(string message)
        : base(message)
    {
    }

    public HciException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HciException(ushort opcode, byte status)
        : base($"HCI command {HciNames.Opcode(opcode)} failed: {HciNames.Status(status)}")
    {
        Opcode = opcode;
        Status = status;
    }

    public ushort Opcode { get; }

    /// <summary>The raw status byte; see <see cref="HciStatusCode"/>.</summary>
    public byte Status { get; }

    public string StatusName => HciNames.StatusName(Status);
}
