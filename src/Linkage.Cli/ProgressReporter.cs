using System.Diagnostics;
using System.Globalization;

namespace Linkage.Cli;

/// <summary>
/// Reports progress and per-line problems on standard error: a live line on a terminal, nothing but the
/// problems when standard error is redirected (so logs stay clean).
/// </summary>
internal sealed class ProgressReporter : IDisposable
{
    private readonly TextWriter _stderr;
    private readonly bool _live;
    private readonly long _totalBytes;
    private readonly Stopwatch _sinceDraw = Stopwatch.StartNew();
    private bool _drawn;

    private ProgressReporter(TextWriter stderr, bool live, long totalBytes)
    {
        _stderr = stderr;
        _live = live;
        _totalBytes = totalBytes;
    }

    public static ProgressReporter Create(bool live, TextWriter stderr, long totalBytes) => new(stderr, live, totalBytes);

    /// <summary>Prints a problem on its own line, above the live progress line.</summary>
    public void Report(string problem)
    {
        Clear();
        _stderr.WriteLine($"linkage: {problem}");
    }

    public void Advance(long bytesRead, long activities)
    {
        if (!_live || _sinceDraw.ElapsedMilliseconds < 200)
        {
            return;
        }

        double percent = _totalBytes > 0 ? 100.0 * bytesRead / _totalBytes : 0;
        _stderr.Write(string.Create(CultureInfo.InvariantCulture, $"\rassociating: {activities:N0} activities, {percent:F0}%   "));
        _drawn = true;
        _sinceDraw.Restart();
    }

    public void Dispose() => Clear();

    private void Clear()
    {
        if (_drawn)
        {
            _stderr.Write("\r\u001b[2K");
            _drawn = false;
        }
    }
}
