namespace EdgeGateway.Hardware.Hci.Advertising;

/// <summary>Supplies battery and temperature for the own advertiser's TLM frames; read each time a TLM frame goes on air.</summary>
public interface IEddystoneTlmSource
{
    EddystoneTlmReading Read();
}
