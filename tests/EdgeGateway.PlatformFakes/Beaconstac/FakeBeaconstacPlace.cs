namespace EdgeGateway.PlatformFakes.Beaconstac;

/// <summary>A place object as the seed's Place table describes it.</summary>
public sealed class FakeBeaconstacPlace
{
    public long Id { get; init; }

    public string Name { get; set; } = "";

    public long Organization { get; init; } = 1284;

    public string? Address { get; set; }

    public DateTimeOffset Created { get; init; } = DateTimeOffset.UtcNow;

    public DateTimeOffset Updated { get; set; } = DateTimeOffset.UtcNow;
}
