using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SafetyConsole.Cli.Board.Terminal;

/// <summary>Terminal cell widths of text (wide characters take two cells; Spectre's measure, cached per character).</summary>
public static class CellText
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, int> Widths = new();

    public static int Width(Rune r)
    {
        if (r.Value < 0x7F) return r.Value < 0x20 ? 0 : 1;
        return Widths.GetOrAdd(r.Value, v => Math.Clamp(new Segment(char.ConvertFromUtf32(v)).CellCount(), 0, 2));
    }

    public static int Width(string s)
    {
        var n = 0;
        foreach (var r in s.EnumerateRunes()) n += Width(r);
        return n;
    }

    /// <summary>Cuts text to <paramref name="width"/> cells, ending with <paramref name="ellipsis"/> when cut.</summary>
    public static string Fit(string? text, int width, string ellipsis)
    {
        text ??= "";
        if (width <= 0) return "";
        if (IsAscii(text) ? text.Length <= width : Width(text) <= width) return text;
        var sb = new StringBuilder();
        var used = 0;
        foreach (var r in text.EnumerateRunes())
        {
            var w = Width(r);
            if (used + w > width - 1) break;
            sb.Append(r.ToString());
            used += w;
        }
        return sb.Append(ellipsis).ToString();
    }

    private static bool IsAscii(string s)
    {
        foreach (var ch in s)
            if (ch >= 0x7F || ch < 0x20) return false;
        return true;
    }

    /// <summary>Fits and pads text to exactly <paramref name="width"/> cells.</summary>
    public static string Pad(string? text, int width, string ellipsis, Justify align = Justify.Left)
    {
        var t = Fit(text, width, ellipsis);
        var gap = width - Width(t);
        if (gap <= 0) return t;
        return align == Justify.Right ? new string(' ', gap) + t : t + new string(' ', gap);
    }
}

/// <summary>A column of a <see cref="FixedTable"/>: its header and its exact width in cells.</summary>
public sealed record FixedColumn(string Header, int Width, Justify Align = Justify.Left);

/// <summary>One cell: literal text (never markup) and its style.</summary>
public readonly record struct FixedCell(string Text, Style Style)
{
    public static implicit operator FixedCell(string text) => new(text, Style.Plain);
}

/// <summary>
/// A Spectre widget for the board's big lists: columns of explicit widths, one line per row, cells cut with an
/// ellipsis, never wrapped and never measured. Spectre's Table measures every cell of every row twice per
/// render, which with a screenful of rows per frame costs about a megabyte of garbage; this costs one string a cell.
/// </summary>
public sealed class FixedTable(IReadOnlyList<FixedColumn> columns, Style headerStyle, string ellipsis) : Renderable
{
    private readonly List<FixedCell[]> _rows = [];

    public int RowCount => _rows.Count;

    public FixedTable Add(params FixedCell[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    protected override Measurement Measure(RenderOptions options, int maxWidth)
    {
        var w = Math.Min(maxWidth, columns.Sum(c => c.Width) + columns.Count - 1);
        return new Measurement(w, w);
    }

    protected override IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
    {
        var header = new FixedCell[columns.Count];
        for (var i = 0; i < columns.Count; i++) header[i] = new FixedCell(columns[i].Header, headerStyle);
        foreach (var s in Line(header)) yield return s;
        foreach (var row in _rows)
            foreach (var s in Line(row))
                yield return s;
    }

    private IEnumerable<Segment> Line(FixedCell[] cells)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            var c = i < cells.Length ? cells[i] : new FixedCell("", Style.Plain);
            yield return new Segment(CellText.Pad(c.Text, columns[i].Width, ellipsis, columns[i].Align), c.Style);
            if (i < columns.Count - 1) yield return new Segment(" ");
        }
        yield return Segment.LineBreak;
    }
}
