namespace EdgeGateway.Hardware.Pn532.Frames;

/// <summary>Outcome of looking for one frame at the start of a receive buffer.</summary>
public enum Pn532ParseStatus
{
    /// <summary>A complete, checksum-valid frame; see <see cref="Pn532ParsedFrame.Kind"/>.</summary>
    Frame,

    /// <summary>No complete frame yet; keep the unconsumed bytes and read more.</summary>
    NeedMoreData,

    /// <summary>Bytes that looked like a frame but are not one; see <see cref="Pn532ParsedFrame.Error"/>.</summary>
    Invalid,
}
