namespace EdgeGateway.Hardware.Emulation.Air;

/// <summary>One advertiser's place on the air: its owner replaces <see cref="Current"/>; scanners read it.</summary>
public sealed class AirTransmitter(object owner)
{
    private AirTransmission _current = AirTransmission.Silent;

    /// <summary>The emulated controller part that transmits here; its own scanner does not hear it.</summary>
    public object Owner { get; } = owner;

    public AirTransmission Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value ?? AirTransmission.Silent);
    }
}
