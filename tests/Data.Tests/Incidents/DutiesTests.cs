using Dapper;
using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Duties;
using SafetyConsole.Data.Enforcement;
using SafetyConsole.Data.Status;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests.Feeds;

namespace SafetyConsole.Data.Tests.Incidents;

/// <summary>Issue 15: scheduled duties have a due date, not an R5 deadline; never escalated, never an R5 figure.</summary>
public class DutiesTests
{
    /// <summary>Monday 2026-11-23 10:00 in the demo district (America/Los_Angeles).</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 18, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static TestDb Demo() => IncidentDb.Demo(Now);

    // ---- policy ---------------------------------------------------------------------------------------------

    [Fact]
    public void A_duty_is_due_today_overdue_upcoming_or_done_by_its_date_alone()
    {
        Duty D(string due, bool done = false) => new(1, "ASSESS", "LHS", DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), null, "",
            "a", Now, done ? "a" : null, done ? Now : null);
        Assert.Equal(DutyState.DueToday, DutyRules.StateOf(D("2026-11-23"), Today));
        Assert.Equal(DutyState.Overdue, DutyRules.StateOf(D("2026-11-20"), Today));
        Assert.Equal(DutyState.Upcoming, DutyRules.StateOf(D("2026-11-24"), Today));
        Assert.Equal(DutyState.Done, DutyRules.StateOf(D("2026-11-20", done: true), Today));
        Assert.Equal((1, 2), DutyRules.Counts([D("2026-11-23"), D("2026-11-20"), D("2026-11-19"), D("2026-11-30"), D("2026-11-01", done: true)], Today));
        Assert.Equal("duties due today 1, overdue 2", DutyRules.Summary((1, 2)));
        var perSchool = DutyRules.PerLocation([D("2026-11-20"), D("2026-11-23", done: true)], Today, c => $"name of {c}");
        Assert.Equal([new DutyCount("LHS", "name of LHS", 1, 1, 1)], perSchool);
    }

    // ---- store ----------------------------------------------------------------------------------------------

    [Fact]
    public void Add_and_done_are_each_one_transaction_with_an_event_that_never_carries_the_note()
    {
        using var t = Demo();
        var id = DutyStore.Add(t.Db, TestDb.Account, "assess", "lhs", Today, "CSO-01", "Fence \u001b[31mrepair\u001b[0m walk-through", Now);
        var d = Assert.Single(DutyStore.Open(t.Db));
        Assert.Equal((id, "ASSESS", "LHS", "CSO-01", "Fence repair walk-through"), (d.Id, d.Type, d.Location, d.Officer, d.Note));
        DutyStore.Done(t.Db, TestDb.Account, id, Now.AddHours(1));
        Assert.Empty(DutyStore.Open(t.Db));
        var events = t.Db.Connection.Query<(string Kind, string Reason, string Detail)>("SELECT kind, reason, detail FROM events WHERE kind LIKE 'duty.%' ORDER BY id").ToList();
        Assert.Equal(["duty.added", "duty.done"], events.Select(e => e.Kind));
        Assert.All(events, e => Assert.DoesNotContain("Fence", e.Reason + e.Detail, StringComparison.Ordinal));
        Assert.All(events, e => Assert.Equal($"duty {id}", e.Detail));

        var again = Assert.Throws<SafetyException>(() => DutyStore.Done(t.Db, TestDb.Account, id, Now.AddHours(2)));
        Assert.Equal(1, again.ExitCode);
        Assert.Contains($"Duty {id} was already done (by {TestDb.Account}", again.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FIGHT", "LHS", null, "FIGHT is a call for service, not a scheduled duty")]
    [InlineData("NOPE", "LHS", null, "'NOPE' is not a call type; a duty is one of ASSESS, NOTRESP, TATMEET, TRAINREQ, TRUANT")]
    [InlineData("ASSESS", "XXX", null, "There is no location XXX")]
    [InlineData("ASSESS", "LHS", "NOBODY", "There is no officer NOBODY")]
    public void Bad_input_is_a_usage_error_and_nothing_is_written(string type, string location, string? officer, string message)
    {
        using var t = Demo();
        var e = Assert.Throws<SafetyException>(() => DutyStore.Add(t.Db, TestDb.Account, type, location, Today, officer, null, Now));
        Assert.Equal(2, e.ExitCode);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(0L, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM duties"));
    }

    [Fact]
    public void A_viewer_may_not_add_or_mark_duties_and_the_refusal_is_recorded()
    {
        using var t = Demo();
        var id = DutyStore.Add(t.Db, TestDb.Account, "TRUANT", "LHS", Today, null, null, Now);
        Assert.Equal(1, Assert.Throws<SafetyException>(() => DutyStore.Add(t.Db, "visitor", "ASSESS", "LHS", Today, null, null, Now)).ExitCode);
        Assert.Equal(1, Assert.Throws<SafetyException>(() => DutyStore.Done(t.Db, "visitor", id, Now)).ExitCode);
        Assert.Equal(1L, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM duties"));
        Assert.Single(DutyStore.Open(t.Db));
        Assert.True(t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE actor = 'visitor'") >= 2);
    }

    [Fact]
    public void A_feed_record_of_a_duty_type_becomes_a_duty_due_on_its_local_day_never_a_call_and_loads_once()
    {
        using var f = new FeedFixture();
        // No district in the fixture: the local day is UTC's. 2026-11-24T02:00Z is still the 24th in UTC.
        var csv = FeedFixture.Csv("d1,2026-11-23T10:05:00-08:00,LHS,ASSESS,,Walk the new entrance,administrator,", FeedFixture.Good("c1"));
        var first = f.Calls(csv);
        Assert.Equal(2, first.Loaded);
        Assert.Contains(first.WarningMessages, w => w.Contains("ASSESS (Facility safety assessment) is a scheduled duty", StringComparison.Ordinal));
        Assert.Equal(1L, f.Count("SELECT count(*) FROM calls"));
        Assert.Equal("2026-11-23", f.Text("SELECT due_on FROM duties"));
        Assert.Equal("Walk the new entrance", f.Text("SELECT note FROM duties"));

        var second = f.Calls(csv);
        Assert.Equal((0, 2), (second.Loaded, second.Duplicates));
        Assert.Equal(1L, f.Count("SELECT count(*) FROM duties"));
    }

    [Fact]
    public void The_worker_never_escalates_a_duty_and_status_counts_duties_due_today_and_overdue()
    {
        using var t = Demo();
        DutyStore.Add(t.Db, TestDb.Account, "ASSESS", "LHS", Today, null, null, Now);
        DutyStore.Add(t.Db, TestDb.Account, "TATMEET", "LHS", Today.AddDays(-3), null, null, Now);
        DutyStore.Add(t.Db, TestDb.Account, "TRAINREQ", "LHS", Today.AddDays(5), null, null, Now);
        var pass = EnforcementPass.Run(t.Db, Now.AddDays(10));
        Assert.Empty(pass.Actions);
        var s = QueueSummaries.Load(t.Db, Now);
        Assert.Equal((1, 1), (s.DutiesDueToday, s.DutiesOverdue));
        Assert.Equal((0, 0), (s.DeadlinesMetToday, s.DeadlinesMissedToday));
    }

    [Fact]
    public void A_call_cannot_be_reclassified_into_a_duty()
    {
        using var t = Demo();
        var id = IncidentDb.AddCall(t, "SUSP", Now.AddMinutes(-5));
        var e = Assert.Throws<SafetyException>(() => CallActions.Reclassify(t.Db, TestDb.Account, id, "ASSESS", "really a walk-through", Now));
        Assert.Equal(1, e.ExitCode);
        Assert.Contains("ASSESS (Facility safety assessment) is a scheduled duty", e.Message, StringComparison.Ordinal);
        Assert.Equal("SUSP", t.Db.Connection.ExecuteScalar<string>("SELECT type FROM calls WHERE id = @id", new { id }));
    }
}
