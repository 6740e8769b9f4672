using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SafetyConsole.Cli.Board.Terminal;

/// <summary>
/// Styles interned to small ids, with their SGR sequences. Without colour (NO_COLOR) only decorations are written:
/// bold, dim, underline, inverse. Also caches each character's cell width (Spectre's measure).
/// </summary>
public sealed class Palette
{
    private readonly Dictionary<Style, int> _ids = new();
    private readonly List<Style> _styles = [];
    private readonly List<string> _sgr = [];
    private readonly Dictionary<(int, Decoration), int> _decorated = new();
    private readonly bool _color;

    public Palette(bool color)
    {
        _color = color;
        Id(Style.Plain);
    }

    public int Count => _styles.Count;

    public int Id(Style style)
    {
        if (_ids.TryGetValue(style, out var id)) return id;
        id = _styles.Count;
        _ids[style] = id;
        _styles.Add(style);
        _sgr.Add(BuildSgr(style));
        return id;
    }

    public Style StyleOf(int id) => _styles[id];

    public string Sgr(int id) => _sgr[id];

    public int WithDecoration(int id, Decoration d)
    {
        if (_decorated.TryGetValue((id, d), out var r)) return r;
        var s = _styles[id];
        r = Id(new Style(s.Foreground, s.Background, s.Decoration | d));
        _decorated[(id, d)] = r;
        return r;
    }

    private static readonly string[] AsciiText = Enumerable.Range(0, 128).Select(i => ((char)i).ToString()).ToArray();
    private readonly Dictionary<int, string> _texts = new();

    /// <summary>A character as a string, without allocating one per cell per frame.</summary>
    public string Text(Rune r)
    {
        if (r.Value < 128) return AsciiText[r.Value];
        if (!_texts.TryGetValue(r.Value, out var t)) _texts[r.Value] = t = r.ToString();
        return t;
    }

    public int Width(Rune r) => CellText.Width(r);

    /// <summary>An absolute SGR: reset, then this style's attributes, so each run stands alone.</summary>
    private string BuildSgr(Style s)
    {
        var sb = new StringBuilder("\e[0");
        var d = s.Decoration;
        if (d.HasFlag(Decoration.Bold)) sb.Append(";1");
        if (d.HasFlag(Decoration.Dim)) sb.Append(";2");
        if (d.HasFlag(Decoration.Italic)) sb.Append(";3");
        if (d.HasFlag(Decoration.Underline)) sb.Append(";4");
        if (d.HasFlag(Decoration.Invert)) sb.Append(";7");
        if (d.HasFlag(Decoration.Strikethrough)) sb.Append(";9");
        if (_color)
        {
            AppendColor(sb, s.Foreground, 30, 90, 38);
            AppendColor(sb, s.Background, 40, 100, 48);
        }
        sb.Append('m');
        return sb.ToString();
    }

    /// <summary>The 16 standard colours in their SGR order, so they are written as 30–37/90–97 that every terminal knows.</summary>
    private static readonly Color[] Standard =
    [
        Color.Black, Color.Maroon, Color.Green, Color.Olive, Color.Navy, Color.Purple, Color.Teal, Color.Silver,
        Color.Grey, Color.Red, Color.Lime, Color.Yellow, Color.Blue, Color.Fuchsia, Color.Aqua, Color.White,
    ];

    private static void AppendColor(StringBuilder sb, Color c, int basic, int bright, int extended)
    {
        if (c == Color.Default) return;
        var n = Array.IndexOf(Standard, c);
        if (n >= 0)
        {
            if (n < 8) sb.Append(';').Append(basic + n);
            else if (n < 16) sb.Append(';').Append(bright + n - 8);
            return;
        }
        sb.Append(';').Append(extended).Append(";2;").Append(c.R).Append(';').Append(c.G).Append(';').Append(c.B);
    }
}
