using System.Globalization;
using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Data.Domain;
using Spectre.Console;
using Spectre.Console.Rendering;
using static SafetyConsole.Cli.Board.BoardStyles;

namespace SafetyConsole.Cli.Board;

public enum PickPurpose { Disposition, OfficerStatus, Link }

public sealed record PickItem(string Code, string Label);

/// <summary>A list to choose from: dispositions for clearing a call, statuses for an officer, the master of a duplicate.</summary>
public sealed record PickOverlay(PickPurpose Purpose, string Subject, string Title, IReadOnlyList<PickItem> Items, int Index = 0) : Overlay
{
    public override IReadOnlyList<BindingContext> Contexts => [BindingContext.Dialog, BindingContext.Lists];

    /// <summary>Clearing a call: its APCO disposition.</summary>
    public static BoardState Disposition(BoardState s, long callId) => s with
    {
        Overlay = new PickOverlay(PickPurpose.Disposition, callId.ToString(CultureInfo.InvariantCulture), $"Clear call {callId}: disposition (APCO)",
            s.Data.Dispositions.Select(d => new PickItem(d.Code, $"{d.Code}  {d.Name}")).ToList()),
    };

    /// <summary>
    /// Issue 15: `L` on a call, then its master among the other open calls, the one intake flagged as its possible
    /// duplicate first and highlighted. Only a call with no officer (NEW, PENDING, ESCALATED) is linked, as on the
    /// command line: any other is refused at once, and the refusal recorded (R10).
    /// </summary>
    public static (BoardState, IReadOnlyList<Effect>) Link(BoardState s, Call call)
    {
        if (call.Status is not (CallStatus.New or CallStatus.Pending or CallStatus.Escalated))
            return BoardUpdate.Refused(s, $"Call {call.Id} is {call.Status.Text()}, so it cannot be linked as a duplicate; only a call with no officer (NEW, PENDING or ESCALATED) can (clear or cancel it instead).", call.Id);
        var masters = s.Data.Ordered.Where(c => c.Id != call.Id).ToList();
        if (masters.Count == 0) return (BoardUpdate.Error(s, $"No other call is open, so call {call.Id} cannot be linked as a duplicate."), []);
        if (s.Data.PossibleDuplicates.TryGetValue(call.Id, out var flagged) && masters.FindIndex(c => c.Id == flagged) is > 0 and var at)
        {
            var first = masters[at];
            masters.RemoveAt(at);
            masters.Insert(0, first);
        }
        var items = masters.Select(c => new PickItem(c.Id.ToString(CultureInfo.InvariantCulture),
            $"#{c.Id} {c.Type} P{c.Priority} {s.Data.LocationName(c.Location)} {c.Status.Text()}{(c.Id == flagged ? "  possible duplicate" : "")}")).ToList();
        return (s with { Overlay = new PickOverlay(PickPurpose.Link, call.Id.ToString(CultureInfo.InvariantCulture), $"Link call {call.Id} ({call.Type}) as a duplicate of", items) }, []);
    }

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
            PickPurpose.Link => BoardUpdate.Act(s, new LinkAction(long.Parse(Subject, CultureInfo.InvariantCulture), long.Parse(code, CultureInfo.InvariantCulture))),
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
