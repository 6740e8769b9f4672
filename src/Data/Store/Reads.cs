using Dapper;
using SafetyConsole.Data.Domain;

namespace SafetyConsole.Data.Store;

/// <summary>Read queries shared by the command line, the board and the worker; they map rows to domain records.</summary>
public static class Reads
{
    private const string CallColumns = """
        id, source, external_id, received_at, location, type, priority, description, reporter_role, basis,
        status, class, deadline, assigned_to, assigned_at, agency, disposition, trace
        """;

    /// <summary>A row of <see cref="CallColumns"/>, by position (a plain reader: the worker pass reads calls at every arrival; issue 14, speed).</summary>
    private static Call CallRow(System.Data.Common.DbDataReader r)
    {
        var status = r.GetString(10);
        return new(
            r.GetInt64(0), r.GetString(1), r.GetString(2), TimeText.FromDb(r.GetString(3)), r.GetString(4), r.GetString(5), (int)r.GetInt64(6),
            r.GetString(7), r.NullableText(8), r.NullableText(9) is { } basis ? Codes.ParseBasis(basis) : null, Codes.ParseCallStatus(status),
            ClassOf(status, r.GetString(11)), TimeText.FromDbOrNull(r.NullableText(12)), r.NullableText(13), TimeText.FromDbOrNull(r.NullableText(14)),
            r.NullableText(15), r.NullableText(16), r.GetString(17));
    }

    /// <summary>
    /// Null: not classified yet. Intake is what classifies a call and moves it out of NEW, so a NEW call has no class
    /// whatever the column holds (a row written by another tool gets the column's old default, NONE).
    /// </summary>
    private static CallClass? ClassOf(string status, string cls) =>
        status == "NEW" || cls == Codes.Unclassified ? null : Codes.ParseCallClass(cls);

    public static IReadOnlyList<Call> Calls(SafetyDb db, bool openOnly = false)
    {
        var where = openOnly ? $"WHERE status IN ({StatusSql.Open})" : "";
        return SqlRead.Rows(db.Connection, $"SELECT {CallColumns} FROM calls {where} ORDER BY received_at, id", CallRow);
    }

    /// <summary>The worker's step 1 (R2–R5, R8): NEW calls received by <paramref name="at"/>, oldest first.</summary>
    public static IReadOnlyList<Call> NewCallsReceivedBy(SafetyDb db, DateTimeOffset at) =>
        CallsWhere(db, "status = 'NEW' AND received_at <= @at", "received_at, id", ("@at", TimeText.ToDb(at)));

    /// <summary>The worker's step 2 (R5): PENDING calls whose deadline has come by <paramref name="at"/>, oldest first.</summary>
    public static IReadOnlyList<Call> PendingCallsDueBy(SafetyDb db, DateTimeOffset at) =>
        CallsWhere(db, "status = 'PENDING' AND deadline IS NOT NULL AND deadline <= @at", "received_at, id", ("@at", TimeText.ToDb(at)));

    /// <summary>
    /// The worker's step 3 (R6): ASSIGNED calls whose current assignment is open and unacknowledged since
    /// <paramref name="cutoff"/> or earlier (the pass's time less the ack timeout), in the order they were assigned.
    /// </summary>
    public static IReadOnlyList<Call> AssignedCallsUnacknowledgedSince(SafetyDb db, DateTimeOffset cutoff) =>
        CallsWhere(db, """
            status = 'ASSIGNED' AND EXISTS (SELECT 1 FROM assignments a WHERE a.call_id = calls.id AND a.badge = calls.assigned_to
              AND a.released_at IS NULL AND a.acked_at IS NULL AND a.assigned_at <= @cutoff)
            """, "assigned_at, id", ("@cutoff", TimeText.ToDb(cutoff)));

    private static IReadOnlyList<Call> CallsWhere(SafetyDb db, string where, string orderBy, (string, object?) arg) =>
        SqlRead.Rows(db.Connection, $"SELECT {CallColumns} FROM calls WHERE {where} ORDER BY {orderBy}", CallRow, null, arg);

    private const string CallById = $"SELECT {CallColumns} FROM calls WHERE id = @id";

    public static Call? Call(SafetyDb db, long id) => SqlRead.Row(db.Connection, CallById, CallRow, null, ("@id", id));

    public static Call RequireCall(SafetyDb db, long id) =>
        Call(db, id) ?? throw SafetyException.Refused($"There is no call {id}; `safety-console calls list --open` shows the open calls.");

    public static IReadOnlyList<EventRow> EventsOfCall(SafetyDb db, long callId) =>
        db.Connection.Query<(string At, string Actor, string Kind, long? CallId, string? Badge, string? FromStatus, string? ToStatus, string Reason, string Detail, string? RecordedAt)>(
                "SELECT at, actor, kind, call_id, badge, from_status, to_status, reason, detail, recorded_at FROM events WHERE call_id = @callId ORDER BY id",
                new { callId })
            .Select(e => new EventRow(TimeText.FromDb(e.At), e.Actor, e.Kind, e.CallId, e.Badge, e.FromStatus, e.ToStatus, e.Reason, e.Detail)
            {
                RecordedAt = TimeText.FromDbOrNull(e.RecordedAt),
            })
            .ToList();

    internal const string OfficerColumns = "badge, name, role, agency, post, status, status_since, last_lat, last_lon, last_ping_at";

    internal static Officer OfficerRow(System.Data.Common.DbDataReader r) => new(
        r.GetString(0), r.GetString(1), Codes.ParseRole(r.GetString(2)), r.GetString(3), r.GetString(4), Codes.ParseOfficerStatus(r.GetString(5)),
        TimeText.FromDbOrNull(r.NullableText(6)),
        r.IsDBNull(7) || r.IsDBNull(8) ? null : new GeoPoint(r.GetDouble(7), r.GetDouble(8)), TimeText.FromDbOrNull(r.NullableText(9)));

    public static IReadOnlyList<Officer> Officers(SafetyDb db) =>
        SqlRead.Rows(db.Connection, $"SELECT {OfficerColumns} FROM officers ORDER BY badge", OfficerRow);

    public static Officer? Officer(SafetyDb db, string badge) =>
        SqlRead.Row(db.Connection, $"SELECT {OfficerColumns} FROM officers WHERE badge = @badge", OfficerRow, null, ("@badge", badge));

    public static Officer RequireOfficer(SafetyDb db, string badge) =>
        Officer(db, badge) ?? throw SafetyException.Refused($"There is no officer {badge}; `safety-console officers list` shows the roster.");
}
