using Dapper;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Reports;

/// <summary>
/// What a report knows of one call: codes, times and flags only. R9: no description, trace, reporter or other free
/// text is ever selected, so none can leak into a report.
/// </summary>
/// <param name="FirstAssignedAt">The earliest assignment (assignments table), as `status` counts R5.</param>
/// <param name="OnSceneAt">The first ON_SCENE status change in the event log: arrival.</param>
/// <param name="Escalated">The event log shows the call ESCALATED at some point (R5).</param>
/// <param name="EverDiverted">The event log shows the call DIVERTED at some point (R2, R3), whatever it is now.</param>
/// <param name="EverReferred">The event log shows the call REFERRED at some point (R4), whatever it is now.</param>
public sealed record CallFact(
    long Id,
    DateTimeOffset ReceivedAt,
    string Location,
    string Type,
    int Priority,
    CallStatus Status,
    bool HasBasis,
    DateTimeOffset? Deadline,
    string? Agency,
    string? Disposition,
    DateTimeOffset? FirstAssignedAt,
    DateTimeOffset? OnSceneAt,
    bool Escalated,
    bool EverDiverted = false,
    bool EverReferred = false)
{
    /// <summary>Issue 15: a linked duplicate (disposition 22): counted apart, never in the workload or the R5 figures.</summary>
    public bool Duplicate { get; init; }
}

/// <summary>An assignment made against the recommendation (R7): who, when, whom, and the operator's written reason.
/// The reason is operator text, not feed text; it is the one free text a report shows.</summary>
public sealed record OverrideFact(DateTimeOffset At, string By, long CallId, string Type, string Location, string Badge, string Reason);

/// <summary>Loads a report's facts: one query per fact set, streamed row by row (R9: selected columns only).</summary>
public static class ReportFacts
{
    private sealed class CallRow
    {
        public long Id { get; set; }
        public string ReceivedAt { get; set; } = "";
        public string Location { get; set; } = "";
        public string Type { get; set; } = "";
        public long Priority { get; set; }
        public string Status { get; set; } = "";
        public long HasBasis { get; set; }
        public string? Deadline { get; set; }
        public string? Agency { get; set; }
        public string? Disposition { get; set; }
        public string? FirstAssignedAt { get; set; }
        public string? OnSceneAt { get; set; }
        public long Escalated { get; set; }
        public long Diverted { get; set; }
        public long Referred { get; set; }
        public long Duplicate { get; set; }
    }

    /// <summary>The calls received in the period, oldest first, streamed (not buffered).</summary>
    public static IEnumerable<CallFact> Calls(SafetyDb db, DateTimeOffset start, DateTimeOffset end) =>
        db.Connection.Query<CallRow>("""
                SELECT c.id, c.received_at, c.location, c.type, c.priority, c.status, CASE WHEN c.basis IS NOT NULL THEN 1 ELSE 0 END AS has_basis,
                       c.deadline, c.agency, c.disposition,
                       (SELECT min(a.assigned_at) FROM assignments a WHERE a.call_id = c.id) AS first_assigned_at,
                       ev.on_scene_at, coalesce(ev.escalated, 0) AS escalated,
                       coalesce(ev.diverted, 0) AS diverted, coalesce(ev.referred, 0) AS referred,
                       c.duplicate_of IS NOT NULL AS duplicate
                FROM calls c
                LEFT JOIN (
                    -- 0/1 by CASE, never a comparison's value: PostgreSQL has no max() of a boolean (issue 17).
                    SELECT e.call_id,
                           min(CASE WHEN e.to_status = 'ON_SCENE' THEN e.at END) AS on_scene_at,
                           max(CASE WHEN e.to_status = 'ESCALATED' THEN 1 ELSE 0 END) AS escalated,
                           max(CASE WHEN e.to_status = 'DIVERTED' THEN 1 ELSE 0 END) AS diverted,
                           max(CASE WHEN e.to_status = 'REFERRED' THEN 1 ELSE 0 END) AS referred
                    FROM events e JOIN calls p ON p.id = e.call_id
                    WHERE p.received_at >= @start AND p.received_at < @end
                      AND e.to_status IN ('ON_SCENE', 'ESCALATED', 'DIVERTED', 'REFERRED')
                    GROUP BY e.call_id
                ) ev ON ev.call_id = c.id
                WHERE c.received_at >= @start AND c.received_at < @end
                ORDER BY c.received_at, c.id
                """, new { start = TimeText.ToDb(start), end = TimeText.ToDb(end) }, buffered: false)
            .Select(r => new CallFact(
                r.Id, TimeText.FromDb(r.ReceivedAt), r.Location, r.Type, (int)r.Priority, Codes.ParseCallStatus(r.Status), r.HasBasis != 0,
                TimeText.FromDbOrNull(r.Deadline), r.Agency, r.Disposition, TimeText.FromDbOrNull(r.FirstAssignedAt),
                TimeText.FromDbOrNull(r.OnSceneAt), r.Escalated != 0, r.Diverted != 0, r.Referred != 0) { Duplicate = r.Duplicate != 0 });

    /// <summary>Overrides (R7, and R6 for an officer who timed out on the call) on the calls received in the period, in the order they were made, streamed.</summary>
    public static IEnumerable<OverrideFact> Overrides(SafetyDb db, DateTimeOffset start, DateTimeOffset end) =>
        db.Connection.Query<(string At, string By, long CallId, string Type, string Location, string Badge, string Reason)>("""
                SELECT a.assigned_at, a.assigned_by, c.id, c.type, c.location, a.badge, a.override_reason
                FROM assignments a JOIN calls c ON c.id = a.call_id
                WHERE a.override_reason IS NOT NULL AND c.received_at >= @start AND c.received_at < @end
                ORDER BY a.assigned_at, a.id
                """, new { start = TimeText.ToDb(start), end = TimeText.ToDb(end) }, buffered: false)
            .Select(r => new OverrideFact(TimeText.FromDb(r.At), r.By, r.CallId, r.Type, r.Location, r.Badge, r.Reason));

    /// <summary>APCO disposition names by code (reference data).</summary>
    public static IReadOnlyDictionary<string, string> DispositionNames(SafetyDb db) =>
        db.Connection.Query<(string Code, string Name)>("SELECT code, name FROM dispositions")
            .ToDictionary(r => r.Code, r => r.Name, StringComparer.Ordinal);

    /// <summary>
    /// Loads the snapshot, resolves the period and computes the report as of <paramref name="at"/> (the clock):
    /// the figures stream from the store into <see cref="ActivityReports.Compute"/>.
    /// </summary>
    public static ActivityReport Load(SafetyDb db, DateOnly? from, DateOnly? to, ReportGrouping by, DateTimeOffset at)
    {
        var snap = SnapshotLoader.Load(db, at);
        var period = ReportPeriod.Resolve(from, to, snap.District, snap.LocalDate(at));
        var start = period.Start(snap);
        var end = period.End(snap);
        var report = ActivityReports.Compute(snap, period, by, Calls(db, start, end), Overrides(db, start, end), DispositionNames(db), at);
        // Issue 16: family complaints received in the period, a count only (R9: no summary is selected).
        var complaints = db.Connection.ExecuteScalar<long>("SELECT count(*) FROM complaints WHERE received_on >= @from AND received_on <= @to",
            new { from = IsoDate.Text(period.From), to = IsoDate.Text(period.To) });
        // Issue 15: duties due in the period, per school (counts only, R9: no note is read into the report).
        var duties = Duties.DutyRules.PerLocation(Duties.DutyStore.DueBetween(db, period.From, period.To), snap.LocalDate(at),
            code => snap.Locations.TryGetValue(code, out var l) ? l.Name : code);
        var assists = SqlRead.Long(db.Connection, """
            SELECT count(*) FROM assignments a JOIN calls c ON c.id = a.call_id
            WHERE a.assist = 1 AND c.received_at >= @from AND c.received_at < @to
            """, null, ("@from", TimeText.ToDb(start)), ("@to", TimeText.ToDb(end)));
        return report with { Complaints = (int)complaints, Duties = duties, Assists = (int)assists };
    }
}
