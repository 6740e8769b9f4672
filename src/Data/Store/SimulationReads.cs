using Dapper;
using SafetyConsole.Data.Domain;

namespace SafetyConsole.Data.Store;

/// <summary>
/// What the simulators (the demo's day and `simulate`) read from their database, by name, so their SQL stays in the
/// store (issue 18). Rows come back as the store has them (times as stored text); the simulators interpret them.
/// </summary>
public static class SimulationReads
{
    /// <summary>A call an officer holds (ASSIGNED to ON_SCENE), and when it entered its status. A class with setters:
    /// Dapper cannot type the computed <c>since</c> column for a record's constructor.</summary>
    public sealed class HeldCall
    {
        public long Id { get; set; }
        public string Status { get; set; } = "";
        public string Type { get; set; } = "";
        public string? AssignedTo { get; set; }
        public string? Since { get; set; }
    }

    /// <summary>Officers EN_ROUTE or ON_SCENE on a call, with the call's location and their last reported position.</summary>
    public static IReadOnlyList<(string Badge, string Status, string Location, double? Lat, double? Lon)> OfficersOnTheMove(SafetyDb db) =>
        db.Connection.Query<(string Badge, string Status, string Location, double? Lat, double? Lon)>("""
            SELECT o.badge, o.status, c.location, o.last_lat, o.last_lon FROM officers o
            JOIN calls c ON c.assigned_to = o.badge AND c.status IN ('EN_ROUTE','ON_SCENE')
            WHERE o.status IN ('EN_ROUTE','ON_SCENE')
            """).ToList();

    /// <summary>Calls waiting for a dispatcher (PENDING) or a supervisor (ESCALATED), oldest first.</summary>
    public static IReadOnlyList<(long Id, string Status, string ReceivedAt, string? EscalatedAt)> WaitingForDispatch(SafetyDb db) =>
        db.Connection.Query<(long Id, string Status, string ReceivedAt, string? EscalatedAt)>(
            "SELECT id, status, received_at, escalated_at FROM calls WHERE status IN ('PENDING','ESCALATED') ORDER BY received_at, id").ToList();

    /// <summary>Every call an officer holds, with when it reached its current status.</summary>
    public static IReadOnlyList<HeldCall> CallsHeldByOfficers(SafetyDb db) =>
        db.Connection.Query<HeldCall>($"""
            SELECT c.id, c.status, c.type, c.assigned_to,
                   (SELECT max(e.at) FROM events e WHERE e.call_id = c.id AND e.to_status = c.status) AS since
            FROM calls c WHERE c.status IN ({StatusSql.HoldingOfficer})
            """).ToList();

    /// <summary>Cleared calls' type, first ON_SCENE and last CLEARED times (either may be missing).</summary>
    public static IReadOnlyList<(string Type, string? OnScene, string? Cleared)> ClearedCallScenes(SafetyDb db) =>
        db.Connection.Query<(string Type, string? OnScene, string? Cleared)>("""
            SELECT c.type,
                   (SELECT min(e.at) FROM events e WHERE e.call_id = c.id AND e.to_status = 'ON_SCENE'),
                   (SELECT max(e.at) FROM events e WHERE e.call_id = c.id AND e.to_status = 'CLEARED')
            FROM calls c WHERE c.status = 'CLEARED'
            """).ToList();

    /// <summary>The calls received from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), oldest first.</summary>
    public static IReadOnlyList<(string ReceivedAt, string Location, string Type, long Priority, string? ReporterRole, string? Basis)> CallsReceived(
        SafetyDb db, DateTimeOffset from, DateTimeOffset to) =>
        db.Connection.Query<(string ReceivedAt, string Location, string Type, long Priority, string? ReporterRole, string? Basis)>(
            "SELECT received_at, location, type, priority, reporter_role, basis FROM calls WHERE received_at >= @from AND received_at < @to ORDER BY received_at, id",
            new { from = TimeText.ToDb(from), to = TimeText.ToDb(to) }).ToList();

    /// <summary>Calls the worker has decided (any status but NEW).</summary>
    public static int CallsDecided(SafetyDb db) => db.Connection.ExecuteScalar<int>("SELECT count(*) FROM calls WHERE status <> 'NEW'");

    /// <summary>Calls by class and outcome (diverted, referred, escalated, assigned, other).</summary>
    public static IReadOnlyList<(string Class, string Outcome, long N)> OutcomesByClass(SafetyDb db) =>
        db.Connection.Query<(string Class, string Outcome, long N)>("""
            SELECT class, CASE WHEN status = 'DIVERTED' THEN 'diverted' WHEN status = 'REFERRED' THEN 'referred'
                               WHEN escalated_at IS NOT NULL THEN 'escalated' WHEN first_assigned_at IS NOT NULL THEN 'assigned'
                               ELSE 'other' END, count(*)
            FROM calls GROUP BY 1, 2
            """).ToList();

    /// <summary>R5 deadlines met and missed by priority.</summary>
    public static IReadOnlyList<(long P, long Met, long Missed)> DeadlinesByPriority(SafetyDb db) =>
        db.Connection.Query<(long P, long Met, long Missed)>(
            "SELECT priority, sum(deadline_met = 1), sum(deadline_met = 0) FROM calls WHERE deadline_met IS NOT NULL GROUP BY priority ORDER BY priority").ToList();

    /// <summary>R5 deadlines met and missed by the zone of the call's location.</summary>
    public static IReadOnlyList<(string Zone, long Met, long Missed)> DeadlinesByZone(SafetyDb db) =>
        db.Connection.Query<(string Zone, long Met, long Missed)>("""
            SELECT l.zone, sum(c.deadline_met = 1), sum(c.deadline_met = 0) FROM calls c JOIN locations l ON l.code = c.location
            WHERE c.deadline_met IS NOT NULL GROUP BY l.zone ORDER BY l.zone
            """).ToList();

    /// <summary>Each assigned call's receipt and first assignment times.</summary>
    public static IReadOnlyList<(string Received, string First)> FirstAssignments(SafetyDb db) =>
        db.Connection.Query<(string Received, string First)>("SELECT received_at, first_assigned_at FROM calls WHERE first_assigned_at IS NOT NULL").ToList();

    /// <summary>Each call's receipt and first ON_SCENE times (calls an officer reached).</summary>
    public static IReadOnlyList<(string Received, string Arrived)> FirstArrivals(SafetyDb db) =>
        db.Connection.Query<(string Received, string Arrived)>("""
            SELECT c.received_at, min(e.at) FROM calls c JOIN events e ON e.call_id = c.id AND e.to_status = 'ON_SCENE' GROUP BY c.id
            """).ToList();

    /// <summary>Every assignment's officer role and its start and release times (release null while open).</summary>
    public static IReadOnlyList<(string Role, string From, string? To)> AssignmentSpans(SafetyDb db) =>
        db.Connection.Query<(string Role, string From, string? To)>(
            "SELECT o.role, a.assigned_at, a.released_at FROM assignments a JOIN officers o ON o.badge = a.badge").ToList();
}
