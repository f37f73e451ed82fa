namespace EdgeGateway.Hardware.Emulation.Air;

/// <summary>RSSI noise is roughly normal in dB over a short window: Box-Muller on the emulator's seeded random.</summary>
internal static class GaussianNoise
{
    public static double Next(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
