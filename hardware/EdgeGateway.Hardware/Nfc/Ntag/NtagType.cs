namespace EdgeGateway.Hardware.Nfc.Ntag;

/// <summary>Members of the NTAG21x family (and the Ultralight parts that share their command set).</summary>
public enum NtagType
{
    Unknown = 0,
    Ntag213,
    Ntag215,
    Ntag216,
    Ultralight,
}
