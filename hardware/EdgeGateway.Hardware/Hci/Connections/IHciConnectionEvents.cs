namespace EdgeGateway.Hardware.Hci.Connections;

/// <summary>
/// What <see cref="HciHost"/> hands to the connection layer from its receive loop: ACL data, LE connection
/// subevents, Disconnection Complete and Number Of Completed Packets. Called on the receive thread; must not block.
/// </summary>
public interface IHciConnectionEvents
{
    /// <summary>An ACL packet as framed (header and data, no indicator).</summary>
    void OnAclData(ReadOnlySpan<byte> packet);

    /// <summary>An LE Meta subevent the host does not handle itself; <paramref name="parameters"/> start after the subevent code.
    /// Returns false when it is not a connection subevent either.</summary>
    bool OnLeMeta(LeSubeventCode subevent, ReadOnlySpan<byte> parameters);

    /// <summary>Disconnection Complete or Number Of Completed Packets parameters.</summary>
    void OnEvent(HciEventCode code, ReadOnlySpan<byte> parameters);
}
