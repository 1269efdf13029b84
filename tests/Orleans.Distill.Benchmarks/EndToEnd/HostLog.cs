using System.Text;

namespace Orleans.Distill.Benchmarks.EndToEnd;

/// <summary>
/// What a host process writes. The console logger puts each entry's level and category on a line of its own
/// (<c>warn: Category[id]</c>) and its message below; entries are counted by that line, so a bench can say which
/// warnings a phase caused without printing thousands of them.
/// </summary>
public sealed class HostLog
{
    // The first lines only: enough to say why a host would not start, bounded however much it logs under load.
    private const int KeptChars = 64 * 1024;

    private static readonly string[] Levels = ["warn:", "fail:", "crit:"];

    private readonly StringBuilder _head = new();
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _examples = new(StringComparer.Ordinal);
    private string? _pendingHeader;

    public void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_head)
        {
            if (_head.Length < KeptChars)
            {
                _head.AppendLine(line);
            }

            if (Levels.Any(l => line.StartsWith(l, StringComparison.Ordinal)))
            {
                _counts[line] = _counts.GetValueOrDefault(line) + 1;
                _pendingHeader = line;
            }
            else if (_pendingHeader is not null)
            {
                // The first message line says more than the category; one example of each is kept.
                _examples.TryAdd(_pendingHeader, line.Trim());
                _pendingHeader = null;
            }
        }
    }

    public string Head
    {
        get
        {
            lock (_head)
            {
                return _head.ToString();
            }
        }
    }

    /// <summary>Entries logged so far, by header line.</summary>
    public Dictionary<string, int> Counts()
    {
        lock (_head)
        {
            return new Dictionary<string, int>(_counts, StringComparer.Ordinal);
        }
    }

    public string? ExampleOf(string header)
    {
        lock (_head)
        {
            return _examples.GetValueOrDefault(header);
        }
    }
}
