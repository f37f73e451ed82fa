namespace EdgeGateway.Hardware.Hci.Advertising;

/// <summary>The sensor part of a TLM frame; null means "not supported" (a mains-powered gateway has no battery).</summary>
public readonly record struct EddystoneTlmReading(int? BatteryMv, double? TemperatureC);
