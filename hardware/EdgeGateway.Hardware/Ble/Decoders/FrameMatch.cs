namespace EdgeGateway.Hardware.Ble.Decoders;

/// <summary>Outcome of offering an AD structure to one frame decoder.</summary>
public enum FrameMatch
{
    /// <summary>Not this format: try the next decoder.</summary>
    None,

    /// <summary>This format, decoded.</summary>
    Decoded,

    /// <summary>This format by its markers, but the bytes are wrong; the decoder gives the reason.</summary>
    Malformed,
}
