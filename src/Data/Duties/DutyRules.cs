namespace SafetyConsole.Data.Duties;

/// <summary>A scheduled duty (issue 15) as stored. Open while <see cref="DoneAt"/> is null. <see cref="Note"/> is free text (R9).</summary>
public sealed record Duty(
    long Id,
    string Type,
    string Location,
    DateOnly DueOn,
    string? Officer,
    string Note,
    string AddedBy,
    DateTimeOffset AddedAt,
    string? DoneBy = null,
    DateTimeOffset? DoneAt = null,
    string? Source = null)
{
    public bool IsOpen => DoneAt is null;
}

/// <summary>Duties of one school in a report (issue 15): counts only (R9).</summary>
public sealed record DutyCount(string Location, string Label, int Done, int Open, int Overdue)
{
    public int Total => Done + Open;
}

/// <summary>Where a duty stands on a district-local day.</summary>
public enum DutyState { Upcoming, DueToday, Overdue, Done }

/// <summary>
/// The rules of scheduled duties (issue 15), pure over records and a day: a duty has a due date, not an R5 deadline;
/// it is due today, overdue (open after its day) or upcoming, never escalated and never an R5 figure.
/// </summary>
public static class DutyRules
{
    public static DutyState StateOf(Duty d, DateOnly today) =>
        !d.IsOpen ? DutyState.Done
        : d.DueOn == today ? DutyState.DueToday
        : d.DueOn < today ? DutyState.Overdue
        : DutyState.Upcoming;

    /// <summary>"due today" and "overdue" among <paramref name="duties"/> on <paramref name="today"/> (`status`, the board's header).</summary>
    public static (int DueToday, int Overdue) Counts(IEnumerable<Duty> duties, DateOnly today)
    {
        int due = 0, overdue = 0;
        foreach (var d in duties)
        {
            switch (StateOf(d, today))
            {
                case DutyState.DueToday: due++; break;
                case DutyState.Overdue: overdue++; break;
            }
        }
        return (due, overdue);
    }

    /// <summary>"duties due today 2, overdue 1": the line of `status` and the board's header.</summary>
    public static string Summary((int DueToday, int Overdue) counts) => $"duties due today {counts.DueToday}, overdue {counts.Overdue}";

    /// <summary>The word of a state in lists and JSON: upcoming, due-today, overdue, done.</summary>
    public static string Text(this DutyState s) => s switch
    {
        DutyState.DueToday => "due-today",
        DutyState.Overdue => "overdue",
        DutyState.Done => "done",
        _ => "upcoming",
    };

    /// <summary>Per school (location), how many duties were done and how many are open, for `report` (aggregates only: R9).</summary>
    public static IReadOnlyList<DutyCount> PerLocation(IEnumerable<Duty> duties, DateOnly today, Func<string, string> label) =>
        duties.GroupBy(d => d.Location, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DutyCount(g.Key, label(g.Key), g.Count(d => !d.IsOpen), g.Count(d => d.IsOpen), g.Count(d => StateOf(d, today) == DutyState.Overdue)))
            .ToList();
}
