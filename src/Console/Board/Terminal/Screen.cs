using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SafetyConsole.Cli.Board.Terminal;

/// <summary>
/// A screen's worth of cells that Spectre widgets render into offscreen (via <see cref="IRenderable.Render"/> and
/// <see cref="Segment.SplitLines(IEnumerable{Segment}, int, int?)"/>), so panels can sit side by side and dialogs on
/// top. Each cell holds one character (a wide character's second cell holds "") and a style id of a <see cref="Palette"/>.
/// Control characters never reach the terminal: they become spaces here, whatever the data holds.
/// </summary>
public sealed class Screen
{
    private readonly string[] _text;
    private readonly int[] _style;
    private readonly RenderOptions _options;

    public Screen(int width, int height, Palette palette, BoardTheme theme)
    {
        Width = Math.Max(1, width);
        Height = Math.Max(1, height);
        Palette = palette;
        Theme = theme;
        _text = new string[Width * Height];
        _style = new int[Width * Height];
        Array.Fill(_text, " ");
        _options = new RenderOptions(new OffscreenCapabilities(theme.Unicode), new Size(Width, Height));
    }

    public int Width { get; }
    public int Height { get; }
    public Palette Palette { get; }

    /// <summary>Blanks every cell, so a screen can be drawn again instead of allocated (the loop keeps two).</summary>
    public void Clear()
    {
        Array.Fill(_text, " ");
        Array.Clear(_style);
    }
    public BoardTheme Theme { get; }

    public string TextAt(int x, int y) => _text[y * Width + x];
    public int StyleAt(int x, int y) => _style[y * Width + x];

    /// <summary>Renders a Spectre widget into a rectangle (cropped to it).</summary>
    public void Draw(IRenderable renderable, Rect r)
    {
        if (r.IsEmpty) return;
        var lines = RenderLines(renderable, r.W, r.H);
        for (var i = 0; i < lines.Count && i < r.H; i++) DrawLine(lines[i], r.X, r.Y + i, r.W);
    }

    /// <summary>Renders a widget to lines at a width (for scrolling content: the caller picks the lines it shows).</summary>
    public List<SegmentLine> RenderLines(IRenderable renderable, int width, int? height = null)
    {
        var segments = renderable.Render(_options, width);
        return Segment.SplitLines(segments, width, height);
    }

    public void DrawLine(IEnumerable<Segment> line, int x, int y, int width)
    {
        var end = Math.Min(Width, x + width);
        foreach (var seg in line)
        {
            if (seg.IsControlCode || seg.IsLineBreak) continue;
            x = Put(x, y, seg.Text, seg.Style, end);
            if (x >= end) break;
        }
    }

    /// <summary>Writes text from (x, y), not past column <paramref name="end"/>; returns the next column.</summary>
    public int Put(int x, int y, string text, Style style, int end = int.MaxValue)
    {
        if (y < 0 || y >= Height) return x;
        end = Math.Min(end, Width);
        var id = Palette.Id(style);
        foreach (var rune in text.EnumerateRunes())
        {
            var r = Rune.IsControl(rune) ? new Rune(' ') : rune;
            var w = Palette.Width(r);
            if (w == 0) continue; // combining marks: dropped rather than mis-measured
            if (x + w > end) break;
            if (x >= 0)
            {
                var s = Theme.Unicode || r.Value < 128 ? Palette.Text(r) : Ascii(r);
                Set(x, y, s, id);
                if (w == 2)
                {
                    if (!Theme.Unicode) Set(x, y, "?", id);
                    Set(x + 1, y, Theme.Unicode ? "" : "?", id);
                }
            }
            x += w;
        }
        return x;
    }

    /// <summary>A non-UTF-8 terminal gets ASCII: common punctuation is transliterated, anything else is '?'.</summary>
    private static string Ascii(Rune r) => r.Value switch
    {
        0x2013 or 0x2014 or 0x2500 => "-", // dashes, box line
        0x2018 or 0x2019 => "'",
        0x201C or 0x201D => "\"",
        0x2026 => "~", // ellipsis (one cell)
        0x00A7 => "S", // section sign, as in "§3"
        0x00B7 => ".",
        0x2192 => ">",
        _ => "?",
    };

    private void Set(int x, int y, string s, int style)
    {
        var i = y * Width + x;
        // Overwriting half of a wide character blanks its other half.
        if (_text[i].Length == 0 && x > 0 && s.Length > 0) _text[i - 1] = " ";
        if (x + 1 < Width && _text[i + 1].Length == 0) _text[i + 1] = " ";
        _text[i] = s;
        _style[i] = style;
    }

    /// <summary>A border round a rectangle (the theme's box: rounded, or ASCII), with a title in the top edge.</summary>
    public void Frame(Rect r, Style border, string title, Style titleStyle)
    {
        if (r.W < 2 || r.H < 2) return;
        var box = Theme.Box;
        string P(BoxBorderPart part) => box.GetPart(part);
        var right = r.X + r.W - 1;
        var bottom = r.Y + r.H - 1;
        Put(r.X, r.Y, P(BoxBorderPart.TopLeft), border);
        Put(right, r.Y, P(BoxBorderPart.TopRight), border);
        Put(r.X, bottom, P(BoxBorderPart.BottomLeft), border);
        Put(right, bottom, P(BoxBorderPart.BottomRight), border);
        var top = P(BoxBorderPart.Top);
        var low = P(BoxBorderPart.Bottom);
        for (var x = r.X + 1; x < right; x++)
        {
            Put(x, r.Y, top, border);
            Put(x, bottom, low, border);
        }
        var left = P(BoxBorderPart.Left);
        var side = P(BoxBorderPart.Right);
        for (var y = r.Y + 1; y < bottom; y++)
        {
            Put(r.X, y, left, border);
            Put(right, y, side, border);
        }
        if (title.Length > 0 && r.W > 4) Put(r.X + 2, r.Y, CellText.Fit(title, r.W - 4, Theme.Ellipsis), titleStyle, right - 1);
    }

    public void Fill(Rect r, Style style)
    {
        var id = Palette.Id(style);
        for (var y = Math.Max(0, r.Y); y < Math.Min(Height, r.Y + r.H); y++)
            for (var x = Math.Max(0, r.X); x < Math.Min(Width, r.X + r.W); x++)
            {
                Set(x, y, " ", id);
            }
    }

    /// <summary>Adds a decoration (inverse video for the selection) to every cell of a row segment, keeping their colours.</summary>
    public void Decorate(int y, int x0, int x1, Decoration decoration)
    {
        if (y < 0 || y >= Height) return;
        for (var x = Math.Max(0, x0); x < Math.Min(Width, x1); x++)
        {
            var i = y * Width + x;
            _style[i] = Palette.WithDecoration(_style[i], decoration);
        }
    }

    /// <summary>Row <paramref name="y"/> as plain text (wide characters once), for tests and snapshots.</summary>
    public string Line(int y)
    {
        var sb = new StringBuilder(Width);
        for (var x = 0; x < Width; x++) sb.Append(_text[y * Width + x]);
        return sb.ToString();
    }

    public IReadOnlyList<string> Lines() => Enumerable.Range(0, Height).Select(Line).ToList();

    /// <summary>The whole screen as text, trailing spaces trimmed, rows joined by newlines.</summary>
    public string Text() => string.Join('\n', Lines().Select(l => l.TrimEnd()));

    internal bool SameCell(Screen other, int x, int y) =>
        string.Equals(_text[y * Width + x], other._text[y * Width + x], StringComparison.Ordinal) && _style[y * Width + x] == other._style[y * Width + x];
}

/// <summary>What Spectre may assume of the offscreen target: ANSI styles, Unicode per the theme, no links.</summary>
internal sealed class OffscreenCapabilities(bool unicode) : IReadOnlyCapabilities
{
    public ColorSystem ColorSystem => ColorSystem.TrueColor;
    public bool Ansi => true;
    public bool Links => false;
    public bool Legacy => false;
    public bool IsTerminal => true;
    public bool Interactive => false;
    public bool Unicode { get; } = unicode;
}
