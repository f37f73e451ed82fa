namespace EdgeGateway.Hardware.Emulation.Controller;

/// <summary>What a virtual beacon advertises.</summary>
public enum VirtualBeaconKind
{
    /// <summary>iBeacon frames.</summary>
    IBeacon,

    /// <summary>AltBeacon frames.</summary>
    AltBeacon,

    /// <summary>Eddystone: UID, URL when set, and TLM in rotation from one address, like a real Eddystone beacon.</summary>
    Eddystone,

    /// <summary>Eddystone-EID and TLM.</summary>
    EddystoneEid,

    /// <summary>Ruuvi tag, data format 5.</summary>
    Ruuvi,
}
