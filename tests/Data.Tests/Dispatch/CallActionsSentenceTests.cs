using Dapper;
using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Feeds;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests.Seed;
using static SafetyConsole.Data.Tests.Seed.TestDistrictSeed;

namespace SafetyConsole.Data.Tests.Dispatch;

/// <summary>
/// Every dispatch action returns the one sentence it reports: the command line prints it and the board shows it,
/// so both say the same words (issue 18). Each is checked on a seeded district, with what the store then holds.
/// </summary>
public class CallActionsSentenceTests
{
    private static readonly DateTimeOffset T0 = SchoolDay(10, 0);
    private const string Actor = TestDb.Account;

    private static TestDb Seeded()
    {
        var t = new TestDb();
        TestDistrictSeed.Seed(t.Db);
        return t;
    }

    [Fact]
    public void A_call_from_assignment_to_cleared_reports_each_step_in_one_sentence()
    {
        using var t = Seeded();
        var id = AddCall(t.Db, "1", T0, "AHS", "FIGHT");

        Assert.Equal($"Call {id} assigned to CSO-AHS.", CallActions.Assign(t.Db, Actor, id, "CSO-AHS", T0.AddSeconds(10)).Message);
        Assert.Equal($"Call {id} acknowledged.", CallActions.Acknowledge(t.Db, Actor, id, T0.AddSeconds(20)));
        Assert.Equal($"Call {id}: CSO-AHS en route.", CallActions.EnRoute(t.Db, Actor, id, T0.AddSeconds(30)));
        Assert.Equal($"Call {id}: CSO-AHS on scene.", CallActions.OnScene(t.Db, Actor, id, T0.AddSeconds(40)));
        var name = BoardReads.Dispositions(t.Db).Single(d => d.Code == "01").Name;
        Assert.Equal($"Call {id} cleared with disposition 01 {name}.", CallActions.Clear(t.Db, Actor, id, "01", T0.AddSeconds(50)));

        Assert.Equal(CallStatus.Cleared, Reads.RequireCall(t.Db, id).Status);
        Assert.Equal(OfficerStatus.Available, Reads.RequireOfficer(t.Db, "CSO-AHS").Status);
    }

    [Fact]
    public void Divert_cancel_and_reclassify_say_what_happened_and_reclassify_says_intake_decides_again()
    {
        using var t = Seeded();
        var diverted = AddCall(t.Db, "1", T0, "AHS", "FIGHT");
        var cancelled = AddCall(t.Db, "2", T0, "AHS", "FIGHT");

        Assert.Equal($"Call {diverted} diverted to the school administration.",
            CallActions.Divert(t.Db, Actor, diverted, "a principal's matter", T0.AddSeconds(5)));
        Assert.Equal($"Call {cancelled} cancelled.", CallActions.Cancel(t.Db, Actor, cancelled, "caller hung up, all fine", T0.AddSeconds(5)));
        // R2: the only way past a diversion; the call is NEW again for the worker's intake.
        Assert.Equal($"Call {diverted} reclassified ASSAULT P2 (recorded, R2); intake decides it again.",
            CallActions.Reclassify(t.Db, Actor, diverted, "assault", "a student was hurt", T0.AddSeconds(10), priority: 2));

        Assert.Equal((CallStatus.New, "ASSAULT", 2), Reads.RequireCall(t.Db, diverted) is var c ? (c.Status, c.Type, c.Priority) : default);
        Assert.Equal(CallStatus.Cancelled, Reads.RequireCall(t.Db, cancelled).Status);
    }

    [Fact]
    public void An_officer_status_change_reports_the_new_status()
    {
        using var t = Seeded();
        Assert.Equal("SGT-2 is now AVAILABLE.", OfficerActions.SetStatus(t.Db, Actor, "SGT-2", OfficerStatus.Available, T0));
        Assert.Equal(OfficerStatus.Available, Reads.RequireOfficer(t.Db, "SGT-2").Status);
    }

    [Fact]
    public void A_refused_action_still_throws_its_one_sentence_and_returns_nothing()
    {
        using var t = Seeded();
        var id = AddCall(t.Db, "1", T0, "AHS", "FIGHT");
        var e = Assert.Throws<SafetyException>(() => CallActions.Acknowledge(t.Db, Actor, id, T0.AddSeconds(5)));
        Assert.Contains("assign an officer first", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_phone_call_is_taken_through_the_feed_and_its_new_id_returned()
    {
        using var t = Seeded();
        var id = CallFeed.TakePhoneCall(t.Db, Actor, new PhoneCall("ahs", "FIGHT", null, "danger", "two students\u0007 by the gym"), T0);

        var call = Reads.RequireCall(t.Db, id);
        // The feed's own cleaning and defaults: the location's code as the district spells it, the type's priority,
        // control characters gone, NEW for the worker's intake (DESIGN §4).
        Assert.Equal((CallFeed.PhoneSource, "AHS", "FIGHT", 1, CallStatus.New, "two students by the gym", "staff"),
            (call.Source, call.Location, call.Type, call.Priority, call.Status, call.Description, call.ReporterRole));
        Assert.Equal(1L, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE kind = 'feed.loaded' AND actor = @Actor", new { Actor }));
    }

    [Fact]
    public void A_phone_call_the_feed_rejects_is_refused_in_one_sentence_and_R8_is_recorded()
    {
        using var t = Seeded();
        var bad = Assert.Throws<SafetyException>(() => CallFeed.TakePhoneCall(t.Db, Actor, new PhoneCall("NOPE", "FIGHT", null, null, ""), T0));
        Assert.StartsWith("The call was not taken (location: ", bad.Message, StringComparison.Ordinal);

        var alien = Assert.Throws<SafetyException>(() => CallFeed.TakePhoneCall(t.Db, Actor, new PhoneCall("AHS", "ALIEN", null, null, ""), T0));
        Assert.Contains("R8", alien.Message, StringComparison.Ordinal);
        Assert.Equal(0L, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM calls"));
        Assert.Equal(1L, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE kind = 'feed.refused'"));
    }

    [Fact]
    public void Only_dispatchers_and_supervisors_take_phone_calls_R10()
    {
        using var t = Seeded();
        Operators.Add(t.Db, Actor, "visitor", OperatorRole.Viewer, T0);
        var e = Assert.Throws<SafetyException>(() => CallFeed.TakePhoneCall(t.Db, "visitor", new PhoneCall("AHS", "FIGHT", null, null, ""), T0));
        Assert.StartsWith("R10: visitor is a viewer", e.Message, StringComparison.Ordinal);
        Assert.Equal(0L, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM calls"));
    }
}
