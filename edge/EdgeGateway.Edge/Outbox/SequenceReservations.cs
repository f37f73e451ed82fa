using System.Globalization;
using System.Text;

namespace EdgeGateway.Edge.Outbox;

/// <summary>
/// Per stream, a persisted bound at or above every sequence number the outbox has handed out, kept in a small
/// file next to the database. When the database itself is lost (unreadable and moved aside, or deleted),
/// numbering resumes above that bound: starting again at 1 would make the bridge drop every new item as a
/// duplicate of one it already holds. Numbers are reserved in blocks, so the file is rewritten once per block
/// per stream rather than on every append.
/// </summary>
internal sealed class SequenceReservations
{
    /// <summary>Large enough that a busy stream rewrites the file about once a minute, small enough to keep jumps modest.</summary>
    public const long Block = 100_000;

    private const string Header = "edgegw-outbox-reservations 1";

    private readonly Dictionary<string, long> _reservedThrough;

    private SequenceReservations(string path, Dictionary<string, long> reservedThrough, bool fileExisted, string? loadProblem)
    {
        Path = path;
        _reservedThrough = reservedThrough;
        FileExisted = fileExisted;
        LoadProblem = loadProblem;
    }

    public string Path { get; }

    /// <summary>True when a readable reservation file was found at start.</summary>
    public bool FileExisted { get; }

    /// <summary>Why an existing file could not be used, when that happened.</summary>
    public string? LoadProblem { get; }

    public IReadOnlyDictionary<string, long> ReservedThrough => _reservedThrough;

    public static SequenceReservations Load(string path)
    {
        string[] lines;
        try
        {
            if (!File.Exists(path))
            {
                return new SequenceReservations(path, new(StringComparer.Ordinal), fileExisted: false, loadProblem: null);
            }

            lines = File.ReadAllLines(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new SequenceReservations(path, new(StringComparer.Ordinal), fileExisted: false, loadProblem: ex.Message);
        }

        var problem = Parse(lines, out var reserved);
        return problem is null
            ? new SequenceReservations(path, reserved, fileExisted: true, loadProblem: null)
            : new SequenceReservations(path, new(StringComparer.Ordinal), fileExisted: false, loadProblem: problem);
    }

    /// <summary>
    /// Makes sure <paramref name="lastIssued"/> is covered by a reservation on disk, rewriting the file when it is
    /// not. Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when the file cannot be written.
    /// </summary>
    public void Cover(string stream, long lastIssued)
    {
        if (_reservedThrough.TryGetValue(stream, out var through) && through >= lastIssued)
        {
            return;
        }

        var previous = _reservedThrough.TryGetValue(stream, out var old) ? old : (long?)null;
        _reservedThrough[stream] = lastIssued + Block;
        try
        {
            Write();
        }
        catch
        {
            // Only what is on disk counts as reserved; try again with the next append.
            if (previous is { } value)
            {
                _reservedThrough[stream] = value;
            }
            else
            {
                _reservedThrough.Remove(stream);
            }

            throw;
        }
    }

    private void Write()
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var (stream, through) in _reservedThrough.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(stream).Append('\t').Append(through.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        // Write a sibling and rename over: a crash mid-write leaves the previous reservations intact.
        var temporary = Path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            var bytes = Encoding.UTF8.GetBytes(text.ToString());
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }

    private static string? Parse(string[] lines, out Dictionary<string, long> reserved)
    {
        reserved = new(StringComparer.Ordinal);
        if (lines.Length == 0 || lines[0] != Header)
        {
            return $"first line is not '{Header}'";
        }

        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var parts = lines[i].Split('\t');
            if (parts.Length != 2 || parts[0].Length == 0 ||
                !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var through) || through < 1)
            {
                return $"line {i + 1} is not '<stream><TAB><positive number>'";
            }

            reserved[parts[0]] = through;
        }

        return null;
    }
}
