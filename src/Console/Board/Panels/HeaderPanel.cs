using System.Globalization;
using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using Spectre.Console;
using static SafetyConsole.Cli.Board.BoardStyles;

namespace SafetyConsole.Cli.Board;

/// <summary>The two header lines: district, clock, school-day state, who is signed in; then open calls, available officers, R5 deadlines missed today and duties due (or why the store cannot be used).</summary>
public static class HeaderPanel
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Draw(Screen c, BoardState s, Rect r)
    {
        var d = s.Data;
        var local = TimeZoneInfo.ConvertTime(s.Now, d.Zone);
        var wide = r.W >= BoardLayout.WideFrom;
        var name = d.DistrictName.Length > 0 ? d.DistrictName : "SafetyConsole";
        var viewer = s.Role == OperatorRole.Viewer;
        // The role is known once the first data has loaded: until then say so, never "viewer" to a dispatcher.
        var who = !s.Loaded ? $" {(wide ? s.Account + ": " : "")}loading{c.Theme.Ellipsis} "
            : viewer ? (wide ? $" {s.Account}: viewer, read-only (R10) " : " viewer: read-only ") : wide ? $" {s.Account} ({s.Role.Text()}) " : "";
        var end = r.X + r.W - who.Length;
        var x = c.Put(r.X, r.Y, " " + name, Accent, end);
        x = c.Put(x, r.Y, $" {c.Theme.Dot} ", Dim, end);
        var time = wide ? local.ToString("ddd yyyy-MM-dd HH:mm:ss", Inv) + " " + ZoneAbbreviation(local) : local.ToString("ddd MM-dd HH:mm:ss", Inv);
        x = c.Put(x, r.Y, time, Bold, end);
        x = c.Put(x, r.Y, $" {c.Theme.Dot} ", Dim, end);
        c.Put(x, r.Y, ViewKit.Fit(d.Summary?.DayState ?? "loading…", end - x, c.Theme), Plain, end);
        c.Put(end, r.Y, who, viewer && s.Loaded ? KeyStyle : Dim);

        // Line 2: open calls by priority, available officers by class, R5 deadlines missed today; or, while the store
        // cannot be used, why: a screen that may be stale says so.
        var y = r.Y + 1;
        if (s.StoreProblem is { } problem)
        {
            var head = s.StoreLost ? " DATABASE GONE, changes refused; quit and start again: " : " CANNOT READ THE DATABASE, screen may be stale: ";
            c.Put(c.Put(r.X, y, head, Alarm, r.X + r.W), y, ViewKit.Fit(problem, Math.Max(0, r.W - head.Length), c.Theme), Alarm, r.X + r.W);
            return;
        }
        var avail = new[] { CallClass.Liaison, CallClass.Campus }
            .Select(cls => (cls, n: d.Officers.Count(o => o.Status == OfficerStatus.Available && Codes.ClassOf(o.Role) == cls))).ToList();
        var byPriority = new int[5];
        foreach (var call in d.Calls) if (call.Priority is >= 1 and <= 4) byPriority[call.Priority]++;
        var missed = MissedToday(d, s.Now);
        var spans = new List<(string Text, Style Style)> { ($" Open {d.Calls.Count}:", Bold) };
        for (var p = 1; p <= 4; p++)
        {
            spans.Add(($" P{p} ", Plain));
            spans.Add((byPriority[p].ToString(Inv), byPriority[p] > 0 && p == 1 ? Alarm : byPriority[p] > 0 && p == 2 ? Warn : Plain));
        }
        spans.Add(($" {c.Theme.Dot} ", Dim));
        spans.Add(("Available:", Bold));
        foreach (var (cls, n) in avail)
        {
            spans.Add(($" {cls.Text()} ", Plain));
            spans.Add((n.ToString(Inv), n == 0 ? Alarm : Good));
        }
        spans.Add(($" {c.Theme.Dot} ", Dim));
        spans.Add(("Missed today: ", Bold));
        spans.Add((missed.ToString(Inv), missed > 0 ? Alarm : Plain));
        // Issue 15: scheduled duties beside the calls, never among them (no R5 deadline).
        var (due, overdue) = (d.Summary?.DutiesDueToday ?? 0, d.Summary?.DutiesOverdue ?? 0);
        spans.Add(($" {c.Theme.Dot} ", Dim));
        spans.Add(("duties due today ", Bold));
        spans.Add((due.ToString(Inv), Plain));
        spans.Add((", overdue ", Bold));
        spans.Add((overdue.ToString(Inv), overdue > 0 ? Warn : Plain));
        if (spans.Sum(sp => sp.Text.Length) > r.W)
            spans = spans.Select(sp => (sp.Text.Replace("Available:", "Avail").Replace("Missed today: ", "Missed ").Replace(" LIAISON ", " LIA ").Replace(" CAMPUS ", " CAM ")
                .Replace("duties due today ", "duties ").Replace(", overdue ", ", late "), sp.Style)).ToList();
        x = r.X;
        foreach (var (text, style) in spans) x = c.Put(x, y, text, style, r.X + r.W);
    }

    /// <summary>
    /// R5, live: the summary's count of deadlines missed today, plus open calls still unassigned whose deadline has
    /// passed since the summary was taken (so the header does not wait for the next summary to count them).
    /// </summary>
    public static int MissedToday(BoardData d, DateTimeOffset now)
    {
        if (d.Summary is not { } q) return 0;
        var n = q.DeadlinesMissedToday;
        var local = TimeZoneInfo.ConvertTime(q.At, q.Zone);
        var midnight = new DateTimeOffset(local.Date, q.Zone.GetUtcOffset(local.Date));
        foreach (var c in d.Calls)
        {
            if (c.Status is not (CallStatus.New or CallStatus.Pending) || c.Deadline is not { } dl || dl <= q.At || c.ReceivedAt < midnight) continue;
            if (FirstResponse.Outcome(dl, null, false, now) == DeadlineOutcome.Missed) n++;
        }
        return n;
    }

    private static string ZoneAbbreviation(DateTimeOffset local)
    {
        var o = local.Offset;
        return o == TimeSpan.Zero ? "UTC" : (o < TimeSpan.Zero ? "-" : "+") + o.ToString(@"hh\:mm", Inv);
    }
}
