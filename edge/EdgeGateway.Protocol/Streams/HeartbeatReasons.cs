namespace EdgeGateway.Protocol.Streams;

/// <summary>Values of <see cref="HeartbeatItem.Reason"/>. Strings, so a newer gateway can add one without breaking older bridges.</summary>
public static class HeartbeatReasons
{
    public const string Periodic = "periodic";
    public const string New = "new";
    public const string Changed = "changed";
    public const string Lost = "lost";
}
