using SafetyConsole.Data.Domain;
using System.Data.Common;
using SafetyConsole.Data.Dispatch;

namespace SafetyConsole.Data.Store;

/// <summary>
/// The assignments table (issue 15): the one source of truth for who is on a call. Reads for `calls show`, `status`
/// and the assist actions; writes inside the caller's transaction.
/// </summary>
public static class Assignments
{
    private const string Columns = "badge, assist, assigned_at, assigned_by, acked_at, en_route_at, on_scene_at, released_at, release_reason";

    /// <summary>Every officer ever put on the call, in the order they were assigned.</summary>
    public static IReadOnlyList<OnCall> OfCall(SafetyDb db, long callId) => OfCall(db.Connection, null, callId);

    internal static IReadOnlyList<OnCall> OfCall(DbConnection c, DbTransaction? tx, long callId) =>
        SqlRead.Rows(c, $"SELECT {Columns} FROM assignments WHERE call_id = @id ORDER BY id", Row, tx, ("@id", callId));

    /// <summary>Officers assisting on open calls now (`status`).</summary>
    public static long AssistsOnOpenCalls(SafetyDb db) =>
        SqlRead.Long(db.Connection, $"SELECT count(*) FROM assignments a JOIN calls c ON c.id = a.call_id WHERE a.assist = 1 AND a.released_at IS NULL AND c.status IN ({StatusSql.HoldingOfficer})");

    internal static void InsertAssist(DbTransaction tx, long callId, string badge, DateTimeOffset at, string actor) =>
        SqlRead.Queue(tx.Connection!, """
            INSERT INTO assignments(call_id, badge, assigned_at, assigned_by, assist) VALUES (@callId, @badge, @at, @actor, 1)
            """, tx, null, ("@callId", callId), ("@badge", badge), ("@at", TimeText.ToDb(at)), ("@actor", actor));

    /// <summary>Sets a progress column (acked_at, en_route_at, on_scene_at) of an officer's open assignment, if not set yet.</summary>
    internal static void MarkProgress(DbTransaction tx, long callId, string badge, string column, DateTimeOffset at)
    {
        if (column is not ("acked_at" or "en_route_at" or "on_scene_at")) throw new ArgumentException($"{column} is not a progress column.", nameof(column));
        SqlRead.Queue(tx.Connection!, $"UPDATE assignments SET {column} = coalesce({column}, @at) WHERE call_id = @callId AND badge = @badge AND released_at IS NULL",
            tx, null, ("@callId", callId), ("@badge", badge), ("@at", TimeText.ToDb(at)));
    }

    /// <summary>The badges of a call's open assists (to release them with the call).</summary>
    internal static IReadOnlyList<string> OpenAssists(DbTransaction tx, long callId) =>
        SqlRead.Rows(tx.Connection!, "SELECT badge FROM assignments WHERE call_id = @callId AND assist = 1 AND released_at IS NULL ORDER BY id",
            r => r.GetString(0), tx, ("@callId", callId));

    private static OnCall Row(DbDataReader r) => new(r.GetString(0), r.GetInt64(1) != 0, TimeText.FromDb(r.GetString(2)), r.GetString(3),
        TimeText.FromDbOrNull(r.NullableText(4)), TimeText.FromDbOrNull(r.NullableText(5)), TimeText.FromDbOrNull(r.NullableText(6)),
        TimeText.FromDbOrNull(r.NullableText(7)), r.NullableText(8));
}
