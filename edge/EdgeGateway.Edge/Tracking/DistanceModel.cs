namespace EdgeGateway.Edge.Tracking;

/// <summary>
/// Log-distance path loss: RSSI(d) = P1m - 10·n·log10(d), so d = 10^((P1m - RSSI) / (10·n)), where P1m is
/// the beacon's calibrated RSSI at 1 m and n the path-loss exponent (2 in free space, 2.5-4 in a shop
/// with shelves and people). Indoors this is good to "near / a few metres / far", not to the centimetre.
/// </summary>
public static class DistanceModel
{
    public static double EstimateMetres(double measuredPowerAt1M, double rssi, double pathLossExponent) =>
        Math.Round(Math.Pow(10, (measuredPowerAt1M - rssi) / (10 * pathLossExponent)), 2);
}
