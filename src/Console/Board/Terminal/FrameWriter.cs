using System.Text;

namespace SafetyConsole.Cli.Board.Terminal;

/// <summary>
/// Turns successive frames into terminal output: only the lines that changed, and of each only the span from its
/// first to its last changed cell, in ONE string wrapped in synchronized-update markers (<c>ESC[?2026h</c> …
/// <c>ESC[?2026l</c>) so the terminal never shows half a frame. A frame identical to the last one writes nothing.
/// </summary>
public sealed class FrameWriter
{
    public const string BeginSync = "\e[?2026h";
    public const string EndSync = "\e[?2026l";

    private Screen? _previous;
    private bool _full = true;

    /// <summary>The next frame redraws everything (after SIGCONT, Ctrl+L, or a resize).</summary>
    public void Invalidate() => _full = true;

    /// <summary>The screen before the previous one: free to be drawn on again.</summary>
    public Screen? Spare { get; private set; }

    public string Frame(Screen next)
    {
        var prev = _previous;
        var full = _full || prev is null || prev.Width != next.Width || prev.Height != next.Height;
        var sb = new StringBuilder();
        if (full) sb.Append("\e[0m\e[2J");
        for (var y = 0; y < next.Height; y++)
        {
            int first, last;
            if (full)
            {
                first = 0;
                last = next.Width - 1;
            }
            else
            {
                first = -1;
                last = -1;
                for (var x = 0; x < next.Width; x++)
                {
                    if (next.SameCell(prev!, x, y)) continue;
                    if (first < 0) first = x;
                    last = x;
                }
                if (first < 0) continue;
                // Never start on the second half of a wide character, nor stop on the first half of one.
                while (first > 0 && next.TextAt(first, y).Length == 0) first--;
                while (last + 1 < next.Width && next.TextAt(last + 1, y).Length == 0) last++;
            }
            WriteSpan(sb, next, y, first, last);
        }
        if (!ReferenceEquals(prev, next)) Spare = prev;
        _previous = next;
        _full = false;
        if (sb.Length == 0) return "";
        return BeginSync + sb.ToString() + "\e[0m" + EndSync;
    }

    private static void WriteSpan(StringBuilder sb, Screen c, int y, int first, int last)
    {
        sb.Append("\e[").Append(y + 1).Append(';').Append(first + 1).Append('H');
        var style = -1;
        for (var x = first; x <= last; x++)
        {
            var text = c.TextAt(x, y);
            if (text.Length == 0) continue;
            var s = c.StyleAt(x, y);
            if (s != style)
            {
                sb.Append(c.Palette.Sgr(s));
                style = s;
            }
            sb.Append(text);
        }
    }
}
