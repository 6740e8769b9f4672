using Dapper;
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
        var now = tx.Connection!.QuerySingleOrDefault<(string Status, string? AssignedTo, string Type, long Priority, string? Basis, string Location)?>(
            "SELECT status, assigned_to, type, priority, basis, location FROM calls WHERE id = @id", new { id = call.Id }, tx);
        return now is { } n && n.Status == call.Status.Text() && n.AssignedTo == call.AssignedTo && n.Type == call.Type
            && n.Priority == call.Priority && n.Basis == call.Basis?.Text() && n.Location == call.Location;
    }

    /// <summary>R6: <paramref name="badge"/> still holds one open, unacknowledged assignment to the call, made at or before <paramref name="cutoff"/>.</summary>
    public static bool AssignmentTimedOut(DbTransaction tx, long callId, string badge, DateTimeOffset cutoff) =>
        tx.Connection!.ExecuteScalar<long>("""
            SELECT count(*) FROM assignments WHERE call_id = @callId AND badge = @badge
              AND released_at IS NULL AND acked_at IS NULL AND assigned_at <= @cutoff
            """, new { callId, badge, cutoff = TimeText.ToDb(cutoff) }, tx) == 1;
}
