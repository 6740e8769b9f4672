using SafetyConsole.Cli.Board.Terminal;
using Spectre.Console;
using Spectre.Console.Rendering;
using static SafetyConsole.Cli.Board.BoardStyles;

namespace SafetyConsole.Cli.Board;

/// <summary>Drawing pieces shared by the panels and the dialogs: frames, boxes, choice lines, text fields, scroll hints.</summary>
public static class ViewKit
{
    /// <summary>Cuts text to a width in cells, ending with an ellipsis when cut.</summary>
    public static string Fit(string? text, int width, BoardTheme theme) => CellText.Fit(text, width, theme.Ellipsis);

    /// <summary>A panel's border and title; its content goes inside, one cell in from each edge.</summary>
    public static Rect Panel(Screen c, Rect r, string title, bool focused)
    {
        c.Frame(r, focused ? Accent : Dim, title, focused ? Accent : Bold);
        return new Rect(r.X + 1, r.Y + 1, Math.Max(0, r.W - 2), Math.Max(0, r.H - 2));
    }

    public static void ScrollHint(Screen c, Rect r, int scroll, int rows, int count)
    {
        var text = $" {scroll + 1}-{Math.Min(count, scroll + rows)}/{count} ";
        c.Put(r.X + r.W - 1 - text.Length - 1, r.Y + r.H - 1, text, Dim);
    }

    /// <summary>A dialog's place: centred, at most the screen less a cell on each side.</summary>
    public static Rect Centered(BoardState s, int width, int height)
    {
        var w = Math.Min(s.Width - 2, width);
        var h = Math.Min(s.Height - 2, height);
        return new Rect((s.Width - w) / 2, Math.Max(1, (s.Height - h) / 2), w, h);
    }

    /// <summary>A dialog box: cleared, framed, its lines from <paramref name="scroll"/> (clamped to the text).</summary>
    public static void Box(Screen c, Rect r, string title, IReadOnlyList<SegmentLine> lines, int scroll = 0)
    {
        c.Fill(r, Plain);
        Panel(c, r, title, true);
        var innerH = r.H - 2;
        scroll = Math.Clamp(scroll, 0, Math.Max(0, lines.Count - innerH));
        for (var i = 0; i < innerH && scroll + i < lines.Count; i++) c.DrawLine(lines[scroll + i], r.X + 2, r.Y + 1 + i, r.W - 4);
        if (lines.Count > innerH) ScrollHint(c, r, scroll, innerH, lines.Count);
    }

    /// <summary>A numbered row of a list to choose from, highlighted when selected.</summary>
    public static IRenderable ChoiceLine(Screen c, int n, bool selected, string text, Style style)
    {
        var p = new Paragraph();
        p.Append(selected ? c.Theme.Marker + " " : "  ", Bold);
        p.Append(n <= 9 ? $"{n}. " : "   ", Bold);
        p.Append(text, selected ? new Style(style.Foreground, style.Background, style.Decoration | Decoration.Invert) : style);
        return p;
    }

    /// <summary>Draws a text field with its cursor as an inverse cell; the text scrolls to keep the cursor in view.</summary>
    public static void Field(Screen c, int x, int y, TextField f, int end, bool withCursor)
    {
        var room = Math.Max(1, end - x - 1);
        var start = Math.Max(0, f.Cursor - room + 1);
        c.Put(x, y, f.Text[start..], Plain, end);
        if (!withCursor) return;
        var cx = x + (f.Cursor - start);
        if (cx < end)
        {
            var under = f.Cursor < f.Text.Length ? f.Text[f.Cursor].ToString() : " ";
            c.Put(cx, y, under, Inverse, end);
        }
    }

    /// <summary>Issue 15: "SLO-1 (first responder, en route), CSO-2 (assist, assigned)"; null when nobody is on the call.</summary>
    public static string? OfficersText(BoardData d, long callId) =>
        d.OnCall.TryGetValue(callId, out var on) && on.Count > 0
            ? string.Join(", ", on.Select(o => $"{o.Badge} ({(o.Assist ? "assist" : "first responder")}, {o.Progress})"))
            : null;
}
