namespace EdgeGateway.Hardware.Emulation.Pn532.Tags;

public enum VirtualTagAnswerKind
{
    Data,
    Nak,
    Silence,
}
