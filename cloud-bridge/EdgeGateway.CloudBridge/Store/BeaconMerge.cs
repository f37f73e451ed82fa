namespace EdgeGateway.CloudBridge.Store;

/// <summary>
/// Which gateway "heard a beacon best": the strongest recent RSSI wins; a gateway's own newer report
/// always replaces its older one; an older report never replaces a newer one; a best gateway silent for <see cref="StaleAfter"/> loses to anyone newer.
/// The PostgreSQL store's upsert encodes the same rule in SQL.
/// </summary>
public static class BeaconMerge
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(60);

    public static bool Prefer(
        string currentGateway, int currentRssi, DateTimeOffset currentSeen,
        string candidateGateway, int candidateRssi, DateTimeOffset candidateSeen)
    {
        if (candidateSeen < currentSeen)
        {
            return false;
        }

        return candidateGateway == currentGateway
            || candidateRssi >= currentRssi
            || currentSeen < candidateSeen - StaleAfter;
    }
}
