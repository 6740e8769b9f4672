using Dapper;
using System.Data.Common;

namespace SafetyConsole.Data.Store;

/// <summary>A note on a call (issue 15): free text (R9), attributed and timed. <see cref="At"/> is the effective time.</summary>
public sealed record CallNote(long Id, long CallId, DateTimeOffset At, string Author, string Text);

/// <summary>The call_notes table (migration 0032): append-only; written with its event in the caller's transaction.</summary>
public static class CallNotes
{
    /// <summary>Inserts a note inside <paramref name="tx"/>; returns its number.</summary>
    internal static long Insert(DbTransaction tx, long callId, DateTimeOffset at, string author, string text) =>
        SqlRead.Long(tx.Connection!, """
            INSERT INTO call_notes(call_id, at, author, text, recorded_at) VALUES (@callId, @at, @author, @text, @recorded) RETURNING id
            """, tx, ("@callId", callId), ("@at", TimeText.ToDb(at)), ("@author", author), ("@text", text), ("@recorded", TimeText.ToDb(SafetyDb.RecordingTime(tx.Connection!))));

    /// <summary>A call's notes, oldest first. Callers that show them to a viewer record the read (R9, <see cref="DetailReads"/>).</summary>
    public static IReadOnlyList<CallNote> Of(SafetyDb db, long callId) =>
        SqlRead.Rows(db.Connection, "SELECT id, call_id, at, author, text FROM call_notes WHERE call_id = @id ORDER BY at, id",
            r => new CallNote(r.GetInt64(0), r.GetInt64(1), TimeText.FromDb(r.GetString(2)), r.GetString(3), r.GetString(4)), null, ("@id", callId));
}
