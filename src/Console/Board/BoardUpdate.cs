using System.Globalization;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Routing;

namespace SafetyConsole.Cli.Board;

/// <summary>
/// The board's pure update function (bubbletea's Update): <c>(state, msg) → (state, commands)</c>. No clock, no
/// store, no terminal: time arrives in <see cref="TickMsg"/>, data in <see cref="DataMsg"/>, and everything with an
/// effect leaves as a <see cref="Cmd"/> for the loop to run.
/// </summary>
public static class BoardUpdate
{
    private static readonly IReadOnlyList<Cmd> None = [];

    /// <summary>How long a new or changed row stays marked.</summary>
    public static readonly TimeSpan MarkFor = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan InfoFor = TimeSpan.FromSeconds(8);
    public static readonly TimeSpan ErrorFor = TimeSpan.FromSeconds(15);

    public static (BoardState State, IReadOnlyList<Cmd> Cmds) Update(BoardState s, Msg msg)
    {
        var (next, cmds) = Handle(s, msg);
        return RecordReads(next, LoadDetail(s, next, cmds));
    }

    /// <summary>
    /// Whatever changed the selected call (moving, a filter, new data) and left its detail unloaded asks for its
    /// events, once: otherwise the panel would say "loading..." until the next change of data.
    /// </summary>
    private static IReadOnlyList<Cmd> LoadDetail(BoardState before, BoardState after, IReadOnlyList<Cmd> cmds)
    {
        if (after.SelectedCallId is not { } id || after.Detail?.CallId == id || id == before.SelectedCallId && before.Detail is null) return cmds;
        return cmds.Contains(new LoadDetailCmd(id)) ? cmds : [.. cmds, new LoadDetailCmd(id)];
    }

    /// <summary>
    /// R9: every read of a call's detail by a non-dispatcher is recorded. When the detail panel shows a call to a
    /// viewer (on screen, not merely selected), the read is recorded once per call and session.
    /// </summary>
    private static (BoardState, IReadOnlyList<Cmd>) RecordReads(BoardState s, IReadOnlyList<Cmd> cmds)
    {
        if (!FreeTextAccess.ReadIsRecorded(s.Role) || s.Quit || s.SelectedCallId is not { } id || s.ReadsRecorded.Contains(id)) return (s, cmds);
        var layout = BoardLayout.For(s.Width, s.Height, s.Focus);
        if (layout.TooSmall || (layout.Detail is null && layout.MainShows != Focus.Detail)) return (s, cmds);
        return (s with { ReadsRecorded = s.ReadsRecorded.Add(id) }, [.. cmds, new RecordReadCmd(id)]);
    }

    private static (BoardState State, IReadOnlyList<Cmd> Cmds) Handle(BoardState s, Msg msg) => msg switch
    {
        TickMsg t => (Tick(s, t.Now), None),
        ResizeMsg r => (Reclamp(s with { Width = Math.Max(1, r.Width), Height = Math.Max(1, r.Height) }), None),
        DataMsg d => ApplyData(s.StoreLost ? s : s with { StoreProblem = null }, d.Data),
        DetailMsg d => (d.CallId == s.SelectedCallId ? s with { Detail = new CallDetail(d.CallId, d.Events) } : s, None),
        RedrawMsg => (s, [new FullRedrawCmd()]),
        QuitMsg => (s with { Quit = true }, [new QuitCmd()]),
        RecommendationMsg r => (s.Overlay is RouteOverlay o && o.CallId == r.CallId
            ? s with { Overlay = o with { Recommendation = r.Recommendation, Error = r.Error, Index = 0 } }
            : s, None),
        ActionDoneMsg a => ActionDone(s, a),
        CallMsg c => (Decided(s, c), None),
        SummaryMsg m => (s with { Data = s.Data with { Summary = m.Summary } }, None),
        NoticeMsg n => (n.Error ? Error(s, n.Text) : Info(s, n.Text), None),
        StoreProblemMsg p => (Error(s with { StoreProblem = p.Text, StoreLost = s.StoreLost || p.Lost }, p.Text), None),
        KeyMsg k => Key(s, k.Key),
        _ => (s, None),
    };

    // ---- time, data, selection ------------------------------------------------------------------------------

    private static BoardState Tick(BoardState s, DateTimeOffset now)
    {
        s = s with { Now = now };
        if (s.Status is { } st && st.Until <= now) s = s with { Status = null };
        if (s.Marks.Count > 0 && s.Marks.Values.Any(u => u <= now))
            s = s with { Marks = s.Marks.Where(kv => kv.Value > now).ToDictionary(kv => kv.Key, kv => kv.Value) };
        return s;
    }

    private static (BoardState, IReadOnlyList<Cmd>) ApplyData(BoardState s, BoardData data)
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
        next2 = Reselect(next2, visible, wanted);
        next2 = ReselectOfficer(next2);
        var cmds = new List<Cmd>(2);
        if (next2.SelectedCallId is { } id) cmds.Add(new LoadDetailCmd(id));
        if (next2.AwaitingIntake is { } waiting) cmds.Add(new LoadCallCmd(waiting)); // intake may have decided it (R2)
        return (next2, cmds);
    }

    /// <summary>Keeps the selection on the same call id across a new list, and that row at the same screen line.</summary>
    private static BoardState Reselect(BoardState s, IReadOnlyList<Call> visible, long? wanted)
    {
        var rows = BoardLayout.For(s.Width, s.Height, s.Focus).CallRows;
        var index = -1;
        if (wanted is { } w)
            for (var i = 0; i < visible.Count; i++)
                if (visible[i].Id == w) { index = i; break; }
        if (index < 0) index = Math.Min(s.SelectedIndex, visible.Count - 1); // gone: its neighbour takes its place
        if (index < 0) index = 0;
        var screenLine = s.SelectedIndex - s.Scroll;
        var (idx, scroll) = Clamp(index, index - screenLine, visible.Count, rows);
        var id = idx < visible.Count ? visible[idx].Id : (long?)null;
        var detail = s.Detail is { } d && d.CallId == id ? d : null;
        return s with
        {
            Visible = visible, SelectedIndex = idx, Scroll = scroll, SelectedCallId = id, Detail = detail,
            DetailScroll = id == s.SelectedCallId ? s.DetailScroll : 0,
        };
    }

    private static BoardState ReselectOfficer(BoardState s)
    {
        var officers = s.Data.Officers;
        var index = -1;
        if (s.SelectedBadge is { } b)
            for (var i = 0; i < officers.Count; i++)
                if (string.Equals(officers[i].Badge, b, StringComparison.Ordinal)) { index = i; break; }
        if (index < 0) index = Math.Min(s.OfficerIndex, officers.Count - 1);
        var rows = BoardLayout.For(s.Width, s.Height, s.Focus).OfficerRows;
        var screenLine = s.OfficerIndex - s.OfficerScroll;
        var (idx, scroll) = Clamp(Math.Max(0, index), index - screenLine, officers.Count, rows);
        return s with { OfficerIndex = idx, OfficerScroll = scroll, SelectedBadge = idx < officers.Count ? officers[idx].Badge : null };
    }

    private static BoardState Reclamp(BoardState s)
    {
        var layout = BoardLayout.For(s.Width, s.Height, s.Focus);
        var (i, sc) = Clamp(s.SelectedIndex, s.Scroll, s.Visible.Count, layout.CallRows);
        var (oi, osc) = Clamp(s.OfficerIndex, s.OfficerScroll, s.Data.Officers.Count, layout.OfficerRows);
        return s with { SelectedIndex = i, Scroll = sc, OfficerIndex = oi, OfficerScroll = osc };
    }

    /// <summary>Clamps an index into [0, count) and scrolls the least needed to keep it among <paramref name="rows"/> rows.</summary>
    public static (int Index, int Scroll) Clamp(int index, int scroll, int count, int rows)
    {
        if (count <= 0) return (0, 0);
        rows = Math.Max(1, rows);
        index = Math.Clamp(index, 0, count - 1);
        if (index < scroll) scroll = index;
        if (index >= scroll + rows) scroll = index - rows + 1;
        scroll = Math.Clamp(scroll, 0, Math.Max(0, count - rows));
        return (index, scroll);
    }

    private static (BoardState, IReadOnlyList<Cmd>) MoveCalls(BoardState s, int index)
    {
        var rows = BoardLayout.For(s.Width, s.Height, s.Focus).CallRows;
        var (idx, scroll) = Clamp(index, s.Scroll, s.Visible.Count, rows);
        var id = idx < s.Visible.Count ? s.Visible[idx].Id : (long?)null;
        if (id == s.SelectedCallId) return (s with { SelectedIndex = idx, Scroll = scroll }, None);
        var next = s with { SelectedIndex = idx, Scroll = scroll, SelectedCallId = id, Detail = null, DetailScroll = 0 };
        return (next, id is { } i ? [new LoadDetailCmd(i)] : None);
    }

    private static BoardState MoveOfficers(BoardState s, int index)
    {
        var rows = BoardLayout.For(s.Width, s.Height, s.Focus).OfficerRows;
        var (idx, scroll) = Clamp(index, s.OfficerScroll, s.Data.Officers.Count, rows);
        return s with { OfficerIndex = idx, OfficerScroll = scroll, SelectedBadge = idx < s.Data.Officers.Count ? s.Data.Officers[idx].Badge : null };
    }

    private static BoardState WithFilter(BoardState s, string filter)
    {
        var next = s with { Filter = filter };
        return Reselect(next, CallFilter.Parse(filter).Apply(s.Data), s.SelectedCallId);
    }

    private static (BoardState, IReadOnlyList<Cmd>) ActionDone(BoardState s, ActionDoneMsg a)
    {
        s = s with { Busy = Math.Max(0, s.Busy - 1) };
        s = a.Ok ? Info(s, a.Message) : Error(s, a.Message);
        if (a.CreatedCallId is { } id) s = s with { PendingSelect = id, Filter = "" };
        // R2: a reclassified call is NEW again; follow it until intake has decided it (it may have already).
        if (a is { Ok: true, Action: ReclassifyAction r }) return (s with { AwaitingIntake = r.CallId }, [new LoadCallCmd(r.CallId)]);
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

    public static BoardState Info(BoardState s, string text) => s with { Status = new StatusLine(text, MessageKind.Info, s.Now + s.OnScreen(InfoFor)) };

    public static BoardState Error(BoardState s, string text) => s with { Status = new StatusLine(text, MessageKind.Error, s.Now + s.OnScreen(ErrorFor)) };

    /// <summary>R10: an action the board refuses itself: the sentence on the status line, and the refusal recorded as the command line records it.</summary>
    internal static (BoardState, IReadOnlyList<Cmd>) Refused(BoardState s, string message, long? callId) =>
        (Error(s, message), [new RecordRefusalCmd(callId, message)]);

    private static (BoardState, IReadOnlyList<Cmd>) Act(BoardState s, BoardAction action) =>
        s.StoreLost
            ? (Error(s with { Overlay = null }, $"Cannot {action.Describe()}: {s.StoreProblem}"), None) // nothing may go into a file nobody will read
            : (Info(s with { Busy = s.Busy + 1, Overlay = null }, $"Working: {action.Describe()}..."), [new ActCmd(action)]);

    // ---- keys -----------------------------------------------------------------------------------------------

    private static (BoardState, IReadOnlyList<Cmd>) Key(BoardState s, KeyPress key)
    {
        // Ctrl+C quits from anywhere; it asks first only when something typed would be lost (twice: quit anyway).
        if (key == KeyPress.CtrlOf('c'))
        {
            if (s.Overlay is ConfirmOverlay { Purpose: ConfirmPurpose.Quit }) return (s with { Quit = true }, [new QuitCmd()]);
            return RequestQuit(s);
        }

        // Suspending works from anywhere, like the terminal's own Ctrl+Z: a form or a half-typed filter waits for `fg`.
        if (Bindings.Find(key, [BindingContext.Board])?.Command == BoardCmd.Suspend) return (s, [new SuspendCmd()]);

        var contexts = Bindings.ContextsFor(s.Focus, s.Overlay, s.Input is not null);
        var binding = Bindings.Find(key, contexts);
        if (binding is not null && s.Role < binding.MinRole)
            return Refused(s, Bindings.Refusal(binding, s.Account, s.Role), null);

        return s.Overlay switch
        {
            HelpOverlay h => (HelpKey(s, h, binding), None),
            SummaryOverlay q => (binding?.Command == BoardCmd.Close ? s with { Overlay = null }
                : s with { Overlay = q with { Scroll = Math.Min(ScrollKey(q.Scroll, binding), SummaryScrollLimit(s)) } }, None),
            RouteOverlay r => RouteKey(s, r, key, binding),
            PickOverlay p => PickKey(s, p, key, binding),
            PromptOverlay p => PromptKey(s, p, key, binding),
            FormOverlay f => FormKey(s, f, key, binding),
            ConfirmOverlay c => ConfirmKey(s, c, binding),
            _ when s.Input is { } input => InputKey(s, input, key, binding),
            _ => BoardKey(s, binding),
        };
    }

    private static (BoardState, IReadOnlyList<Cmd>) RequestQuit(BoardState s)
    {
        var holds = s.Overlay?.HoldsInput == true || s.Input is { Kind: InputKind.Command, Field.IsEmpty: false };
        if (!holds) return (s with { Quit = true }, [new QuitCmd()]);
        return (s with { Overlay = new ConfirmOverlay(ConfirmPurpose.Quit, "Quit and throw away what you typed? (y/n)", s.Overlay) }, None);
    }

    private static (BoardState, IReadOnlyList<Cmd>) BoardKey(BoardState s, Binding? b)
    {
        if (b is null) return (s, None);
        var call = s.SelectedCall;
        switch (b.Command)
        {
            case BoardCmd.Quit: return RequestQuit(s);
            case BoardCmd.Help: return (s with { Overlay = new HelpOverlay() }, None);
            case BoardCmd.Summary: return (s with { Overlay = new SummaryOverlay() }, None);
            case BoardCmd.Filter: return (s with { Input = new InputLine(InputKind.Filter, TextField.Of(s.Filter)) }, None);
            case BoardCmd.CommandLine: return (s with { Input = new InputLine(InputKind.Command, new TextField()) }, None);
            case BoardCmd.NewCall: return (s with { Overlay = NewCallOverlay.Blank }, None);
            case BoardCmd.Redraw: return (s, [new FullRedrawCmd()]);
            case BoardCmd.Escape: return (WithFilter(s, "") with { Status = null, Focus = s.Focus == Focus.Detail ? Focus.Calls : s.Focus }, None);
            case BoardCmd.NextPanel: return (Reclamp(s with { Focus = (Focus)(((int)s.Focus + 1) % 3) }), None);
            case BoardCmd.PrevPanel: return (Reclamp(s with { Focus = (Focus)(((int)s.Focus + 2) % 3) }), None);
            case BoardCmd.Detail: return (s with { Focus = Focus.Detail, DetailScroll = 0 }, None);
            case BoardCmd.Up or BoardCmd.Down or BoardCmd.PageUp or BoardCmd.PageDown or BoardCmd.Top or BoardCmd.Bottom:
                return Move(s, b.Command);
            case BoardCmd.OfficerStatus:
                if (s.SelectedOfficer is not { } o) return (Error(s, "No officer is selected; move to one with the arrow keys first."), None);
                return (s with
                {
                    Overlay = new PickOverlay(PickPurpose.OfficerStatus, o.Badge, $"Officer {o.Badge} ({o.Status.Text()}): new status",
                        [new("AVAILABLE", "AVAILABLE  log on"), new("OFF_DUTY", "OFF_DUTY   log off"), new("BUSY", "BUSY       not dispatchable")]),
                }, None);
        }

        if (call is null) return (Error(s, "No call is selected; choose one with the arrow keys (or clear the filter with Esc)."), None);
        return b.Command switch
        {
            BoardCmd.Route => (s with { Overlay = new RouteOverlay(call.Id) }, [new RecommendCmd(call.Id)]),
            BoardCmd.Ack => Act(s, new MoveAction(call.Id, CallStatus.Acknowledged)),
            BoardCmd.EnRoute => Act(s, new MoveAction(call.Id, CallStatus.EnRoute)),
            BoardCmd.OnScene => Act(s, new MoveAction(call.Id, CallStatus.OnScene)),
            BoardCmd.Clear => (ClearPicker(s, call.Id), None),
            BoardCmd.Divert => (s with { Overlay = new PromptOverlay(PromptPurpose.Divert, call.Id, $"Divert call {call.Id} to the school administration (R2): reason", new TextField()) }, None),
            BoardCmd.Cancel => (s with { Overlay = new PromptOverlay(PromptPurpose.Cancel, call.Id, $"Cancel call {call.Id}: reason", new TextField()) }, None),
            BoardCmd.Reclassify => (s with { Overlay = ReclassifyOverlay.For(call.Id) }, None),
            _ => (s, None),
        };
    }

    private static BoardState ClearPicker(BoardState s, long callId) => s with
    {
        Overlay = new PickOverlay(PickPurpose.Disposition, callId.ToString(CultureInfo.InvariantCulture), $"Clear call {callId}: disposition (APCO)",
            s.Data.Dispositions.Select(d => new PickItem(d.Code, $"{d.Code}  {d.Name}")).ToList()),
    };

    private static (BoardState, IReadOnlyList<Cmd>) Move(BoardState s, BoardCmd cmd)
    {
        var layout = BoardLayout.For(s.Width, s.Height, s.Focus);
        switch (s.Focus)
        {
            case Focus.Officers:
                return (MoveOfficers(s, Target(cmd, s.OfficerIndex, layout.OfficerRows, s.Data.Officers.Count)), None);
            case Focus.Detail:
                var d = Target(cmd, s.DetailScroll, layout.DetailRows, int.MaxValue / 2);
                return (s with { DetailScroll = Math.Max(0, d) }, None);
            default:
                return MoveCalls(s, Target(cmd, s.SelectedIndex, layout.CallRows, s.Visible.Count));
        }
    }

    private static int Target(BoardCmd cmd, int index, int page, int count) => cmd switch
    {
        BoardCmd.Up => index - 1,
        BoardCmd.Down => index + 1,
        BoardCmd.PageUp => index - Math.Max(1, page - 1),
        BoardCmd.PageDown => index + Math.Max(1, page - 1),
        BoardCmd.Top => 0,
        BoardCmd.Bottom => count - 1,
        _ => index,
    };

    private static BoardState HelpKey(BoardState s, HelpOverlay h, Binding? b) =>
        b?.Command == BoardCmd.Close ? s with { Overlay = null } : s with { Overlay = h with { Scroll = ScrollKey(h.Scroll, b) } };

    /// <summary>
    /// How far the summary can scroll: its lines (at most 80 columns) wrap into at most two each at the board's
    /// minimum width, so the view (which clamps exactly) never needs more; Up after End then moves at once.
    /// </summary>
    private static int SummaryScrollLimit(BoardState s) =>
        s.Data.Summary is { } q ? Math.Max(0, 2 * Commands.StatusCommand.Text(q).TrimEnd('\n').Split('\n').Length - (s.Height - 4)) : 0;

    /// <summary>
    /// The scroll of a text overlay (help, summary) after a key. The view clamps it to the text's length, so End and
    /// Down past the end simply show the last lines.
    /// </summary>
    private static int ScrollKey(int scroll, Binding? b) => b?.Command switch
    {
        BoardCmd.Up => Math.Max(0, scroll - 1),
        BoardCmd.Down => scroll + 1,
        BoardCmd.PageUp => Math.Max(0, scroll - 10),
        BoardCmd.PageDown => scroll + 10,
        BoardCmd.Top => 0,
        BoardCmd.Bottom => int.MaxValue / 2,
        _ => scroll,
    };

    // ---- dialogs --------------------------------------------------------------------------------------------

    /// <summary>The rows of the route dialog one can choose: every candidate, then (for a supervisor) the R7-overridable exclusions.</summary>
    public static IReadOnlyList<(string Badge, bool Override)> RouteChoices(RouteOverlay r, OperatorRole role)
    {
        if (r.Recommendation is not { } rec) return [];
        var rows = rec.Candidates.Select(c => (c.Officer.Badge, false)).ToList();
        if (role >= OperatorRole.Supervisor) rows.AddRange(rec.Excluded.Where(x => x.Overridable).Select(x => (x.Badge, true)));
        return rows;
    }

    private static (BoardState, IReadOnlyList<Cmd>) RouteKey(BoardState s, RouteOverlay r, KeyPress key, Binding? b)
    {
        var choices = RouteChoices(r, s.Role);
        switch (b?.Command)
        {
            case BoardCmd.Close: return (s with { Overlay = null }, None);
            case BoardCmd.Up or BoardCmd.Down or BoardCmd.PageUp or BoardCmd.PageDown or BoardCmd.Top or BoardCmd.Bottom:
                var (i, _) = Clamp(Target(b.Command, r.Index, 10, choices.Count), 0, choices.Count, choices.Count);
                return (s with { Overlay = r with { Index = i } }, None);
            case BoardCmd.Choose: return ChooseRoute(s, r, choices, r.Index);
            case BoardCmd.ChooseNumber: return ChooseRoute(s, r, choices, key.Char - '1');
            default: return (s, None);
        }
    }

    private static (BoardState, IReadOnlyList<Cmd>) ChooseRoute(BoardState s, RouteOverlay r, IReadOnlyList<(string Badge, bool Override)> choices, int index)
    {
        if (r.Recommendation is not { } rec) return (Info(s, "Still ranking the candidates; a moment."), None);
        if (index < 0 || index >= choices.Count)
            return (Error(s, choices.Count == 0
                ? $"No officer is eligible for call {r.CallId}; see the reasons listed, or wait for the worker to escalate it (R5)."
                : $"Choose a row from 1 to {choices.Count}."), None);
        var (badge, isOverride) = choices[index];
        if (!isOverride)
        {
            var check = Overrides.CanAssign(rec, badge, s.Role, null);
            return check.Allowed ? Act(s, new AssignAction(r.CallId, badge, null)) : Refused(s, check.Message, r.CallId);
        }
        // R7 (or R6, an officer who timed out on this call): a supervisor may assign against the recommendation with a written reason.
        var rule = rec.Excluded.FirstOrDefault(x => string.Equals(x.Badge, badge, StringComparison.Ordinal))?.Kind == ExclusionKind.AckTimedOut ? "R6" : "R7";
        return (s with
        {
            Overlay = new PromptOverlay(PromptPurpose.Override, r.CallId, $"{rule} override: why assign {badge} to call {r.CallId} anyway?", new TextField(), badge),
        }, None);
    }

    private static (BoardState, IReadOnlyList<Cmd>) PickKey(BoardState s, PickOverlay p, KeyPress key, Binding? b)
    {
        switch (b?.Command)
        {
            case BoardCmd.Close: return (s with { Overlay = null }, None);
            case BoardCmd.Up or BoardCmd.Down or BoardCmd.PageUp or BoardCmd.PageDown or BoardCmd.Top or BoardCmd.Bottom:
                var (i, _) = Clamp(Target(b.Command, p.Index, 10, p.Items.Count), 0, p.Items.Count, p.Items.Count);
                return (s with { Overlay = p with { Index = i } }, None);
            case BoardCmd.Choose: return Pick(s, p, p.Index);
            case BoardCmd.ChooseNumber: return Pick(s, p, key.Char - '1');
            default: return (s, None);
        }
    }

    private static (BoardState, IReadOnlyList<Cmd>) Pick(BoardState s, PickOverlay p, int index)
    {
        if (index < 0 || index >= p.Items.Count) return (Error(s, $"Choose a row from 1 to {p.Items.Count}."), None);
        var code = p.Items[index].Code;
        return p.Purpose switch
        {
            PickPurpose.Disposition => Act(s, new ClearAction(long.Parse(p.Subject, CultureInfo.InvariantCulture), code)),
            _ => Act(s, new OfficerStatusAction(p.Subject, Codes.ParseOfficerStatus(code))),
        };
    }

    private static (BoardState, IReadOnlyList<Cmd>) PromptKey(BoardState s, PromptOverlay p, KeyPress key, Binding? b)
    {
        if (b?.Command == BoardCmd.Close) return (CloseOrConfirm(s, p), None);
        if (b?.Command == BoardCmd.Submit)
        {
            var reason = p.Field.Text.Trim();
            if (reason.Length == 0) return (Error(s, "Type a reason first: it goes into the event log (R10)."), None);
            return p.Purpose switch
            {
                PromptPurpose.Divert => Act(s, new DivertAction(p.CallId, reason)),
                PromptPurpose.Cancel => Act(s, new CancelAction(p.CallId, reason)),
                _ => Act(s, new AssignAction(p.CallId, p.Badge!, reason)),
            };
        }
        return p.Field.Edit(key) is { } f ? (s with { Overlay = p with { Field = f } }, None) : (s, None);
    }

    private static BoardState CloseOrConfirm(BoardState s, Overlay o) => o.HoldsInput
        ? s with { Overlay = new ConfirmOverlay(ConfirmPurpose.Discard, "Throw away what you typed? (y/n)", o) }
        : s with { Overlay = null };

    private static (BoardState, IReadOnlyList<Cmd>) ConfirmKey(BoardState s, ConfirmOverlay c, Binding? b) => b?.Command switch
    {
        BoardCmd.Yes when c.Purpose == ConfirmPurpose.Quit => (s with { Quit = true }, [new QuitCmd()]),
        BoardCmd.Yes => (s with { Overlay = null }, None),
        BoardCmd.No => (s with { Overlay = c.Back }, None),
        _ => (s, None),
    };

    // ---- forms: the new-call form and the reclassify form ---------------------------------------------------

    private const int MaxSuggestions = 6;

    /// <summary>Type-ahead suggestions for the focused field of a form: (value to fill in, label).</summary>
    public static IReadOnlyList<(string Value, string Label)> Suggestions(BoardData data, FormOverlay f)
    {
        var text = f.Value(f.FieldIndex).Text.Trim();
        return f switch
        {
            NewCallOverlay { Field: NewCallField.Location } when text.Length > 0 => data.Locations.Values
                .Select(l => (l, rank: l.Code.StartsWith(text, StringComparison.OrdinalIgnoreCase) ? 0
                    : l.Name.StartsWith(text, StringComparison.OrdinalIgnoreCase) ? 1
                    : l.Name.Contains(text, StringComparison.OrdinalIgnoreCase) ? 2 : 3))
                .Where(x => x.rank < 3)
                .OrderBy(x => x.rank).ThenBy(x => x.l.Code, StringComparer.Ordinal)
                .Take(MaxSuggestions).Select(x => (x.l.Code, $"{x.l.Code}  {x.l.Name}")).ToList(),
            NewCallOverlay { Field: NewCallField.Type } or ReclassifyOverlay { Field: ReclassifyField.Type } => TypeSuggestions(data, text),
            NewCallOverlay { Field: NewCallField.Basis } => new[] { Basis.Danger, Basis.Disruption, Basis.Emergency }
                .Select(b => b.Text()).Where(b => b.StartsWith(text, StringComparison.OrdinalIgnoreCase))
                .Select(b => (b, b)).ToList(),
            _ => [],
        };
    }

    /// <summary>The district's call types matching what was typed (R8: the board's data never holds a refused type, so ALIEN is never offered).</summary>
    private static List<(string Value, string Label)> TypeSuggestions(BoardData data, string text) => data.CallTypes
        .Select(t => (t, rank: text.Length == 0 ? 0 : t.Code.StartsWith(text, StringComparison.OrdinalIgnoreCase) ? 0
            : t.Name.Contains(text, StringComparison.OrdinalIgnoreCase) ? 1 : 2))
        .Where(x => x.rank < 2)
        .OrderBy(x => x.rank).ThenBy(x => x.t.Code, StringComparer.Ordinal)
        .Take(MaxSuggestions).Select(x => (x.t.Code, $"{x.t.Code,-10}  P{x.t.DefaultPriority}  {x.t.Name}")).ToList();

    private static (BoardState, IReadOnlyList<Cmd>) FormKey(BoardState s, FormOverlay f, KeyPress key, Binding? b)
    {
        var suggestions = Suggestions(s.Data, f);
        switch (b?.Command)
        {
            case BoardCmd.Close: return (CloseOrConfirm(s, f), None);
            case BoardCmd.Up: return (s with { Overlay = f with { Suggestion = Math.Max(0, f.Suggestion - 1) } }, None);
            case BoardCmd.Down: return (s with { Overlay = f with { Suggestion = Math.Min(Math.Max(0, suggestions.Count - 1), f.Suggestion + 1) } }, None);
            case BoardCmd.PrevField: return (s with { Overlay = f.WithFocus(Math.Max(0, f.FieldIndex - 1)) }, None);
            case BoardCmd.NextField or BoardCmd.Submit:
                var accepted = Accept(f, suggestions);
                if (b.Command == BoardCmd.Submit && f.OnLastField) return Submit(s, accepted);
                return (s with { Overlay = accepted.WithFocus(Math.Min(f.FieldCount - 1, f.FieldIndex + 1)) }, None);
        }
        return f.Value(f.FieldIndex).Edit(key) is { } edited ? (s with { Overlay = f.WithValue(f.FieldIndex, edited) }, None) : (s, None);
    }

    private static FormOverlay Accept(FormOverlay f, IReadOnlyList<(string Value, string Label)> suggestions)
    {
        if (suggestions.Count == 0) return f;
        var typed = f.Value(f.FieldIndex).Text.Trim();
        // An empty field stays empty unless a suggestion was picked with the arrows: an optional basis must not
        // become "danger", nor a forgotten type the first in the list.
        if (typed.Length == 0 && f.Suggestion == 0) return f;
        // An exact code typed stays (in its canonical case) unless another suggestion was highlighted with the arrows.
        var exact = suggestions.FirstOrDefault(x => string.Equals(x.Value, typed, StringComparison.OrdinalIgnoreCase)).Value;
        var value = f.Suggestion == 0 && exact is not null ? exact : suggestions[Math.Clamp(f.Suggestion, 0, suggestions.Count - 1)].Value;
        return f.WithValue(f.FieldIndex, TextField.Of(value));
    }

    private static (BoardState, IReadOnlyList<Cmd>) Submit(BoardState s, FormOverlay f) => f switch
    {
        NewCallOverlay n => SubmitNewCall(s, n),
        ReclassifyOverlay r => SubmitReclassify(s, r),
        _ => (s, None),
    };

    /// <summary>Refuses a form's field: the sentence on the message line, the field focused again, nothing done.</summary>
    private static (BoardState, IReadOnlyList<Cmd>) Refuse(BoardState s, FormOverlay f, int field, string message) =>
        (Error(s with { Overlay = f.WithFocus(field) }, message), None);

    internal static CallType? FindType(BoardData data, string code) =>
        data.CallTypes.FirstOrDefault(t => string.Equals(t.Code, code, StringComparison.OrdinalIgnoreCase));

    private static string NotAType(string typed) => $"'{typed}' is not a call type; type part of its code or name and pick a suggestion.";

    /// <summary>An optional priority: empty is the type's default (null); else 1 to 4, "P2" too. False with the sentence to show.</summary>
    private static bool TryPriority(string text, CallType type, out int? priority, out string error)
    {
        priority = null;
        error = "";
        if (text.Length == 0) return true;
        if (int.TryParse(text.TrimStart('P', 'p'), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 4)
        {
            priority = p;
            return true;
        }
        error = $"'{text}' is not a priority; type 1 to 4, or leave it empty for the type's default (P{type.DefaultPriority}).";
        return false;
    }

    private static (BoardState, IReadOnlyList<Cmd>) SubmitNewCall(BoardState s, NewCallOverlay f)
    {
        var location = f.Location.Text.Trim();
        var loc = s.Data.Locations.Keys.FirstOrDefault(k => string.Equals(k, location, StringComparison.OrdinalIgnoreCase));
        if (loc is null)
            return Refuse(s, f, (int)NewCallField.Location, $"'{location}' is not a district location; type part of its code or name and pick a suggestion.");
        var typeText = f.Type.Text.Trim();
        if (FindType(s.Data, typeText) is not { } type) return Refuse(s, f, (int)NewCallField.Type, NotAType(typeText));
        if (!TryPriority(f.Priority.Text.Trim(), type, out var priority, out var bad)) return Refuse(s, f, (int)NewCallField.Priority, bad);
        var basisText = f.Basis.Text.Trim();
        string? basis = null;
        if (basisText.Length > 0)
        {
            if (!Codes.TryParseBasis(basisText, out var bs))
                return Refuse(s, f, (int)NewCallField.Basis, $"'{basisText}' is not a basis; use {Codes.AllBases} (R3), or leave it empty.");
            basis = bs.Text();
        }
        return Act(s, new CreateAction(loc, type.Code, priority, basis, f.Description.Text.Trim()));
    }

    /// <summary>
    /// R2: the board checks only what the form can (a type from the list, a priority 1-4, a reason); the rules, the
    /// supervisor check (R10) and the race with other operators are <c>CallActions.Reclassify</c>'s.
    /// </summary>
    private static (BoardState, IReadOnlyList<Cmd>) SubmitReclassify(BoardState s, ReclassifyOverlay f)
    {
        var typeText = f.Type.Text.Trim();
        if (FindType(s.Data, typeText) is not { } type) return Refuse(s, f, (int)ReclassifyField.Type, NotAType(typeText));
        if (!TryPriority(f.Priority.Text.Trim(), type, out var priority, out var bad)) return Refuse(s, f, (int)ReclassifyField.Priority, bad);
        var reason = f.Reason.Text.Trim();
        if (reason.Length == 0)
            return Refuse(s, f, (int)ReclassifyField.Reason, "Type a reason: it is recorded with your name (R2, R10).");
        return Act(s, new ReclassifyAction(f.CallId, type.Code, priority, reason));
    }

    // ---- the status-bar input line (`/` filter, `:` command) -----------------------------------------------

    private static (BoardState, IReadOnlyList<Cmd>) InputKey(BoardState s, InputLine input, KeyPress key, Binding? b)
    {
        switch (b?.Command)
        {
            case BoardCmd.Close:
                return (input.Kind == InputKind.Filter ? WithFilter(s with { Input = null }, "") : s with { Input = null }, None);
            case BoardCmd.Submit:
                return input.Kind == InputKind.Filter
                    ? (s with { Input = null }, None)
                    : BoardCommandLine.Run(s with { Input = null }, input.Field.Text);
        }
        if (input.Field.Edit(key) is not { } f) return (s, None);
        var next = s with { Input = input with { Field = f } };
        return (input.Kind == InputKind.Filter && f.Text != s.Filter ? WithFilter(next, f.Text) : next, None);
    }

    /// <summary>Used by the command line: open the route dialog for a call.</summary>
    internal static (BoardState, IReadOnlyList<Cmd>) OpenRoute(BoardState s, long callId) =>
        (s with { Overlay = new RouteOverlay(callId) }, [new RecommendCmd(callId)]);

    internal static (BoardState, IReadOnlyList<Cmd>) ActFromCommandLine(BoardState s, BoardAction a) => Act(s, a);

    internal static BoardState SetFilter(BoardState s, string filter) => WithFilter(s, filter);

    internal static (BoardState, IReadOnlyList<Cmd>) GoTo(BoardState s, long callId)
    {
        var st = s;
        var index = IndexOf(st.Visible, callId);
        if (index < 0 && st.Filter.Length > 0)
        {
            st = WithFilter(st, "");
            index = IndexOf(st.Visible, callId);
        }
        if (index < 0) return (Error(s, $"Call {callId} is not open; `safety-console calls show {callId}` shows closed calls."), None);
        return MoveCalls(st with { Focus = Focus.Calls }, index);
    }

    internal static (BoardState, IReadOnlyList<Cmd>) Quit(BoardState s) => (s with { Quit = true }, [new QuitCmd()]);

    internal static (BoardState, IReadOnlyList<Cmd>) ClearWithPicker(BoardState s, long callId) => (ClearPicker(s, callId), None);

    private static int IndexOf(IReadOnlyList<Call> calls, long id)
    {
        for (var i = 0; i < calls.Count; i++)
            if (calls[i].Id == id) return i;
        return -1;
    }
}
