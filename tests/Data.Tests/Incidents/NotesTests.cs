using Dapper;
using Microsoft.Data.Sqlite;
using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Incidents;

/// <summary>Issue 15: notes on a call (R9, R10) and the incident timeline.</summary>
public class NotesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 18, 0, 0, TimeSpan.Zero);

    private static (TestDb Test, long Call) DemoWithCall()
    {
        var t = IncidentDb.Demo(Now);
        return (t, IncidentDb.AddCall(t, "FIGHT", Now.AddMinutes(-5), "Two students"));
    }

    [Fact]
    public void A_note_is_cleaned_attributed_timed_and_written_with_its_event_which_never_carries_the_text()
    {
        var (t, call) = DemoWithCall();
        using var _ = t;
        var sentence = CallActions.Note(t.Db, TestDb.Account, call, "Parent \u001b[2Jarrived,\u0007 calm", Now);
        var note = Assert.Single(CallNotes.Of(t.Db, call));
        var id = note.Id;
        Assert.Equal($"Note {id} added to call {call}.", sentence);
        Assert.Equal(new CallNote(id, call, Now, TestDb.Account, "Parent arrived, calm"), note);
        var e = t.Db.Connection.QuerySingle<(string Kind, long CallId, string Reason, string Detail)>("SELECT kind, call_id, reason, detail FROM events WHERE kind = 'call.note'");
        Assert.Equal(("call.note", call, $"note {id}"), (e.Kind, e.CallId, e.Detail));
        Assert.DoesNotContain("Parent", e.Reason + e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Viewers_are_refused_and_recorded_empty_notes_are_bad_usage_and_an_unknown_call_is_refused()
    {
        var (t, call) = DemoWithCall();
        using var _ = t;
        var viewer = Assert.Throws<SafetyException>(() => CallActions.Note(t.Db, "visitor", call, "hello", Now));
        Assert.Equal(1, viewer.ExitCode);
        Assert.Equal(1L, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE actor = 'visitor' AND kind = 'refused'"));
        Assert.Equal(2, Assert.Throws<SafetyException>(() => CallActions.Note(t.Db, TestDb.Account, call, " \u001b[0m ", Now)).ExitCode);
        Assert.Equal(2, Assert.Throws<SafetyException>(() => CallActions.Note(t.Db, TestDb.Account, call, new string('x', 2001), Now)).ExitCode);
        Assert.Equal(1, Assert.Throws<SafetyException>(() => CallActions.Note(t.Db, TestDb.Account, 999, "hello", Now)).ExitCode);
        Assert.Empty(CallNotes.Of(t.Db, call));
    }

    [Fact]
    public void Notes_are_append_only()
    {
        var (t, call) = DemoWithCall();
        using var _ = t;
        CallActions.Note(t.Db, TestDb.Account, call, "first", Now);
        Assert.Throws<SqliteException>(() => t.Db.Connection.Execute("UPDATE call_notes SET text = 'changed'"));
        Assert.Throws<SqliteException>(() => t.Db.Connection.Execute("DELETE FROM call_notes"));
        Assert.Equal("first", Assert.Single(CallNotes.Of(t.Db, call)).Text);
    }

    [Fact]
    public void The_timeline_runs_from_receipt_in_time_order_with_elapsed_times_and_withholds_note_text_when_asked()
    {
        var received = Now.AddMinutes(-5);
        var call = new Call(7, "911", "e1", received, "LHS", "FIGHT", 1, "Two students", "teacher", null, CallStatus.Cleared, CallClass.Campus);
        var events = new List<EventRow>
        {
            new(received.AddSeconds(1), "worker", "call.pending", 7, FromStatus: "NEW", ToStatus: "PENDING", Reason: "R1: school day; CAMPUS first."),
            new(received.AddSeconds(30), "visitor", "call.read", 7, Reason: "R9: read"),
            new(received.AddMinutes(1), "alice", "call.assigned", 7, Badge: "CSO-01", FromStatus: "PENDING", ToStatus: "ASSIGNED"),
        };
        var notes = new List<CallNote> { new(3, 7, received.AddSeconds(45), "alice", "Teacher separated them") };
        var lines = Timeline.Build(call, events, notes);
        Assert.Equal(["received", "call.pending NEW -> PENDING", "note 3", "call.assigned PENDING -> ASSIGNED CSO-01"], lines.Select(l => l.What));
        Assert.Equal(["+0:00", "+0:01", "+0:45", "+1:00"], lines.Select(l => Timeline.Elapsed(l.Elapsed)));
        Assert.Equal("FIGHT P1 at LHS, reported by teacher", lines[0].Detail);
        Assert.Equal("Teacher separated them", lines[2].Detail);
        Assert.DoesNotContain("Teacher", string.Join(" ", Timeline.Build(call, events, notes, withText: false).Select(l => l.Detail)), StringComparison.Ordinal);
        Assert.Equal("+1:02:03", Timeline.Elapsed(new TimeSpan(1, 2, 3)));
        Assert.Equal("-0:05", Timeline.Elapsed(TimeSpan.FromSeconds(-5)));
    }
}
