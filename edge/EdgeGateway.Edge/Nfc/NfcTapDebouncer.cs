namespace EdgeGateway.Edge.Nfc;

/// <summary>
/// One read per tap: a tag that stays on the reader is read once; it counts as a new tap only after
/// <c>removalPolls</c> empty polls in a row, so a tag wobbling at the edge of the field is not re-read.
/// </summary>
public sealed class NfcTapDebouncer(int removalPolls)
{
    private string? _present;
    private int _emptyPolls;

    public string? Present => _present;

    /// <summary>A poll found <paramref name="uid"/>: true when this is a new tap.</summary>
    public bool Seen(string uid)
    {
        _emptyPolls = 0;
        if (uid == _present)
        {
            return false;
        }

        _present = uid;
        return true;
    }

    /// <summary>A poll found no tag.</summary>
    public void Empty()
    {
        if (_present is not null && ++_emptyPolls >= removalPolls)
        {
            _present = null;
            _emptyPolls = 0;
        }
    }

    /// <summary>The read failed (tag pulled away early): its next appearance is a new tap.</summary>
    public void Forget()
    {
        _present = null;
        _emptyPolls = 0;
    }
}
