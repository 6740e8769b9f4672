using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Status;

/// <summary>The supervisors' queue at a glance (`status`, the board's supervisor view).</summary>
public sealed record QueueSummary(
    DateTimeOffset At,
    string District,
    TimeZoneInfo Zone,
    SchoolDay? Day,
    string DayState,
    IReadOnlyDictionary<CallStatus, int> OpenByStatus,
    IReadOnlyDictionary<int, int> OpenByPriority,
    WaitingCall? OldestWaiting,
    IReadOnlyList<WaitingCall> Escalations,
    IReadOnlyDictionary<OfficerStatus, int> OfficersByStatus,
    int DeadlinesMetToday,
    int DeadlinesMissedToday,
    int DutiesDueToday = 0,
    int DutiesOverdue = 0,
    int AssistsOnOpenCalls = 0)
{
    public int OpenTotal => OpenByStatus.Values.Sum();
}

/// <summary>A call waiting for a responder or a supervisor.</summary>
public sealed record WaitingCall(long Id, string Type, int Priority, string Location, CallStatus Status, DateTimeOffset ReceivedAt, TimeSpan Age);

/// <summary>
/// Computes the <see cref="QueueSummary"/> with a handful of aggregate queries (indexes on status and
/// received_at), so it stays fast on a database of 100,000 calls.
/// </summary>
public static class QueueSummaries
{
    public static QueueSummary Load(SafetyDb db, DateTimeOffset at)
    {
        var c = db.Connection;
        var snap = SnapshotLoader.LoadCalendar(db);
        var zone = snap?.TimeZone ?? TimeZoneInfo.Utc;

        var byStatus = Enum.GetValues<CallStatus>().Where(Transitions.IsOpen).ToDictionary(s => s, _ => 0);
        var byPriority = Enumerable.Range(1, 4).ToDictionary(p => p, _ => 0);
        // Plain reads (SqlRead), not Dapper: `status` must start fast.
        SqlRead.Each(c, $"SELECT status, priority, count(*) FROM calls WHERE status IN ({StatusSql.Open}) GROUP BY status, priority", r =>
        {
            var n = r.GetInt32(2);
            byStatus[Codes.ParseCallStatus(r.GetString(0))] += n;
            byPriority[r.GetInt32(1)] += n;
        });

        const string WaitingColumns = "SELECT id, type, priority, location, status, received_at FROM calls";
        var waiting = SqlRead.Rows(c, $"{WaitingColumns} WHERE status IN ('NEW','PENDING','ESCALATED') ORDER BY received_at, id LIMIT 1", r => Waiting(r, at))
            .FirstOrDefault();
        var escalations = SqlRead.Rows(c, $"{WaitingColumns} WHERE status = 'ESCALATED' ORDER BY received_at, id", r => Waiting(r, at));

        var officers = Enum.GetValues<OfficerStatus>().ToDictionary(s => s, _ => 0);
        SqlRead.Each(c, "SELECT status, count(*) FROM officers GROUP BY status", r => officers[Codes.ParseOfficerStatus(r.GetString(0))] = r.GetInt32(1));

        // R5 figures for the district's today, as of now (a deadline passed unassigned is missed even before the worker escalates it).
        var today = TimeText.LocalDate(at, zone);
        var figures = FirstResponseFigures.ForDay(db, zone, today, at);
        // Issue 15: scheduled duties are counted beside the calls, never among them (no R5 figure).
        var duties = Duties.DutyRules.Counts(Duties.DutyStore.Open(db, today), today);

        var day = snap is null ? null : SchoolCalendar.DayOf(snap, today);
        return new QueueSummary(at, snap?.District.Name ?? "(no district imported)", zone, day, DayState(snap, day, at),
            byStatus, byPriority, waiting, escalations, officers, figures.DeadlinesMet, figures.DeadlinesMissed,
            duties.DueToday, duties.Overdue, (int)Assignments.AssistsOnOpenCalls(db));
    }

    /// <summary>"in session", "before the bell", "after school", or why it is not a school day.</summary>
    private static string DayState(DistrictSnapshot? snap, SchoolDay? day, DateTimeOffset at)
    {
        if (snap is null || day is null) return "no district data";
        if (!day.IsSchoolDay) return day.Describe(snap.District);
        var windows = snap.Locations.Values.Select(l => SchoolCalendar.WindowFor(snap, l, day.Date)).OfType<SchoolWindow>().ToList();
        if (windows.Count == 0) return day.Describe(snap.District);
        var first = windows.Min(w => w.Start);
        var last = windows.Max(w => w.End);
        var kind = day.Kind == SchoolDayKind.EarlyRelease ? "early-release day" : "school day";
        return at < first ? $"{kind}, before the bell (windows open {SchoolCalendar.Hm(TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(first, snap.TimeZone).DateTime))})"
            : at >= last ? $"{kind}, after school (R4: outside every school-day window)"
            : $"{kind}, in session";
    }

    /// <summary>A row of id, type, priority, location, status, received_at.</summary>
    private static WaitingCall Waiting(System.Data.Common.DbDataReader r, DateTimeOffset at)
    {
        var received = TimeText.FromDb(r.GetString(5));
        var age = at - received;
        return new WaitingCall(r.GetInt64(0), r.GetString(1), r.GetInt32(2), r.GetString(3), Codes.ParseCallStatus(r.GetString(4)), received,
            age < TimeSpan.Zero ? TimeSpan.Zero : age);
    }
}
