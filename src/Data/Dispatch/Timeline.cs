using System.Globalization;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Dispatch;

/// <summary>One line of an incident's timeline: when, how long after receipt, who, what.</summary>
public sealed record TimelineEntry(DateTimeOffset At, TimeSpan Elapsed, string Actor, string What, string Detail, bool IsNote = false);

/// <summary>
/// The after-action record of one incident (issue 15, `calls show ID --timeline`): from receipt to clear, every status
/// change, officer, rule decision, override, note and duplicate, in time order with the time elapsed since receipt.
/// A pure function of the call, its events and its notes; <paramref name="withText"/> false withholds the notes' text
/// (R9: an HTML copy for someone other than a supervisor).
/// </summary>
public static class Timeline
{
    public static IReadOnlyList<TimelineEntry> Build(Call call, IReadOnlyList<EventRow> events, IReadOnlyList<CallNote> notes, bool withText = true)
    {
        var entries = new List<(int Order, TimelineEntry Entry)>
        {
            (0, new TimelineEntry(call.ReceivedAt, TimeSpan.Zero, call.Source,
                "received", $"{call.Type} P{call.Priority} at {call.Location}" + (call.ReporterRole is { } r ? $", reported by {r}" : ""))),
        };
        var order = 1;
        foreach (var e in events)
        {
            // A viewer's read of the call is part of the audit (R9), not of the incident.
            if (string.Equals(e.Kind, "call.read", StringComparison.Ordinal)) continue;
            var move = e.FromStatus is null && e.ToStatus is null ? "" : $" {e.FromStatus ?? "-"} -> {e.ToStatus ?? "-"}";
            var officer = e.Badge is null ? "" : $" {e.Badge}";
            entries.Add((order++, new TimelineEntry(e.At, e.At - call.ReceivedAt, e.Actor, $"{e.Kind}{move}{officer}", e.Reason)));
        }
        foreach (var n in notes)
            entries.Add((order++, new TimelineEntry(n.At, n.At - call.ReceivedAt, n.Author, $"note {n.Id}",
                withText ? n.Text : "(note withheld: supervisors only, R9)", IsNote: true)));
        return entries.OrderBy(x => x.Entry.At).ThenBy(x => x.Order).Select(x => x.Entry).ToList();
    }

    /// <summary>"+0:00", "+1:30", "+1:02:03", "-0:05" (an entry made before the receipt it refers to).</summary>
    public static string Elapsed(TimeSpan t)
    {
        var sign = t < TimeSpan.Zero ? "-" : "+";
        var a = t.Duration();
        var h = (long)a.TotalHours;
        return h > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{sign}{h}:{a.Minutes:00}:{a.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{sign}{a.Minutes}:{a.Seconds:00}");
    }
}
