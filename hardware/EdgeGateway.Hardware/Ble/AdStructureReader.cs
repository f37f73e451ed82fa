namespace EdgeGateway.Hardware.Ble;

/// <summary>
/// Walks the AD structures of advertising or scan-response data (Core spec Vol 3, Part C, 11): length
/// byte (covering type and data), type, data. A zero length ends the significant part (the rest is
/// padding, which some controllers send as zeros); a length that overruns the data is an error with a reason.
/// </summary>
public ref struct AdStructureReader(ReadOnlySpan<byte> data)
{
    private ReadOnlySpan<byte> _rest = data;
    private int _offset;

    /// <summary>Why reading stopped early, or null.</summary>
    public string? Error { get; private set; }

    public bool TryRead(out AdStructure structure)
    {
        structure = default;
        if (_rest.IsEmpty || _rest[0] == 0)
        {
            _rest = default;
            return false;
        }

        int length = _rest[0];
        if (length + 1 > _rest.Length)
        {
            Error = $"AD structure at offset {_offset} claims {length} bytes but only {_rest.Length - 1} remain";
            _rest = default;
            return false;
        }

        structure = new AdStructure(_rest[1], _rest.Slice(2, length - 1));
        _rest = _rest[(length + 1)..];
        _offset += length + 1;
        return true;
    }
}
