using Humanizer;
using Humanizer.Localisation;
using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Routing;
using Spectre.Console;
using Spectre.Console.Rendering;
using static SafetyConsole.Cli.Board.BoardStyles;

namespace SafetyConsole.Cli.Board;

/// <summary>The route dialog: ranked candidates with ETA, then the excluded with reasons (R7 ones overridable by a supervisor).</summary>
public sealed record RouteOverlay(long CallId, Recommendation? Recommendation = null, int Index = 0, string? Error = null) : Overlay
{
    private static readonly System.Globalization.CultureInfo En = System.Globalization.CultureInfo.GetCultureInfo("en-US");

    public override IReadOnlyList<BindingContext> Contexts => [BindingContext.Route, BindingContext.Dialog, BindingContext.Lists];

    /// <summary>Opens the dialog for a call and asks the action thread for its recommendation.</summary>
    public static (BoardState, IReadOnlyList<Effect>) Open(BoardState s, long callId) =>
        (s with { Overlay = new RouteOverlay(callId) }, [new RecommendEffect(callId)]);

    /// <summary>The recommendation arrived (or the sentence saying why there is none).</summary>
    public static BoardState Ranked(BoardState s, RecommendationMsg r) => s.Overlay is RouteOverlay o && o.CallId == r.CallId
        ? s with { Overlay = o with { Recommendation = r.Recommendation, Error = r.Error, Index = 0 } }
        : s;

    /// <summary>The rows one can choose: every candidate, then (for a supervisor) the R7-overridable exclusions.</summary>
    public IReadOnlyList<(string Badge, bool Override)> Choices(OperatorRole role)
    {
        if (Recommendation is not { } rec) return [];
        var rows = rec.Candidates.Select(c => (c.Officer.Badge, false)).ToList();
        if (role >= OperatorRole.Supervisor) rows.AddRange(rec.Excluded.Where(x => x.Overridable).Select(x => (x.Badge, true)));
        return rows;
    }

    /// <summary>
    /// Issue 15: on a call that holds its first responder, the other AVAILABLE officers on no call, after the
    /// recommendation's rows: R1 does not apply to an assist (a CSO of another school, the sergeant may assist), so
    /// they may be added with `+` (or Enter) though they are no first responders. Officers posted at the call's location first.
    /// </summary>
    public IReadOnlyList<string> AssistOnly(BoardData d, OperatorRole role)
    {
        if (Recommendation is null || !d.CallById.TryGetValue(CallId, out var call) || !Transitions.HoldsOfficer(call.Status) || call.AssignedTo is null) return [];
        var listed = Choices(role).Select(c => c.Badge).ToHashSet(StringComparer.Ordinal);
        return d.Officers
            .Where(o => o.Status == OfficerStatus.Available && !d.OpenCallByBadge.ContainsKey(o.Badge) && !listed.Contains(o.Badge))
            .OrderBy(o => string.Equals(o.Post, call.Location, StringComparison.Ordinal) ? 0 : 1).ThenBy(o => o.Badge, StringComparer.Ordinal)
            .Select(o => o.Badge).ToList();
    }

    public override (BoardState State, IReadOnlyList<Effect> Effects) Key(BoardState s, KeyPress key, Binding? b)
    {
        var choices = Choices(s.Role);
        var count = choices.Count + AssistOnly(s.Data, s.Role).Count;
        switch (b?.Command)
        {
            case BoardCmd.Close: return (s with { Overlay = null }, []);
            case BoardCmd.Up or BoardCmd.Down or BoardCmd.PageUp or BoardCmd.PageDown or BoardCmd.Top or BoardCmd.Bottom:
                var (i, _) = Selection.Clamp(Selection.Target(b.Command, Index, 10, count), 0, count, count);
                return (s with { Overlay = this with { Index = i } }, []);
            case BoardCmd.Choose: return Choose(s, choices, Index);
            case BoardCmd.ChooseNumber: return Choose(s, choices, key.Char - '1');
            case BoardCmd.Assist: return Assist(s, choices);
            default: return (s, []);
        }
    }

    private (BoardState, IReadOnlyList<Effect>) Choose(BoardState s, IReadOnlyList<(string Badge, bool Override)> choices, int index)
    {
        if (Recommendation is not { } rec) return (BoardUpdate.Info(s, "Still ranking the candidates; a moment."), []);
        var assistOnly = AssistOnly(s.Data, s.Role);
        if (index >= choices.Count && index < choices.Count + assistOnly.Count) return BoardUpdate.Act(s, new AssistAction(CallId, assistOnly[index - choices.Count]));
        if (index < 0 || index >= choices.Count)
            return (BoardUpdate.Error(s, choices.Count == 0
                ? $"No officer is eligible for call {CallId}; see the reasons listed, or wait for the worker to escalate it (R5)."
                : $"Choose a row from 1 to {choices.Count}."), []);
        var (badge, isOverride) = choices[index];
        if (!isOverride)
        {
            var check = Overrides.CanAssign(rec, badge, s.Role, null);
            return check.Allowed ? BoardUpdate.Act(s, new AssignAction(CallId, badge, null)) : BoardUpdate.Refused(s, check.Message, CallId);
        }
        // R7 (or R6, an officer who timed out on this call): a supervisor may assign against the recommendation with a written reason.
        var rule = rec.Excluded.FirstOrDefault(x => string.Equals(x.Badge, badge, StringComparison.Ordinal))?.Kind == ExclusionKind.AckTimedOut ? "R6" : "R7";
        return (s with { Overlay = PromptOverlay.Override(CallId, badge, rule) }, []);
    }

    /// <summary>
    /// Issue 15: `+` adds the highlighted officer as an assist. R1: an assist is never the first response, so the call
    /// must already hold its first responder; the store checks the rest (the officer AVAILABLE, on no other call).
    /// </summary>
    private (BoardState, IReadOnlyList<Effect>) Assist(BoardState s, IReadOnlyList<(string Badge, bool Override)> choices)
    {
        if (Recommendation is null) return (BoardUpdate.Info(s, "Still ranking the candidates; a moment."), []);
        if (!s.Data.CallById.TryGetValue(CallId, out var call) || !Transitions.HoldsOfficer(call.Status) || call.AssignedTo is null)
            return BoardUpdate.Refused(s, $"Call {CallId} has no first responder yet; choose one with Enter first (R1: an assist is never the first response).", CallId);
        var rows = choices.Select(c => c.Badge).Concat(AssistOnly(s.Data, s.Role)).ToList();
        if (Index < 0 || Index >= rows.Count)
            return (BoardUpdate.Error(s, "No officer is available to assist; set one AVAILABLE first."), []);
        return BoardUpdate.Act(s, new AssistAction(CallId, rows[Index]));
    }

    public override void Draw(Screen c, BoardState s)
    {
        s.Data.CallById.TryGetValue(CallId, out var call);
        var items = new List<IRenderable>();
        if (call is not null)
            items.Add(new Text($"{call.Type} P{call.Priority} at {s.Data.LocationName(call.Location)} ({call.Location}), {call.Status.Text()}"));
        if (call is not null && ViewKit.OfficersText(s.Data, call.Id) is { } on) items.Add(new Text($"On the call: {on}"));
        var listStart = -1;
        if (Error is { } err) items.Add(new Text(err, Alarm));
        else if (Recommendation is not { } rec) items.Add(new Text("Ranking the candidates...", Dim));
        else if (Data.Dispatch.Recommendations.NotForOfficers(rec) is { } r2) items.Add(new Text(r2, Warn));
        else
        {
            var choices = Choices(s.Role);
            items.Add(new Text($"{rec.Class.Text()} candidates, nearest first (§3):", Bold));
            listStart = items.Count;
            var n = 0;
            foreach (var cand in rec.Candidates)
            {
                n++;
                items.Add(ViewKit.ChoiceLine(c, n, n - 1 == Index, $"{cand.Officer.Badge,-8} {cand.Officer.Role.Text(),-3} {ViewKit.Fit(cand.Officer.Name, 18, c.Theme),-18} {Distance(cand.DistanceMeters),8} {Eta(cand.EtaSeconds),9}{(cand.PostedAtLocation ? "  posted here" : "")}", Plain));
            }
            if (rec.Candidates.Count == 0) items.Add(new Text("  No eligible officer (R5: the worker escalates at the deadline).", Warn));
            if (rec.Excluded.Count > 0)
            {
                items.Add(new Text("Not recommended:", Bold));
                foreach (var x in rec.Excluded)
                {
                    if (x.Overridable && s.Role >= OperatorRole.Supervisor)
                    {
                        n++;
                        items.Add(ViewKit.ChoiceLine(c, n, n - 1 == Index, $"{x.Badge,-8} override: {x.Reason}", Warn));
                    }
                    else
                    {
                        items.Add(new Text($"     {x.Badge,-8} {x.Reason}", Dim));
                    }
                }
            }
            var assistOnly = AssistOnly(s.Data, s.Role);
            if (assistOnly.Count > 0)
            {
                items.Add(new Text("Available to assist (R1 does not apply to an assist):", Bold));
                foreach (var badge in assistOnly)
                {
                    n++;
                    var o = s.Data.Officers.First(x => string.Equals(x.Badge, badge, StringComparison.Ordinal));
                    items.Add(ViewKit.ChoiceLine(c, n, n - 1 == Index, $"{o.Badge,-8} {o.Role.Text(),-3} {ViewKit.Fit(o.Name, 18, c.Theme),-18} posted at {o.Post}", Plain));
                }
            }
            if (choices.Count + assistOnly.Count > 0)
            {
                var total = choices.Count + assistOnly.Count;
                var numbers = total == 1 ? "Choose 1" : $"Choose 1-{Math.Min(9, total)}";
                var assist = call is not null && Transitions.HoldsOfficer(call.Status) && s.Role >= OperatorRole.Dispatcher ? "; + adds the highlighted one as an assist" : "";
                items.Add(new Text($"{numbers} or {(c.Theme.Unicode ? "↑↓" : "Up/Down")} and Enter{assist}; Esc closes.", Dim));
            }
        }
        var width = Math.Min(s.Width - 2, 100);
        var lines = c.RenderLines(new Rows(items), width - 4);
        var r = ViewKit.Centered(s, width, lines.Count + 2);
        // Keep the highlighted row in view when the list is longer than the screen.
        var scroll = 0;
        if (listStart >= 0 && lines.Count > r.H - 2) scroll = Math.Max(0, listStart + Index - (r.H - 2) / 2);
        ViewKit.Box(c, r, $"Route call {CallId}", lines, scroll);
    }

    private static string Distance(double? m) => m is { } v ? (v >= 1000 ? $"{v / 1000:0.0} km" : $"{v:0} m") : "?";

    private static string Eta(double? seconds) => seconds switch
    {
        null => "ETA ?",
        < 60 => "ETA <1 min",
        { } v => "ETA " + TimeSpan.FromSeconds(v).Humanize(1, En, minUnit: TimeUnit.Minute),
    };
}
