namespace EdgeGateway.Hardware.Emulation.Air;

/// <summary>
/// The radio space several emulated controllers share: what one advertises, every other one that scans hears, with an
/// RSSI of its TX power minus <see cref="PathLossDb"/> plus Gaussian noise. Virtual beacons stay private to their
/// controller (each scanner has its own shop); own advertisers are what needs to cross between controllers.
/// </summary>
public sealed class EmulatedAir
{
    private readonly Lock _gate = new();
    private AirTransmitter[] _transmitters = [];

    /// <summary>Attenuation between any two controllers; 60 dB puts a 0 dBm advertiser at -60 dBm, a few metres away.</summary>
    public double PathLossDb { get; init; } = 60;

    /// <summary>Standard deviation of the RSSI noise; 0 makes RSSI exact for tests.</summary>
    public double RssiNoiseDb { get; init; } = 2;

    /// <summary>Everyone on air now (a snapshot; registration replaces the array).</summary>
    public IReadOnlyList<AirTransmitter> Transmitters => Volatile.Read(ref _transmitters);

    public AirTransmitter Join(object owner)
    {
        var transmitter = new AirTransmitter(owner);
        lock (_gate)
        {
            _transmitters = [.. _transmitters, transmitter];
        }

        return transmitter;
    }

    public void Leave(AirTransmitter transmitter)
    {
        lock (_gate)
        {
            _transmitters = [.. _transmitters.Where(t => t != transmitter)];
        }
    }
}
