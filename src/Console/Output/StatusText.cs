using Humanizer;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Status;

namespace SafetyConsole.Cli.Output;

/// <summary>
/// The queue summary as text: what `status` prints and the board's summary overlay shows (one wording for both; in
/// Output so the board does not reach into a command, issue 18's layering).
/// </summary>
public static class StatusText
{
    /// <summary>Plain lines, at most 80 columns and about 14 rows, so a phone at 80x24 sees it whole.</summary>
    public static string Of(QueueSummary s, int? complaintsOverdue = null)
    {
        var local = TimeZoneInfo.ConvertTime(s.At, s.Zone);
        var lines = new List<string>
        {
            Fit($"{s.District} — {local:ddd yyyy-MM-dd HH:mm}"),
            Fit($"Day: {s.DayState}"),
            "",
            $"Open calls: {s.OpenTotal}   " + string.Join("  ", s.OpenByPriority.OrderBy(kv => kv.Key).Select(kv => $"P{kv.Key} {kv.Value}")),
            Fit("  " + string.Join("  ", s.OpenByStatus.Where(kv => kv.Value > 0).Select(kv => $"{kv.Key.Text()} {kv.Value}"))),
            s.OldestWaiting is { } w
                ? Fit($"Oldest waiting: call {w.Id} {w.Type} P{w.Priority} at {w.Location}, {w.Status.Text()} for {Age(w.Age)}")
                : "Oldest waiting: none",
            $"Escalations waiting for a supervisor: {s.Escalations.Count}",
        };
        lines.AddRange(s.Escalations.Take(3).Select(e => Fit($"  call {e.Id} {e.Type} P{e.Priority} at {e.Location}, {Age(e.Age)} old")));
        if (s.Escalations.Count > 3) lines.Add($"  … and {s.Escalations.Count - 3} more (`calls list --open`)");
        lines.Add(Fit("Officers: " + string.Join("  ", s.OfficersByStatus.Where(kv => kv.Value > 0).Select(kv => $"{kv.Key.Text()} {kv.Value}"))
            + (s.AssistsOnOpenCalls > 0 ? $"  (assisting {s.AssistsOnOpenCalls})" : "")));
        lines.Add($"First-response deadlines today (R5): {s.DeadlinesMetToday} met, {s.DeadlinesMissedToday} missed");
        lines.Add($"Scheduled {Data.Duties.DutyRules.Summary((s.DutiesDueToday, s.DutiesOverdue))} (`duty list`)");
        if (complaintsOverdue is > 0) lines.Add($"Family complaints past the response time: {complaintsOverdue} (`complaint list`)");
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>An age in words to the second, e.g. "4 minutes, 10 seconds" (Humanizer).</summary>
    private static string Age(TimeSpan age) => age.Humanize(2, minUnit: Humanizer.Localisation.TimeUnit.Second);

    private static string Fit(string line) => line.Length <= 80 ? line : line[..79] + "…";
}
