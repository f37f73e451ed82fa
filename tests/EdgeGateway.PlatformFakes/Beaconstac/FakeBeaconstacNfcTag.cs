using System.Text.Json.Nodes;

namespace EdgeGateway.PlatformFakes.Beaconstac;

/// <summary>An NFC tag object as the seed's NFC Tag table describes it.</summary>
public sealed class FakeBeaconstacNfcTag
{
    public long Id { get; init; }

    public string Name { get; set; } = "";

    public string Uid { get; init; } = "";

    public long Counter { get; set; }

    public long Organization { get; init; } = 1284;

    public long? Place { get; set; }

    public string? Url { get; init; }

    public string State { get; set; } = "A";

    public JsonObject Meta { get; set; } = [];

    public DateTimeOffset Created { get; init; } = DateTimeOffset.UtcNow;

    public DateTimeOffset Updated { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset? Heartbeat { get; set; }

    public int Updates { get; set; }
}
