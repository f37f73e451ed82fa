namespace EdgeGateway.Hardware.Ble;

/// <summary>The frame names used in heartbeats (`frames`) and logs.</summary>
public static class BeaconFrameNames
{
    private static readonly (BeaconFrameKinds Kind, string Name)[] Names =
    [
        (BeaconFrameKinds.IBeacon, "ibeacon"),
        (BeaconFrameKinds.AltBeacon, "altbeacon"),
        (BeaconFrameKinds.EddystoneUid, "eddystone-uid"),
        (BeaconFrameKinds.EddystoneUrl, "eddystone-url"),
        (BeaconFrameKinds.EddystoneTlm, "eddystone-tlm"),
        (BeaconFrameKinds.EddystoneEid, "eddystone-eid"),
        (BeaconFrameKinds.Ruuvi, "ruuvi"),
    ];

    public static IReadOnlyList<string> Of(BeaconFrameKinds kinds)
    {
        var list = new List<string>(Names.Length);
        foreach (var (kind, name) in Names)
        {
            if ((kinds & kind) != 0)
            {
                list.Add(name);
            }
        }

        return list;
    }
}
