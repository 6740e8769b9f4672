using System.Text;
using SafetyConsole.Cli.Board;
using SafetyConsole.Cli.Board.Terminal;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SafetyConsole.Cli.Output;

/// <summary>
/// A column of a <see cref="TextTable"/>, with explicit widths for a terminal: it is never wider than
/// <paramref name="Width"/> cells (longer text is cut with "…"), and when the table is wider than the terminal it
/// gives up room down to <paramref name="MinWidth"/> (default: it never shrinks). A column whose cells are all
/// narrower takes only what they need. Piped output ignores both: every cell is printed whole.
/// </summary>
public sealed record TextColumn(string Header, int Width, int? MinWidth = null, Justify Align = Justify.Left)
{
    /// <summary>A column of numbers: right-aligned, never shrunk.</summary>
    public static TextColumn Number(string header, int width) => new(header, width, Align: Justify.Right);
}

/// <summary>
/// The one table writer of every command (`calls list`, `officers list`, `recommend`, `compliance`, `operators list`,
/// `report --format table`): a header, a rule under each header, one line per row, columns two spaces apart, no
/// trailing spaces and no blank line around it. In a terminal (<c>width</c> given) every line fits the width: the
/// shrinkable columns give way first, then cells are cut with "…" (at a word boundary when one is near), so no
/// word is ever broken across lines. Piped (<c>width</c> null), nothing is cut or wrapped: scripts get whole values.
/// Every cell is literal text, never markup.
/// </summary>
public sealed class TextTable(params TextColumn[] columns)
{
    public const string Gap = "  ";
    public const string Ellipsis = "…";
    private readonly List<string[]> _rows = [];

    /// <summary>A table of plain text columns for lists whose widths need no tuning: each column at most 40 cells in a
    /// terminal, giving way down to 8 (or its header's width) when the table is wider than the terminal.</summary>
    public static TextTable Of(params string[] headers) =>
        new(headers.Select(h => new TextColumn(h, Math.Max(40, CellText.Width(h)), Math.Min(8, CellText.Width(h)))).ToArray());

    public int RowCount => _rows.Count;

    public TextTable AddRow(params string?[] cells)
    {
        _rows.Add(columns.Select((_, i) => Clean(i < cells.Length ? cells[i] : null)).ToArray());
        return this;
    }

    /// <summary>Writes the table to a command's output: fitted to the terminal, or whole when piped.</summary>
    public void Write(CliContext ctx)
    {
        foreach (var line in Lines(ctx.OutWidth)) ctx.Out.WriteLine(line);
    }

    /// <summary>The table as a Spectre widget (for `report --format table`), its lines written as they are, never re-wrapped.</summary>
    public IRenderable Renderable(int? width) => new Preformatted(Lines(width));

    /// <summary>The lines of the table: fitted to <paramref name="width"/> cells, or whole when it is null.</summary>
    public IReadOnlyList<string> Lines(int? width)
    {
        var widths = Widths(width);
        var lines = new List<string>(_rows.Count + 2)
        {
            Line(columns.Select(c => c.Header).ToArray(), widths, width),
            Line(widths.Select(w => new string('─', w)).ToArray(), widths, width),
        };
        foreach (var row in _rows) lines.Add(Line(row, widths, width));
        return lines;
    }

    /// <summary>Each column's width: the widest of its header and cells, capped by its Width in a terminal, then shrunk to fit.</summary>
    private int[] Widths(int? width)
    {
        var natural = new int[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            var w = CellText.Width(columns[i].Header);
            foreach (var row in _rows) w = Math.Max(w, CellText.Width(row[i]));
            natural[i] = width is null ? w : Math.Min(w, columns[i].Width);
        }
        if (width is not { } total) return natural;
        var excess = natural.Sum() + Gap.Length * (columns.Length - 1) - total;
        // Take a cell at a time from the shrinkable column with the most room left above its minimum.
        while (excess > 0)
        {
            var pick = -1;
            var most = 0;
            for (var i = 0; i < columns.Length; i++)
            {
                var room = natural[i] - (columns[i].MinWidth ?? columns[i].Width);
                if (room > most) (pick, most) = (i, room);
            }
            if (pick < 0) break;
            natural[pick]--;
            excess--;
        }
        return natural;
    }

    private string Line(string[] cells, int[] widths, int? width)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < widths.Length; i++)
        {
            if (i > 0) sb.Append(Gap);
            var text = width is null ? cells[i] : Cut(cells[i], widths[i]);
            var gap = Math.Max(0, widths[i] - CellText.Width(text));
            if (columns[i].Align == Justify.Right) sb.Append(' ', gap).Append(text);
            else sb.Append(text).Append(' ', gap);
        }
        var line = sb.ToString().TrimEnd();
        // A terminal narrower than the narrowest columns: cut the line itself rather than let the terminal wrap it.
        return width is { } w && CellText.Width(line) > w ? CellText.Fit(line, w, Ellipsis) : line;
    }

    /// <summary>Cuts text to <paramref name="width"/> cells with "…", at the last space when it keeps at least half the width.</summary>
    public static string Cut(string text, int width)
    {
        var fitted = CellText.Fit(text, width, Ellipsis);
        if (fitted.Length == text.Length || width < 4) return fitted;
        var kept = fitted[..^Ellipsis.Length];
        if (text.Length > kept.Length && text[kept.Length] == ' ') return kept.TrimEnd() + Ellipsis; // already at a word's end
        var space = kept.LastIndexOf(' ');
        if (space >= 0 && CellText.Width(kept[..space]) * 2 >= width) return kept[..space].TrimEnd() + Ellipsis;
        return fitted;
    }

    /// <summary>Line breaks and tabs inside a cell would break the table: they become spaces.</summary>
    private static string Clean(string? s) =>
        s is null ? "" : s.IndexOfAny(['\n', '\r', '\t']) < 0 ? s : s.Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');

    /// <summary>Lines already fitted: written as they are (Spectre would otherwise wrap long piped lines).</summary>
    private sealed class Preformatted(IReadOnlyList<string> lines) : Spectre.Console.Rendering.Renderable
    {
        protected override Measurement Measure(RenderOptions options, int maxWidth)
        {
            var w = lines.Count == 0 ? 0 : lines.Max(CellText.Width);
            return new Measurement(w, w);
        }

        protected override IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
        {
            foreach (var line in lines)
            {
                yield return new Segment(line);
                yield return Segment.LineBreak;
            }
        }
    }
}
