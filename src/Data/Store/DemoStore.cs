using Dapper;

namespace SafetyConsole.Data.Store;

/// <summary>
/// The mark a demo database carries (meta key <c>demo</c>), so `demo` may delete and recreate it and never a real one
/// (DESIGN §7), and what a demo day produced, counted for its summary.
/// </summary>
public static class DemoStore
{
    public static void Mark(SafetyDb db) => db.Connection.Execute("INSERT INTO meta(key, value) VALUES ('demo', '1')");

    public static bool IsMarked(SafetyDb db) =>
        db.Connection.ExecuteScalar<string?>("SELECT value FROM meta WHERE key = 'demo'") == "1";

    /// <summary>Counts of a demo day, for the headless demo's summary.</summary>
    public sealed record DayCounts(
        IReadOnlyList<(string Status, long N)> CallsByStatus, long Calls, long Diverted, long Referred, long Refused,
        long Assignments, long AckTimeouts, long Escalated, long Positions, long Events);

    public static DayCounts Count(SafetyDb db)
    {
        var c = db.Connection;
        long Scalar(string sql) => c.ExecuteScalar<long>(sql);
        return new DayCounts(
            c.Query<(string Status, long N)>("SELECT status, count(*) FROM calls GROUP BY status ORDER BY count(*) DESC").ToList(),
            Scalar("SELECT count(*) FROM calls"),
            Scalar("SELECT count(*) FROM calls WHERE status = 'DIVERTED'"),
            Scalar("SELECT count(*) FROM calls WHERE status = 'REFERRED'"),
            Scalar("SELECT count(*) FROM events WHERE kind = 'feed.refused'"),
            Scalar("SELECT count(*) FROM assignments"),
            Scalar("SELECT count(*) FROM assignments WHERE release_reason = 'ack-timeout'"),
            Scalar("SELECT count(*) FROM calls WHERE escalated_at IS NOT NULL"),
            Scalar("SELECT count(*) FROM positions"),
            Scalar("SELECT count(*) FROM events"));
    }
}
