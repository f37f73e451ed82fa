using EdgeGateway.Hardware.Hci.Advertising;

namespace EdgeGateway.Hardware.Emulation.Tests.Advertising;

/// <summary>A sensor that reads whatever the test last set.</summary>
internal sealed class FixedTlmSource : IEddystoneTlmSource
{
    public EddystoneTlmReading Reading { get; set; }

    public EddystoneTlmReading Read() => Reading;
}
