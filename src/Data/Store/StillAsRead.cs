using System.Data.Common;
using SafetyConsole.Data.Domain;

namespace SafetyConsole.Data.Store;

/// <summary>
/// Checks made inside a write transaction that what a decision was based on still holds: a dispatcher, a supervisor or
/// another worker may have acted between the read and the write (README: every lost race names who won).
/// </summary>
public static class StillAsRead
{
    /// <summary>The call still has the status, officer, type, priority, basis and location it had when <paramref name="call"/> was read.</summary>
    public static bool Call(DbTransaction tx, Call call)
    {
        var same = false;
        SqlRead.Each(tx.Connection!, "SELECT status, assigned_to, type, priority, basis, location FROM calls WHERE id = @id",
            r => same = r.GetString(0) == call.Status.Text() && r.NullableText(1) == call.AssignedTo && r.GetString(2) == call.Type
                && r.GetInt64(3) == call.Priority && r.NullableText(4) == call.Basis?.Text() && r.GetString(5) == call.Location,
            tx, ("@id", call.Id));
        return same;
    }

    /// <summary>R6: <paramref name="badge"/> still holds one open, unacknowledged assignment to the call, made at or before <paramref name="cutoff"/>.</summary>
    public static bool AssignmentTimedOut(DbTransaction tx, long callId, string badge, DateTimeOffset cutoff) =>
        SqlRead.Long(tx.Connection!, """
            SELECT count(*) FROM assignments WHERE call_id = @callId AND badge = @badge
              AND released_at IS NULL AND acked_at IS NULL AND assigned_at <= @cutoff
            """, tx, ("@callId", callId), ("@badge", badge), ("@cutoff", TimeText.ToDb(cutoff))) == 1;
}
