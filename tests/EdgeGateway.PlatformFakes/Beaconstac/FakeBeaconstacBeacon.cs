namespace EdgeGateway.PlatformFakes.Beaconstac;

/// <summary>A beacon object as the seed's Beacon table describes it (the fields the fake serves).</summary>
public sealed class FakeBeaconstacBeacon
{
    public long Id { get; init; }

    public string Name { get; set; } = "";

    /// <summary>iBeacon UUID, upper case with dashes as in the seed's example.</summary>
    public string? Uuid { get; init; }

    public int? Major { get; init; }

    public int? Minor { get; init; }

    public long Organization { get; init; } = 1284;

    public long? Place { get; set; }

    public string? SerialNumber { get; init; }

    public string? EddystoneNid { get; init; }

    public string? EddystoneBid { get; init; }

    public string State { get; set; } = "A";

    public int? TxPower { get; set; }

    public int? AdvertisingInterval { get; set; }

    public int? Battery { get; set; }

    public int? Temperature { get; set; }

    public DateTimeOffset Created { get; init; } = DateTimeOffset.UtcNow;

    public DateTimeOffset Updated { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset? Heartbeat { get; set; }

    /// <summary>How many times a client updated it (PUT/PATCH).</summary>
    public int Updates { get; set; }
}
