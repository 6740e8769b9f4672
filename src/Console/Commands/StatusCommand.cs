using System.CommandLine;
using Humanizer;
using SafetyConsole.Cli.Output;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Status;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Commands;

/// <summary>
/// `status [--json] [--watch]`: the supervisors' queue summary, readable at 80x24 on a phone's SSH client.
/// --watch redraws in place every second until Ctrl+C.
/// </summary>
public static class StatusCommand
{
    public static Command Build(CliContext ctx)
    {
        var json = CliOptions.Json();
        var watch = new Option<bool>("--watch") { Description = "Redraw every second until Ctrl+C." };
        var at = CliOptions.At();
        var cmd = new Command("status", "The queue at a glance: open calls, the oldest waiting, escalations, officers, deadlines today.") { json, watch, at };
        cmd.SetAction(CliApp.Guard(ctx, parse =>
        {
            using var db = ctx.OpenDb(parse);
            if (!parse.GetValue(watch))
            {
                var when = parse.AtOrNow(at, ctx);
                var s = QueueSummaries.Load(db, when);
                var overdue = Data.Accountability.ComplaintRules.OverdueForSupervisor(db, ctx.Account, when);
                if (parse.GetValue(json)) JsonOut.Write(ctx.Out, ToJson(s, overdue));
                else ctx.Out.Write(StatusText.Of(s, overdue));
                return 0;
            }
            return Watch(ctx, db, parse.GetValue(json));
        }));
        return cmd;
    }

    /// <param name="complaintsOverdue">Family complaints past the district's response time (issue 16): supervisors only, else null.</param>
    public static JsonOut.StatusJson ToJson(QueueSummary s, int? complaintsOverdue = null)
    {
        var waiting = s.OldestWaiting is { } w ? Waiting(w, s.Zone) : null;
        return new JsonOut.StatusJson(TimeText.ToIso(s.At, s.Zone), s.District, s.DayState,
            s.OpenByStatus.ToDictionary(kv => kv.Key.Text(), kv => kv.Value), s.OpenByPriority.ToDictionary(kv => $"P{kv.Key}", kv => kv.Value), s.OpenTotal,
            waiting, waiting?.AgeSeconds,
            s.OfficersByStatus.ToDictionary(kv => kv.Key.Text(), kv => kv.Value),
            s.DeadlinesMetToday, s.DeadlinesMissedToday, s.Escalations.Count, s.Escalations.Select(e => Waiting(e, s.Zone)).ToList(), complaintsOverdue,
            s.DutiesDueToday, s.DutiesOverdue, s.AssistsOnOpenCalls);
    }

    private static int Watch(CliContext ctx, SafetyDb db, bool json)
    {
        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
        System.Console.CancelKeyPress += onCancel;
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), ctx.Time);
            do
            {
                var s = QueueSummaries.Load(db, ctx.Now);
                var overdue = Data.Accountability.ComplaintRules.OverdueForSupervisor(db, ctx.Account, ctx.Now);
                // Home, draw, clear to the end of the screen: redraw in place without flicker.
                var body = json ? System.Text.Json.JsonSerializer.Serialize(ToJson(s, overdue), JsonOut.Options) + "\n" : StatusText.Of(s, overdue);
                ctx.Out.Write("\u001b[H" + body.Replace("\n", "\u001b[K\n") + "\u001b[J");
                ctx.Out.Flush();
            }
            while (WaitTick(timer, stop.Token));
        }
        finally
        {
            System.Console.CancelKeyPress -= onCancel;
        }
        return 0;
    }

    private static bool WaitTick(PeriodicTimer timer, CancellationToken token)
    {
        try { return timer.WaitForNextTickAsync(token).AsTask().GetAwaiter().GetResult(); }
        catch (OperationCanceledException) { return false; }
    }

    private static JsonOut.WaitingJson Waiting(WaitingCall w, TimeZoneInfo zone) =>
        new(w.Id, w.Type, w.Priority, w.Location, w.Status.Text(), TimeText.ToIso(w.ReceivedAt, zone), (int)w.Age.TotalSeconds);
}
