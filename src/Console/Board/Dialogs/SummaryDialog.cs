using SafetyConsole.Cli.Output;
using SafetyConsole.Cli.Board.Terminal;
using Spectre.Console;

namespace SafetyConsole.Cli.Board;

/// <summary>The supervisor view: the queue at a glance (the `status` command's summary: open calls, the oldest waiting, escalations, officers, R5 figures).</summary>
/// <remarks>
/// The box is as tall as the text once wrapped to the box's width (lines of `status` are up to 80 columns, wider
/// than the box at 80x24), and scrolls (↑↓, PgUp/PgDn, Home/End) when the screen is shorter, so its last line, the R5
/// figures, can always be read.
/// </remarks>
public sealed record SummaryOverlay(int Scroll = 0) : Overlay
{
    public override IReadOnlyList<BindingContext> Contexts => [BindingContext.Help, BindingContext.Lists]; // it scrolls on a short screen

    public override (BoardState State, IReadOnlyList<Effect> Effects) Key(BoardState s, KeyPress key, Binding? b) =>
        (b?.Command == BoardCmd.Close ? s with { Overlay = null }
            : s with { Overlay = this with { Scroll = Math.Min(Selection.ScrollKey(Scroll, b), ScrollLimit(s)) } }, []);

    /// <summary>
    /// How far the summary can scroll: its lines (at most 80 columns) wrap into at most two each at the board's
    /// minimum width, so the view (which clamps exactly) never needs more; Up after End then moves at once.
    /// </summary>
    private static int ScrollLimit(BoardState s) =>
        s.Data.Summary is { } q ? Math.Max(0, 2 * StatusText.Of(q).TrimEnd('\n').Split('\n').Length - (s.Height - 4)) : 0;

    public override void Draw(Screen c, BoardState s)
    {
        var text = s.Data.Summary is { } q ? StatusText.Of(q) : "Loading the summary...";
        var lines = text.TrimEnd('\n').Split('\n');
        var width = Math.Min(s.Width - 2, Math.Max(40, lines.Max(CellText.Width) + 4));
        var wrapped = c.RenderLines(new Rows(lines.Select(l => new Text(l))), width - 4);
        var r = ViewKit.Centered(s, width, wrapped.Count + 2);
        ViewKit.Box(c, r, "Queue summary (Esc closes)", wrapped, Scroll);
    }
}
