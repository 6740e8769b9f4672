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

    private sealed class CallDbRow
    {
        public long Id { get; set; }
        public string Source { get; set; } = "";
        public string ExternalId { get; set; } = "";
        public string ReceivedAt { get; set; } = "";
        public string Location { get; set; } = "";
        public string Type { get; set; } = "";
        public long Priority { get; set; }
        public string Description { get; set; } = "";
        public string? ReporterRole { get; set; }
        public string? Basis { get; set; }
        public string Status { get; set; } = "";
        public string Class { get; set; } = "";
        public string? Deadline { get; set; }
        public string? AssignedTo { get; set; }
        public string? AssignedAt { get; set; }
        public string? Agency { get; set; }
        public string? Disposition { get; set; }
        public string Trace { get; set; } = "";

        public Call ToCall() => new(
            Id, Source, ExternalId, TimeText.FromDb(ReceivedAt), Location, Type, (int)Priority, Description, ReporterRole,
            Basis is null ? null : Codes.ParseBasis(Basis), Codes.ParseCallStatus(Status), ClassOf(Status, Class),
            TimeText.FromDbOrNull(Deadline), AssignedTo, TimeText.FromDbOrNull(AssignedAt), Agency, Disposition, Trace);

        /// <summary>
        /// Null: not classified yet. Intake is what classifies a call and moves it out of NEW, so a NEW call has no class
        /// whatever the column holds (a row written by another tool gets the column's old default, NONE).
        /// </summary>
        private static CallClass? ClassOf(string status, string cls) =>
            status == "NEW" || cls == Codes.Unclassified ? null : Codes.ParseCallClass(cls);
    }

    public static IReadOnlyList<Call> Calls(SafetyDb db, bool openOnly = false)
    {
        var where = openOnly ? $"WHERE status IN ({StatusSql.Open})" : "";
        return db.Connection.Query<CallDbRow>($"SELECT {CallColumns} FROM calls {where} ORDER BY received_at, id")
            .Select(r => r.ToCall()).ToList();
    }

    /// <summary>The worker's step 1 (R2–R5, R8): NEW calls received by <paramref name="at"/>, oldest first.</summary>
    public static IReadOnlyList<Call> NewCallsReceivedBy(SafetyDb db, DateTimeOffset at) =>
        CallsWhere(db, "status = 'NEW' AND received_at <= @at", "received_at, id", new { at = TimeText.ToDb(at) });

    /// <summary>The worker's step 2 (R5): PENDING calls whose deadline has come by <paramref name="at"/>, oldest first.</summary>
    public static IReadOnlyList<Call> PendingCallsDueBy(SafetyDb db, DateTimeOffset at) =>
        CallsWhere(db, "status = 'PENDING' AND deadline IS NOT NULL AND deadline <= @at", "received_at, id", new { at = TimeText.ToDb(at) });

    /// <summary>
    /// The worker's step 3 (R6): ASSIGNED calls whose current assignment is open and unacknowledged since
    /// <paramref name="cutoff"/> or earlier (the pass's time less the ack timeout), in the order they were assigned.
    /// </summary>
    public static IReadOnlyList<Call> AssignedCallsUnacknowledgedSince(SafetyDb db, DateTimeOffset cutoff) =>
        CallsWhere(db, """
            status = 'ASSIGNED' AND EXISTS (SELECT 1 FROM assignments a WHERE a.call_id = calls.id AND a.badge = calls.assigned_to
              AND a.released_at IS NULL AND a.acked_at IS NULL AND a.assigned_at <= @cutoff)
            """, "assigned_at, id", new { cutoff = TimeText.ToDb(cutoff) });

    private static IReadOnlyList<Call> CallsWhere(SafetyDb db, string where, string orderBy, object args) =>
        db.Connection.Query<CallDbRow>($"SELECT {CallColumns} FROM calls WHERE {where} ORDER BY {orderBy}", args)
            .Select(r => r.ToCall()).ToList();

    public static Call? Call(SafetyDb db, long id) =>
        db.Connection.QuerySingleOrDefault<CallDbRow>($"SELECT {CallColumns} FROM calls WHERE id = @id", new { id })?.ToCall();

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

    private sealed class OfficerDbRow
    {
        public string Badge { get; set; } = "";
        public string Name { get; set; } = "";
        public string Role { get; set; } = "";
        public string Agency { get; set; } = "";
        public string Post { get; set; } = "";
        public string Status { get; set; } = "";
        public string? StatusSince { get; set; }
        public double? LastLat { get; set; }
        public double? LastLon { get; set; }
        public string? LastPingAt { get; set; }

        public Officer ToOfficer() => new(
            Badge, Name, Codes.ParseRole(Role), Agency, Post, Codes.ParseOfficerStatus(Status), TimeText.FromDbOrNull(StatusSince),
            LastLat is { } lat && LastLon is { } lon ? new GeoPoint(lat, lon) : null, TimeText.FromDbOrNull(LastPingAt));
    }

    public static IReadOnlyList<Officer> Officers(SafetyDb db) =>
        db.Connection.Query<OfficerDbRow>(
                "SELECT badge, name, role, agency, post, status, status_since, last_lat, last_lon, last_ping_at FROM officers ORDER BY badge")
            .Select(r => r.ToOfficer()).ToList();

    public static Officer? Officer(SafetyDb db, string badge) =>
        db.Connection.QuerySingleOrDefault<OfficerDbRow>(
            "SELECT badge, name, role, agency, post, status, status_since, last_lat, last_lon, last_ping_at FROM officers WHERE badge = @badge",
            new { badge })?.ToOfficer();

    public static Officer RequireOfficer(SafetyDb db, string badge) =>
        Officer(db, badge) ?? throw SafetyException.Refused($"There is no officer {badge}; `safety-console officers list` shows the roster.");
}
