namespace EdgeGateway.Hardware.Emulation.Pn532.Tags;

/// <summary>What a virtual tag says to one command: data (empty for a 4-bit ACK), a NAK, or nothing.</summary>
public readonly record struct VirtualTagAnswer(VirtualTagAnswerKind Kind, byte[] Data)
{
    public static VirtualTagAnswer Ack { get; } = new(VirtualTagAnswerKind.Data, []);

    public static VirtualTagAnswer Nak { get; } = new(VirtualTagAnswerKind.Nak, []);

    public static VirtualTagAnswer Silence { get; } = new(VirtualTagAnswerKind.Silence, []);

    public static VirtualTagAnswer Of(byte[] data) => new(VirtualTagAnswerKind.Data, data);
}
