using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Data.Domain;
using Spectre.Console;
using Spectre.Console.Rendering;
using static SafetyConsole.Cli.Board.BoardStyles;

namespace SafetyConsole.Cli.Board;

/// <summary>The `?` help: every key binding this operator may use, generated from <see cref="Bindings.Table"/>; it scrolls.</summary>
public sealed record HelpOverlay(int Scroll = 0) : Overlay
{
    public override IReadOnlyList<BindingContext> Contexts => [BindingContext.Help, BindingContext.Lists];

    public override (BoardState State, IReadOnlyList<Effect> Effects) Key(BoardState s, KeyPress key, Binding? b) =>
        (b?.Command == BoardCmd.Close ? s with { Overlay = null } : s with { Overlay = this with { Scroll = Selection.ScrollKey(Scroll, b) } }, []);

    public override void Draw(Screen c, BoardState s)
    {
        var r = ViewKit.Centered(s, 100, s.Height - 2);
        var width = r.W - 4;
        const int keysW = 16;
        var items = new List<IRenderable>();
        if (s.Role == OperatorRole.Viewer)
            items.Add(new Text($"Your account ({s.Account}) is a viewer: the board is read-only (R10).", Warn));
        foreach (var group in Bindings.HelpFor(s.Role).GroupBy(b => b.Context))
        {
            items.Add(new Text(Bindings.ContextTitle(group.Key), Accent));
            var t = new Table { Border = TableBorder.None, ShowHeaders = false, Expand = false };
            t.AddColumn(Column(keysW, last: false));
            t.AddColumn(Column(Math.Max(10, width - keysW - 1), last: true));
            t.Columns[1].NoWrap = false;
            foreach (var b in group) t.AddRow(new Text(b.KeysText(c.Theme.Unicode), Bold), new Text(b.Help));
            items.Add(t);
        }
        ViewKit.Box(c, r, "Help: every key (Esc closes)", c.RenderLines(new Rows(items), width), Scroll);
    }

    private static TableColumn Column(int width, bool last) =>
        new(new Text("", Bold)) { Width = width, NoWrap = true, Padding = new Padding(0, 0, last ? 0 : 1, 0), Alignment = Justify.Left };
}
