using Dapper;
using System.Data.Common;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Dispatch;

/// <summary>
/// R5 first-response figures of one district-local date (the date each call was received): deadlines met and
/// missed, escalations, and the time from receipt to the first assignment. For `status` and the demo's summary
/// (`report` computes its own, with nearest-rank medians, from the same rule).
/// </summary>
public sealed record FirstResponseDay(
    DateOnly Date,
    int DeadlinesMet,
    int DeadlinesMissed,
    int Escalated,
    int FirstAssignments,
    double? MeanSecondsToFirstAssignment,
    double? MaxSecondsToFirstAssignment)
{
    /// <summary>Calls whose deadline outcome is decided (met + missed).</summary>
    public int Decided => DeadlinesMet + DeadlinesMissed;
}

/// <summary>
/// R5: records and reads whether first-response deadlines were met, by the rule of
/// <see cref="Policy.FirstResponse.Outcome"/>: first assigned before the deadline met it; assigned at or after it
/// (the worker's own assignment at the deadline), or escalated, missed it. The outcome and the first assignment time are written once, in the same transaction as the
/// assignment or escalation (later reassignments, R6, do not change them).
/// </summary>
public static class FirstResponseFigures
{
    /// <summary>R5: the first assignment of a call, if it is the first; <paramref name="deadline"/> null = no deadline (not counted).</summary>
    internal static void RecordAssignment(DbTransaction tx, long callId, DateTimeOffset receivedAt, DateTimeOffset? deadline,
        DateTimeOffset at, DistrictSnapshot snap)
    {
        // The rule is Policy.FirstResponse.Outcome (one definition for the store, `status` and reports).
        int? met = Policy.FirstResponse.Outcome(deadline, at, escalated: false, at) switch
        {
            DeadlineOutcome.Met => 1,
            DeadlineOutcome.Missed => 0,
            _ => null,
        };
        SqlRead.Queue(tx.Connection!, """
            UPDATE calls SET first_assigned_at = coalesce(first_assigned_at, @at), deadline_met = coalesce(deadline_met, @met),
              response_date = coalesce(response_date, @date)
            WHERE id = @callId
            """, tx, null, ("@callId", callId), ("@at", TimeText.ToDb(at)), ("@met", met), ("@date", TimeText.ToDb(snap.LocalDate(receivedAt))));
    }

    /// <summary>R5/R6: an escalation to the supervisor; a deadline not yet decided is missed.</summary>
    internal static void RecordEscalation(DbTransaction tx, long callId, DateTimeOffset receivedAt, DateTimeOffset at, DistrictSnapshot snap) =>
        SqlRead.Execute(tx.Connection!, """
            UPDATE calls SET escalated_at = coalesce(escalated_at, @at), deadline_met = coalesce(deadline_met, 0),
              response_date = coalesce(response_date, @date)
            WHERE id = @callId
            """, tx, ("@callId", callId), ("@at", TimeText.ToDb(at)), ("@date", TimeText.ToDb(snap.LocalDate(receivedAt))));

    /// <summary>The figures of the district-local date of <paramref name="at"/> ("today" for `status`), as of <paramref name="at"/>.</summary>
    public static FirstResponseDay Today(SafetyDb db, DateTimeOffset at)
    {
        var zone = db.DistrictZone();
        return ForDay(db, zone, TimeText.LocalDate(at, zone), at);
    }

    /// <summary>The figures of one district-local date as of <paramref name="asOf"/> (zeros when nothing was decided that day).</summary>
    public static FirstResponseDay ForDay(SafetyDb db, DateOnly date, DateTimeOffset asOf) => ForDay(db, db.DistrictZone(), date, asOf);

    internal static FirstResponseDay ForDay(SafetyDb db, TimeZoneInfo zone, DateOnly date, DateTimeOffset asOf) =>
        ForDays(db, zone, date, date, asOf).SingleOrDefault() ?? new FirstResponseDay(date, 0, 0, 0, 0, null, null);

    /// <summary>
    /// One entry per district-local date from <paramref name="from"/> to <paramref name="to"/> (inclusive) that has any
    /// figure, in date order, as of <paramref name="asOf"/>. Besides the outcomes recorded with each first assignment
    /// or escalation, a call whose deadline passed with neither is missed (R5, <see cref="Policy.FirstResponse.Outcome"/>):
    /// so a supervisor sees the misses even while no worker is running to escalate them, and `status` agrees with `report`.
    /// </summary>
    private static IReadOnlyList<FirstResponseDay> ForDays(SafetyDb db, TimeZoneInfo zone, DateOnly from, DateOnly to, DateTimeOffset asOf)
    {
        // Plain reads (SqlRead), not Dapper: `status` must start fast.
        var recorded = SqlRead.Rows(db.Connection, """
            SELECT response_date, received_at, first_assigned_at, deadline_met, escalated_at
            FROM calls WHERE response_date >= @from AND response_date <= @to AND duplicate_of IS NULL
            """,
            r => new Row(r.GetString(0), r.GetString(1), r.NullableText(2), r.NullableLong(3), r.NullableText(4)), null,
            ("@from", TimeText.ToDb(from)), ("@to", TimeText.ToDb(to)));
        // Undecided calls past their deadline: received within a day of the range either side (UTC), then kept by their
        // district-local date of receipt, like response_date. Every status is listed so the (status, received_at) index serves.
        var overdue = SqlRead.Rows(db.Connection, $"""
            SELECT received_at, deadline FROM calls
            WHERE status IN ({StatusSql.All}) AND received_at >= @fromUtc AND received_at < @toUtc
              AND response_date IS NULL AND deadline IS NOT NULL AND deadline <= @asOf AND duplicate_of IS NULL
            """,
            r => new Overdue(TimeText.FromDb(r.GetString(0)), TimeText.FromDb(r.GetString(1))), null,
            ("@fromUtc", TimeText.ToDb(new DateTimeOffset(from.AddDays(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))),
            ("@toUtc", TimeText.ToDb(new DateTimeOffset(to.AddDays(2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))),
            ("@asOf", TimeText.ToDb(asOf)))
            .Select(r => (r.Received, Date: TimeText.LocalDate(r.Received, zone),
                Outcome: Policy.FirstResponse.Outcome(r.Deadline, firstAssignedAt: null, escalated: false, asOf)))
            .Where(r => r.Date >= from && r.Date <= to && r.Outcome == DeadlineOutcome.Missed)
            .Select(r => new Row(TimeText.ToDb(r.Date), TimeText.ToDb(r.Received), null, 0, null));

        return recorded.Concat(overdue).GroupBy(r => r.Date, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var waits = g.Where(r => r.FirstAssignedAt is not null)
                    .Select(r => (TimeText.FromDb(r.FirstAssignedAt!) - TimeText.FromDb(r.ReceivedAt)).TotalSeconds)
                    .Order().ToArray();
                return new FirstResponseDay(
                    TimeText.DateFromDb(g.Key),
                    g.Count(r => r.Met == 1),
                    g.Count(r => r.Met == 0),
                    g.Count(r => r.EscalatedAt is not null),
                    waits.Length,
                    waits.Length == 0 ? null : waits.Average(),
                    waits.Length == 0 ? null : waits[^1]);
            })
            .ToList();
    }

    private sealed record Row(string Date, string ReceivedAt, string? FirstAssignedAt, long? Met, string? EscalatedAt);

    private sealed record Overdue(DateTimeOffset Received, DateTimeOffset Deadline);
}
