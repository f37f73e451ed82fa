using System.Diagnostics;
using System.Globalization;

namespace EdgeGateway.Installer.Flashing;

/// <summary>
/// Progress of a long write or verify: a bar redrawn in place on a terminal, or a plain line every 10 % when the
/// output is a log or a pipe (CI, `| tee`).
/// </summary>
public sealed class FlashProgress(TextWriter output, bool isTerminal)
{
    private readonly Stopwatch _clock = new();
    private string _phase = "";
    private long? _total;
    private int _lastDecile = -1;
    private long _lastDrawnTicks;

    public void Start(string phase, long? totalBytes)
    {
        _phase = phase;
        _total = totalBytes;
        _lastDecile = -1;
        _lastDrawnTicks = 0;
        _clock.Restart();
    }

    public void Report(long doneBytes)
    {
        if (isTerminal)
        {
            // Redrawing more than a few times a second only costs the write loop time.
            if (_clock.ElapsedMilliseconds - _lastDrawnTicks < 200 && doneBytes != _total)
            {
                return;
            }

            _lastDrawnTicks = _clock.ElapsedMilliseconds;
            output.Write("\r" + Line(doneBytes).PadRight(78));
            return;
        }

        var decile = _total is > 0 ? (int)(doneBytes * 10 / _total.Value) : (int)(doneBytes / (256L * 1024 * 1024));
        if (decile != _lastDecile)
        {
            _lastDecile = decile;
            output.WriteLine(Line(doneBytes));
        }
    }

    public void Finish(long doneBytes)
    {
        if (isTerminal)
        {
            output.WriteLine("\r" + Line(doneBytes).PadRight(78));
        }
        else if (_total is not > 0 || doneBytes != _total)
        {
            output.WriteLine(Line(doneBytes));
        }
    }

    private string Line(long done)
    {
        var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
        var rate = done / seconds;
        var mib = done / (1024.0 * 1024);
        if (_total is not > 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{_phase,-10} {mib,8:0} MiB  {rate / (1024 * 1024),6:0.0} MiB/s");
        }

        var fraction = Math.Min(1.0, (double)done / _total.Value);
        const int width = 24;
        var filled = (int)(fraction * width);
        var eta = rate > 0 ? TimeSpan.FromSeconds((_total.Value - done) / rate) : TimeSpan.Zero;
        return string.Create(CultureInfo.InvariantCulture,
            $"{_phase,-10} [{new string('#', filled)}{new string('-', width - filled)}] {fraction * 100,3:0}%  {mib:0}/{_total.Value / (1024.0 * 1024):0} MiB  {rate / (1024 * 1024):0.0} MiB/s  ETA {eta:m\\:ss}");
    }
}
