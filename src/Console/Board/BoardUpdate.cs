using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;

namespace SafetyConsole.Cli.Board;

/// <summary>
/// The board's pure update function (bubbletea's Update): <c>(state, msg) → (state, effects)</c>. No clock, no
/// store, no terminal: time arrives in <see cref="TickMsg"/>, data in <see cref="DataMsg"/>, and everything with an
/// effect leaves as an <see cref="Effect"/> for the loop to run. It handles the messages and the board's own keys,
/// and routes the keys of an open dialog to that dialog (<see cref="Overlay.Key"/>, Dialogs/) and of the input line
/// to it; selection and scrolling are <see cref="Selection"/>'s.
/// </summary>
public static class BoardUpdate
{
    private static readonly IReadOnlyList<Effect> None = [];

    /// <summary>How long a new or changed row stays marked.</summary>
    public static readonly TimeSpan MarkFor = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan InfoFor = TimeSpan.FromSeconds(8);
    public static readonly TimeSpan ErrorFor = TimeSpan.FromSeconds(15);

    public static (BoardState State, IReadOnlyList<Effect> Effects) Update(BoardState s, Msg msg)
    {
        var (next, effects) = Handle(s, msg);
        return RecordReads(next, LoadDetail(s, next, effects));
    }

    /// <summary>
    /// Whatever changed the selected call (moving, a filter, new data) and left its detail unloaded asks for its
    /// events, once: otherwise the panel would say "loading..." until the next change of data.
    /// </summary>
    private static IReadOnlyList<Effect> LoadDetail(BoardState before, BoardState after, IReadOnlyList<Effect> effects)
    {
        if (after.SelectedCallId is not { } id || after.Detail?.CallId == id || id == before.SelectedCallId && before.Detail is null) return effects;
        return effects.Contains(new LoadDetailEffect(id)) ? effects : [.. effects, new LoadDetailEffect(id)];
    }

    /// <summary>
    /// R9: every read of a call's detail by a non-dispatcher is recorded. When the detail panel shows a call to a
    /// viewer (on screen, not merely selected), the read is recorded once per call and session.
    /// </summary>
    private static (BoardState, IReadOnlyList<Effect>) RecordReads(BoardState s, IReadOnlyList<Effect> effects)
    {
        if (!FreeTextAccess.ReadIsRecorded(s.Role) || s.Quit || s.SelectedCallId is not { } id || s.ReadsRecorded.Contains(id)) return (s, effects);
        var layout = BoardLayout.For(s.Width, s.Height, s.Focus);
        if (layout.TooSmall || (layout.Detail is null && layout.MainShows != Focus.Detail)) return (s, effects);
        return (s with { ReadsRecorded = s.ReadsRecorded.Add(id) }, [.. effects, new RecordReadEffect(id)]);
    }

    private static (BoardState State, IReadOnlyList<Effect> Effects) Handle(BoardState s, Msg msg) => msg switch
    {
        TickMsg t => (Tick(s, t.Now), None),
        ResizeMsg r => (Selection.Reclamp(s with { Width = Math.Max(1, r.Width), Height = Math.Max(1, r.Height) }), None),
        DataMsg d => ApplyData(s.StoreLost ? s : Recovered(s), d.Data),
        DetailMsg d => (d.CallId == s.SelectedCallId ? s with { Detail = new CallDetail(d.CallId, d.Events, d.Notes) } : s, None),
        RedrawMsg => (s, [new FullRedrawEffect()]),
        QuitMsg => (s with { Quit = true }, None),
        RecommendationMsg r => (RouteOverlay.Ranked(s, r), None),
        ActionDoneMsg a => ActionDone(s, a),
        CallMsg c => (Decided(s, c), None),
        SummaryMsg m => (s with { Data = s.Data with { Summary = m.Summary } }, None),
        NoticeMsg n => (n.Error ? Error(s, n.Text) : Info(s, n.Text), None),
        StoreProblemMsg p => (Error(s with { StoreProblem = p.Text, StoreLost = s.StoreLost || p.Lost }, p.Text), None),
        KeyMsg k => Key(s, k.Key),
        _ => (s, None),
    };

    private static BoardState Tick(BoardState s, DateTimeOffset now)
    {
        s = s with { Now = now };
        if (s.Status is { } st && st.Until <= now) s = s with { Status = null };
        if (s.Marks.Count > 0 && s.Marks.Values.Any(u => u <= now))
            s = s with { Marks = s.Marks.Where(kv => kv.Value > now).ToDictionary(kv => kv.Key, kv => kv.Value) };
        return s;
    }

    private static (BoardState, IReadOnlyList<Effect>) ApplyData(BoardState s, BoardData data)
    {
        var marks = s.Marks;
        if (s.Loaded)
        {
            // New and changed rows are marked briefly; the first load marks nothing. The watcher works out what
            // changed off the loop; a snapshot without that (tests) is compared here.
            var changed = data.Changed ?? BoardData.ChangedIds(s.Data, data);
            if (changed.Count > 0)
            {
                var next = marks.Where(kv => kv.Value > s.Now).ToDictionary(kv => kv.Key, kv => kv.Value);
                foreach (var changedId in changed) next[changedId] = s.Now + s.OnScreen(MarkFor);
                marks = next;
            }
        }

        var visible = CallFilter.Parse(s.Filter).Apply(data);
        var wanted = s.PendingSelect is { } p && visible.Any(c => c.Id == p) ? p : s.SelectedCallId;
        var pendingLeft = s.PendingSelect is { } p2 && wanted != p2 ? s.PendingSelect : null;
        var next2 = s with { Data = data, Loaded = true, Marks = marks, PendingSelect = pendingLeft };
        next2 = Selection.ReselectOfficer(Selection.Reselect(next2, visible, wanted));
        var effects = new List<Effect>(2);
        if (next2.SelectedCallId is { } id) effects.Add(new LoadDetailEffect(id));
        if (next2.AwaitingIntake is { } waiting) effects.Add(new LoadCallEffect(waiting)); // intake may have decided it (R2)
        return (next2, effects);
    }

    private static (BoardState, IReadOnlyList<Effect>) ActionDone(BoardState s, ActionDoneMsg a)
    {
        s = s with { Busy = Math.Max(0, s.Busy - 1) };
        s = a.Ok ? Info(s, a.Message) : Error(s, a.Message);
        if (a.CreatedCallId is { } id) s = s with { PendingSelect = id, Filter = "" };
        // R2: a reclassified call is NEW again; follow it until intake has decided it (it may have already).
        if (a is { Ok: true, Action: ReclassifyAction r }) return (s with { AwaitingIntake = r.CallId }, [new LoadCallEffect(r.CallId)]);
        return (s, None);
    }

    /// <summary>
    /// A reclassified call read back: once it is no longer NEW, the message line says what intake made of it, with
    /// the last line of its rule trace (R2: DIVERTED to the administration; R1/R5: PENDING with its deadline; R4: REFERRED).
    /// </summary>
    private static BoardState Decided(BoardState s, CallMsg m)
    {
        if (m.CallId != s.AwaitingIntake) return s;
        if (m.Call is not { } c) return s with { AwaitingIntake = null };
        if (c.Status == CallStatus.New) return s;
        var why = c.Trace.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        var cls = c.Class is null or CallClass.None ? "" : $" ({c.Class.Text()})";
        return Info(s with { AwaitingIntake = null }, $"Call {c.Id}, now {c.Type} P{c.Priority}, is {c.Status.Text()}{cls}{(why is null ? "." : $": {why}")}");
    }

    /// <summary>A read succeeded again (a server back after a failover, issue 17): the problem leaves the header and the status line.</summary>
    private static BoardState Recovered(BoardState s) =>
        s with { StoreProblem = null, Status = s.Status is { } line && line.Text == s.StoreProblem ? null : s.Status };

    public static BoardState Info(BoardState s, string text) => s with { Status = new StatusLine(text, MessageKind.Info, s.Now + s.OnScreen(InfoFor)) };

    public static BoardState Error(BoardState s, string text) => s with { Status = new StatusLine(text, MessageKind.Error, s.Now + s.OnScreen(ErrorFor)) };

    /// <summary>R10: an action the board refuses itself: the sentence on the status line, and the refusal recorded as the command line records it.</summary>
    internal static (BoardState, IReadOnlyList<Effect>) Refused(BoardState s, string message, long? callId) =>
        (Error(s, message), [new RecordRefusalEffect(callId, message)]);

    /// <summary>Sends an action to the action thread (any dialog closes); refused at once while the database is gone.</summary>
    internal static (BoardState, IReadOnlyList<Effect>) Act(BoardState s, BoardAction action) =>
        s.StoreLost
            ? (Error(s with { Overlay = null }, $"Cannot {action.Describe()}: {s.StoreProblem}"), None) // nothing may go into a file nobody will read
            : (Info(s with { Busy = s.Busy + 1, Overlay = null }, $"Working: {action.Describe()}..."), [new ActEffect(action)]);

    // ---- keys -----------------------------------------------------------------------------------------------

    private static (BoardState, IReadOnlyList<Effect>) Key(BoardState s, KeyPress key)
    {
        // Ctrl+C quits from anywhere; it asks first only when something typed would be lost (twice: quit anyway).
        if (key == KeyPress.CtrlOf('c'))
            return s.Overlay is ConfirmOverlay { Purpose: ConfirmPurpose.Quit } ? (s with { Quit = true }, None) : RequestQuit(s);

        // Suspending works from anywhere, like the terminal's own Ctrl+Z: a form or a half-typed filter waits for `fg`.
        if (Bindings.Find(key, [BindingContext.Board])?.Command == BoardCmd.Suspend) return (s, [new SuspendEffect()]);

        var binding = Bindings.Find(key, Bindings.ContextsFor(s.Focus, s.Overlay, s.Input is not null));
        if (binding is not null && s.Role < binding.MinRole)
            return Refused(s, Bindings.Refusal(binding, s.Account, s.Role), null);

        if (s.Overlay is { } overlay) return overlay.Key(s, key, binding);
        if (s.Input is { } input) return input.Key(s, key, binding);
        return BoardKey(s, binding);
    }

    /// <summary>q, Ctrl+C and `:quit`: at once, unless that would throw away what was typed (then a question).</summary>
    internal static (BoardState, IReadOnlyList<Effect>) RequestQuit(BoardState s)
    {
        var holds = s.Overlay?.HoldsInput == true || s.Input is { Kind: InputKind.Command, Field.IsEmpty: false };
        if (!holds) return (s with { Quit = true }, None);
        return (s with { Overlay = new ConfirmOverlay(ConfirmPurpose.Quit, "Quit and throw away what you typed? (y/n)", s.Overlay) }, None);
    }

    /// <summary>A key on the board itself, no dialog open: the bindings of the Board, Lists, Calls and Officers contexts.</summary>
    private static (BoardState, IReadOnlyList<Effect>) BoardKey(BoardState s, Binding? b)
    {
        if (b is null) return (s, None);
        switch (b.Command)
        {
            case BoardCmd.Quit: return RequestQuit(s);
            case BoardCmd.Help: return (s with { Overlay = new HelpOverlay() }, None);
            case BoardCmd.Summary: return (s with { Overlay = new SummaryOverlay() }, None);
            case BoardCmd.Filter: return (s with { Input = new InputLine(InputKind.Filter, TextField.Of(s.Filter)) }, None);
            case BoardCmd.CommandLine: return (s with { Input = new InputLine(InputKind.Command, new TextField()) }, None);
            case BoardCmd.NewCall: return (s with { Overlay = NewCallOverlay.Blank }, None);
            case BoardCmd.Redraw: return (s, [new FullRedrawEffect()]);
            case BoardCmd.Escape: return (Selection.WithFilter(s, "") with { Status = null, Focus = s.Focus == Focus.Detail ? Focus.Calls : s.Focus }, None);
            case BoardCmd.NextPanel: return (Selection.Reclamp(s with { Focus = (Focus)(((int)s.Focus + 1) % 3) }), None);
            case BoardCmd.PrevPanel: return (Selection.Reclamp(s with { Focus = (Focus)(((int)s.Focus + 2) % 3) }), None);
            case BoardCmd.Detail: return (s with { Focus = Focus.Detail, DetailScroll = 0 }, None);
            case BoardCmd.Up or BoardCmd.Down or BoardCmd.PageUp or BoardCmd.PageDown or BoardCmd.Top or BoardCmd.Bottom:
                return Selection.Move(s, b.Command);
            case BoardCmd.OfficerStatus:
                if (s.SelectedOfficer is not { } o) return (Error(s, "No officer is selected; move to one with the arrow keys first."), None);
                return (s with { Overlay = PickOverlay.OfficerStatus(o) }, None);
        }

        if (s.SelectedCall is not { } call) return (Error(s, "No call is selected; choose one with the arrow keys (or clear the filter with Esc)."), None);
        return b.Command switch
        {
            BoardCmd.Route => RouteOverlay.Open(s, call.Id),
            BoardCmd.Ack => Act(s, new MoveAction(call.Id, CallStatus.Acknowledged)),
            BoardCmd.EnRoute => Act(s, new MoveAction(call.Id, CallStatus.EnRoute)),
            BoardCmd.OnScene => Act(s, new MoveAction(call.Id, CallStatus.OnScene)),
            BoardCmd.Clear => (PickOverlay.Disposition(s, call.Id), None),
            BoardCmd.Divert => (s with { Overlay = PromptOverlay.Divert(call.Id) }, None),
            BoardCmd.Cancel => (s with { Overlay = PromptOverlay.Cancel(call.Id) }, None),
            BoardCmd.Reclassify => (s with { Overlay = ReclassifyOverlay.For(call.Id) }, None),
            BoardCmd.Note => (s with { Overlay = PromptOverlay.Note(call.Id) }, None),
            BoardCmd.Link => PickOverlay.Link(s, call),
            _ => (s, None),
        };
    }
}
