using Dapper;
using System.Data.Common;
using SafetyConsole.Data.Domain;

namespace SafetyConsole.Data.Store;

/// <summary>Columns of a call that a status change may set alongside the status (a whitelist: never built from input).</summary>
public sealed class CallSet
{
    internal readonly Dictionary<string, object?> Columns = new(StringComparer.Ordinal);

    /// <summary>The class intake decided, or null: not classified yet (stored as UNCLASSIFIED, never as the discipline class NONE).</summary>
    public CallSet Class(CallClass? c) => Put("class", c.Text());
    public CallSet Deadline(DateTimeOffset? t) => Put("deadline", TimeText.ToDb(t));
    public CallSet AssignedTo(string? badge, DateTimeOffset? at) => Put("assigned_to", badge).Put("assigned_at", TimeText.ToDb(at));
    public CallSet Agency(string? agency) => Put("agency", agency);
    public CallSet Disposition(string? code) => Put("disposition", code);
    public CallSet Trace(string trace) => Put("trace", trace);
    public CallSet Type(string type, int priority) => Put("type", type).Put("priority", priority);

    /// <summary>Issue 15: the master of a linked duplicate (null: not a duplicate).</summary>
    public CallSet DuplicateOf(long? master) => Put("duplicate_of", master);

    /// <summary>Issue 15: the open call intake found this one may duplicate (null: none).</summary>
    public CallSet PossibleDuplicateOf(long? call) => Put("possible_duplicate_of", call);

    private CallSet Put(string column, object? value)
    {
        Columns[column] = value;
        return this;
    }
}

/// <summary>
/// The single place where calls and officers change state (DESIGN §6): each change is a conditional update
/// (<c>WHERE status = @expected</c>) plus its event row, inside the caller's one transaction. A lost race
/// throws <see cref="ChangeConflict"/>, which rolls the whole transaction back; an illegal transition is
/// refused before anything is written, naming both states.
/// </summary>
public static class StateChanges
{
    /// <summary>
    /// Appends <paramref name="e"/> to the event log. R10: its recorded time is always the connection's clock, never a
    /// caller's value, so an effective time entered with `--at` can never pass for when the entry was made.
    /// </summary>
    public static void AppendEvent(DbTransaction tx, EventRow e) =>
        SqlRead.Queue(tx.Connection!, $"INSERT INTO {EventColumns} VALUES ({EventValues})", tx, null, EventArgs(tx, e));

    private const string EventColumns = "events(at, actor, kind, call_id, badge, from_status, to_status, reason, detail, recorded_at)";

    // CAST: in the SELECT of a change's one-round-trip form (ChangeWithEvent) a parameter has no column to take its type from.
    private const string EventValues = "@e_at, @e_actor, @e_kind, CAST(@e_call AS bigint), @e_badge, @e_from, @e_to, @e_reason, @e_detail, @e_recorded";

    private static (string, object?)[] EventArgs(DbTransaction tx, EventRow e) =>
    [
        ("@e_at", TimeText.ToDb(e.At)), ("@e_actor", e.Actor), ("@e_kind", e.Kind), ("@e_call", e.CallId), ("@e_badge", e.Badge),
        ("@e_from", e.FromStatus), ("@e_to", e.ToStatus), ("@e_reason", e.Reason), ("@e_detail", e.Detail),
        ("@e_recorded", TimeText.ToDb(SafetyDb.RecordingTime(tx.Connection!))),
    ];

    /// <summary>
    /// Runs the conditional <paramref name="update"/> and, when it changed its one row, appends <paramref name="e"/>; when
    /// it did not, throws what <paramref name="lost"/> makes (the race was lost; the transaction rolls back). On PostgreSQL
    /// both go in one statement (the event is inserted from the update's RETURNING), sent with the rest of the change's
    /// statements (<see cref="StatementBatch"/>), so a change costs one round trip instead of one per statement (issue 17: round
    /// trips are what a state change waits on there, and what client and server spend their CPU on). On SQLite, two
    /// statements run at once in this process.
    /// </summary>
    private static void ChangeWithEvent(DbTransaction tx, string update, (string, object?)[] args, EventRow e, Func<Exception> lost)
    {
        if (tx is Npgsql.NpgsqlTransaction)
        {
            SqlRead.Queue(tx.Connection!, $"WITH changed AS ({update} RETURNING 1) INSERT INTO {EventColumns} SELECT {EventValues} FROM changed",
                tx, lost, [.. args, .. EventArgs(tx, e)]);
            return;
        }
        if (SqlRead.Execute(tx.Connection!, update, tx, args) != 1) throw lost();
        AppendEvent(tx, e);
    }

    /// <summary>Moves call <paramref name="callId"/> from <paramref name="expected"/> to <paramref name="next"/> and records <paramref name="ev"/>.</summary>
    public static void MoveCall(DbTransaction tx, long callId, CallStatus expected, CallStatus next, EventRow ev, CallSet? set = null)
    {
        if (!Transitions.CanMove(expected, next))
            throw new SafetyException(1, $"Call {callId}: " + Transitions.Refusal(expected, next));
        ConditionalCallUpdate(tx, callId, expected, next, set, ev);
    }

    /// <summary>
    /// Changes columns of a call that must still be <paramref name="expected"/>, without changing its status
    /// (acknowledgement, reclassification of a NEW call), and records <paramref name="ev"/>.
    /// </summary>
    public static void UpdateCall(DbTransaction tx, long callId, CallStatus expected, CallSet set, EventRow ev) =>
        ConditionalCallUpdate(tx, callId, expected, expected, set, ev);

    private static void ConditionalCallUpdate(DbTransaction tx, long callId, CallStatus expected, CallStatus next, CallSet? set, EventRow ev)
    {
        var columns = set?.Columns ?? [];
        var args = new (string, object?)[4 + columns.Count];
        args[0] = ("@id", callId);
        args[1] = ("@expected", expected.Text());
        args[2] = ("@next", next.Text());
        args[3] = ("@at", TimeText.ToDb(ev.At));
        var sets = new System.Text.StringBuilder("status = @next, updated_at = @at");
        var i = 4;
        foreach (var (column, value) in columns)
        {
            sets.Append(", ").Append(column).Append(" = @c_").Append(column);
            args[i++] = ("@c_" + column, value);
        }
        // One text per set of columns, so each shape is prepared once per connection (StatementCache).
        ChangeWithEvent(tx, $"UPDATE calls SET {sets} WHERE id = @id AND status = @expected", args,
            ev with { CallId = callId, FromStatus = expected.Text(), ToStatus = next.Text() }, () => CallConflict(tx, callId, expected, next));
    }

    /// <summary>Moves officer <paramref name="badge"/> from <paramref name="expected"/> to <paramref name="next"/> and records <paramref name="ev"/>.</summary>
    public static void MoveOfficer(DbTransaction tx, string badge, OfficerStatus expected, OfficerStatus next, EventRow ev)
    {
        if (expected != next && !Transitions.CanMove(expected, next))
            throw new SafetyException(1, $"Officer {badge}: " + Transitions.Refusal(expected, next));
        ChangeWithEvent(tx, "UPDATE officers SET status = @next, status_since = @at WHERE badge = @badge AND status = @expected",
            [("@badge", badge), ("@expected", expected.Text()), ("@next", next.Text()), ("@at", TimeText.ToDb(ev.At))],
            ev with { Badge = badge, FromStatus = expected.Text(), ToStatus = next.Text() }, () => OfficerConflict(tx, badge, expected, next));
    }

    /// <summary>
    /// The status of officer <paramref name="badge"/>, read inside a write that changes the officer next (null: no such
    /// officer). On PostgreSQL the row is locked as it is read, after the call's (<see cref="WriteScope.OnCall"/>), so no
    /// change running beside this one can move the officer between the read and the conditional update.
    /// </summary>
    internal static string? LockedOfficerStatus(DbTransaction tx, string badge) =>
        SqlRead.Text(tx.Connection!, tx is Npgsql.NpgsqlTransaction
            ? "SELECT status FROM officers WHERE badge = @badge FOR NO KEY UPDATE"
            : "SELECT status FROM officers WHERE badge = @badge", tx, ("@badge", badge));

    private static ChangeConflict CallConflict(DbTransaction tx, long callId, CallStatus expected, CallStatus next)
    {
        var now = DescribeCall(tx.Connection!, tx, callId);
        return now is null
            ? new ChangeConflict($"There is no call {callId}; check the number with `safety-console calls list`.")
            : new ChangeConflict($"Call {callId} was not {expected.Text()} any more: it is {now}, so it was not made {next.Text()}; refresh and decide again.");
    }

    /// <summary>"ASSIGNED to CSO-01 (by alice at …)": a call's state and who made the last change, to tell the loser of a race who won.</summary>
    public static string? DescribeCall(DbConnection conn, DbTransaction? tx, long callId)
    {
        var now = conn.QuerySingleOrDefault<(string Status, string? AssignedTo)?>(
            "SELECT status, assigned_to FROM calls WHERE id = @callId", new { callId }, tx);
        if (now is null) return null;
        var to = now.Value.AssignedTo is { } b ? $" to {b}" : "";
        return $"{now.Value.Status}{to}{LastChange(conn, tx, "call_id = @key", callId)}";
    }

    private static ChangeConflict OfficerConflict(DbTransaction tx, string badge, OfficerStatus expected, OfficerStatus next)
    {
        var now = tx.Connection!.QuerySingleOrDefault<string?>("SELECT status FROM officers WHERE badge = @badge", new { badge }, tx);
        if (now is null) return new ChangeConflict($"There is no officer {badge}; check the badge with `safety-console officers list`.");
        var last = LastChange(tx.Connection!, tx, "badge = @key", badge);
        return new ChangeConflict(
            $"Officer {badge} was not {expected.Text()} any more: now {now}{last}, so was not made {next.Text()}; choose another officer or refresh.");
    }

    /// <summary>
    /// " (by alice at 2026-11-23T18:05:00.000Z)": who made the last change of status, to tell the loser of a race who
    /// won (not the last event: a loser's recorded refusal is an event too, and would name the loser).
    /// </summary>
    private static string LastChange(DbConnection conn, DbTransaction? tx, string where, object key)
    {
        var row = conn.QueryFirstOrDefault<(string Actor, string At)?>(
            $"SELECT actor, at FROM events WHERE {where} AND to_status IS NOT NULL ORDER BY id DESC LIMIT 1", new { key }, tx);
        return row is { } r ? $" (by {r.Actor} at {r.At})" : "";
    }
}
