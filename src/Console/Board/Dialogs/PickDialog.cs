using System.Globalization;
using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Data.Domain;
using Spectre.Console;
using Spectre.Console.Rendering;
using static SafetyConsole.Cli.Board.BoardStyles;

namespace SafetyConsole.Cli.Board;

public enum PickPurpose { Disposition, OfficerStatus }

public sealed record PickItem(string Code, string Label);

/// <summary>A list to choose from: dispositions for clearing a call, statuses for an officer.</summary>
public sealed record PickOverlay(PickPurpose Purpose, string Subject, string Title, IReadOnlyList<PickItem> Items, int Index = 0) : Overlay
{
    public override IReadOnlyList<BindingContext> Contexts => [BindingContext.Dialog, BindingContext.Lists];

    /// <summary>Clearing a call: its APCO disposition.</summary>
    public static BoardState Disposition(BoardState s, long callId) => s with
    {
        Overlay = new PickOverlay(PickPurpose.Disposition, callId.ToString(CultureInfo.InvariantCulture), $"Clear call {callId}: disposition (APCO)",
            s.Data.Dispositions.Select(d => new PickItem(d.Code, $"{d.Code}  {d.Name}")).ToList()),
    };

    /// <summary>The statuses an officer sets (the others come with a call).</summary>
    public static PickOverlay OfficerStatus(Officer o) =>
        new(PickPurpose.OfficerStatus, o.Badge, $"Officer {o.Badge} ({o.Status.Text()}): new status",
            [new("AVAILABLE", "AVAILABLE  log on"), new("OFF_DUTY", "OFF_DUTY   log off"), new("BUSY", "BUSY       not dispatchable")]);

    public override (BoardState State, IReadOnlyList<Effect> Effects) Key(BoardState s, KeyPress key, Binding? b)
    {
        switch (b?.Command)
        {
            case BoardCmd.Close: return (s with { Overlay = null }, []);
            case BoardCmd.Up or BoardCmd.Down or BoardCmd.PageUp or BoardCmd.PageDown or BoardCmd.Top or BoardCmd.Bottom:
                var (i, _) = Selection.Clamp(Selection.Target(b.Command, Index, 10, Items.Count), 0, Items.Count, Items.Count);
                return (s with { Overlay = this with { Index = i } }, []);
            case BoardCmd.Choose: return Pick(s, Index);
            case BoardCmd.ChooseNumber: return Pick(s, key.Char - '1');
            default: return (s, []);
        }
    }

    private (BoardState, IReadOnlyList<Effect>) Pick(BoardState s, int index)
    {
        if (index < 0 || index >= Items.Count) return (BoardUpdate.Error(s, $"Choose a row from 1 to {Items.Count}."), []);
        var code = Items[index].Code;
        return Purpose switch
        {
            PickPurpose.Disposition => BoardUpdate.Act(s, new ClearAction(long.Parse(Subject, CultureInfo.InvariantCulture), code)),
            _ => BoardUpdate.Act(s, new OfficerStatusAction(Subject, Codes.ParseOfficerStatus(code))),
        };
    }

    public override void Draw(Screen c, BoardState s)
    {
        var items = new List<IRenderable>();
        for (var i = 0; i < Items.Count; i++) items.Add(ViewKit.ChoiceLine(c, i + 1, i == Index, Items[i].Label, Plain));
        if (Items.Count == 0) items.Add(new Text("Nothing to choose from.", Dim));
        var width = Math.Min(s.Width - 2, 70);
        var lines = c.RenderLines(new Rows(items), width - 4);
        var r = ViewKit.Centered(s, width, lines.Count + 2);
        ViewKit.Box(c, r, Title, lines, Math.Max(0, Index - (r.H - 3)));
    }
}
