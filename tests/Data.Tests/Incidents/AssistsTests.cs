using Dapper;
using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Status;
using SafetyConsole.Data.Store;
using static SafetyConsole.Data.Tests.Policy.TestDistrict;

namespace SafetyConsole.Data.Tests.Incidents;

/// <summary>Issue 15: assisting officers; the assignments table is who is on a call; R1 holds.</summary>
public class AssistsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 18, 0, 0, TimeSpan.Zero);

    // ---- policy ---------------------------------------------------------------------------------------------

    [Fact]
    public void An_assist_needs_a_call_with_its_first_responder_and_an_available_officer_on_no_other_call()
    {
        var received = At("2026-10-05T10:05:00-07:00");
        var snap = Create().Officer("CSO-1", Role.CSO, "NHS").Officer("SGT-1", Role.SGT, "DISTRICT")
            .Officer("CSO-9", Role.CSO, "BHS", status: OfficerStatus.OffDuty).Officer("CSO-8", Role.CSO, "BHS", status: OfficerStatus.Assigned).OnCall("CSO-8", 99)
            .Build();
        var assigned = Call("FIGHT", "NHS", received) with { Id = 5, Status = CallStatus.Assigned, AssignedTo = "CSO-1" };
        OnCall First(string badge) => new(badge, false, received, "a", null, null, null, null, null);

        Assert.Null(Assists.Refusal(assigned, "SGT-1", snap, [First("CSO-1")])); // R1: the sergeant may assist, never respond first
        Assert.Contains("with no first responder", Assists.Refusal(assigned with { Status = CallStatus.Pending, AssignedTo = null }, "SGT-1", snap, [])!, StringComparison.Ordinal);
        Assert.Contains("already on call 5", Assists.Refusal(assigned, "CSO-1", snap, [First("CSO-1")])!, StringComparison.Ordinal);
        Assert.Contains("is on call 99", Assists.Refusal(assigned, "CSO-8", snap, [First("CSO-1")])!, StringComparison.Ordinal);
        Assert.Contains("OFF_DUTY, not AVAILABLE", Assists.Refusal(assigned, "CSO-9", snap, [First("CSO-1")])!, StringComparison.Ordinal);
        Assert.Contains("There is no officer NOBODY", Assists.Refusal(assigned, "NOBODY", snap, [])!, StringComparison.Ordinal);
    }

    // ---- store ----------------------------------------------------------------------------------------------

    private static (TestDb Test, long Call) DemoWithAssignedFight()
    {
        var t = IncidentDb.Demo(Now);
        t.Db.Connection.Execute("UPDATE officers SET status = 'AVAILABLE' WHERE badge IN ('CSO-01', 'CSO-02', 'SGT-1')");
        var id = IncidentDb.AddCall(t, "WEAPON", Now.AddSeconds(-30));
        var first = t.Db.Connection.ExecuteScalar<string>("SELECT badge FROM officers WHERE post = 'LHS' AND role = 'SRO'")!;
        t.Db.Connection.Execute("UPDATE officers SET status = 'AVAILABLE' WHERE badge = @first", new { first });
        CallActions.Assign(t.Db, TestDb.Account, id, first, Now);
        return (t, id);
    }

    [Fact]
    public void A_sergeant_and_a_CSO_of_another_school_may_assist_and_the_call_and_its_R5_figures_do_not_move()
    {
        var (t, call) = DemoWithAssignedFight();
        using var _ = t;
        var before = t.Db.Connection.QuerySingle<(string Status, string AssignedTo, string FirstAssignedAt, long Met)>(
            "SELECT status, assigned_to, first_assigned_at, deadline_met FROM calls WHERE id = @call", new { call });
        CallActions.AssignAssist(t.Db, TestDb.Account, call, "SGT-1", Now.AddSeconds(20));
        CallActions.AssignAssist(t.Db, TestDb.Account, call, "CSO-02", Now.AddSeconds(30));
        Assert.Equal(before, t.Db.Connection.QuerySingle<(string, string, string, long)>(
            "SELECT status, assigned_to, first_assigned_at, deadline_met FROM calls WHERE id = @call", new { call }));

        var officers = Assignments.OfCall(t.Db, call);
        Assert.Equal([(before.AssignedTo, false), ("SGT-1", true), ("CSO-02", true)], officers.Select(o => (o.Badge, o.Assist)));
        Assert.Equal("ASSIGNED", t.Db.Connection.ExecuteScalar<string>("SELECT status FROM officers WHERE badge = 'SGT-1'"));
        Assert.Equal(2, QueueSummaries.Load(t.Db, Now.AddMinutes(1)).AssistsOnOpenCalls);
        // Who is on a call comes from the assignments: an assist is on an open call for routing (§3).
        Assert.Equal(call, SnapshotLoader.Load(t.Db, Now.AddMinutes(1)).OpenCallByBadge["CSO-02"]);
        Assert.Equal(2L, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE kind = 'call.assist'"));
    }

    [Fact]
    public void Each_assist_has_its_own_progress_and_the_call_clearing_releases_every_assist()
    {
        var (t, call) = DemoWithAssignedFight();
        using var _ = t;
        var first = t.Db.Connection.ExecuteScalar<string>("SELECT assigned_to FROM calls WHERE id = @call", new { call })!;
        CallActions.AssignAssist(t.Db, TestDb.Account, call, "CSO-02", Now.AddSeconds(10));
        CallActions.AssistStep(t.Db, TestDb.Account, call, "CSO-02", CallActions.Step.EnRoute, Now.AddSeconds(20));
        var assist = Assignments.OfCall(t.Db, call).Single(o => o.Assist);
        Assert.Equal(("en route", Now.AddSeconds(20)), (assist.Progress, assist.EnRouteAt));
        Assert.Equal("EN_ROUTE", t.Db.Connection.ExecuteScalar<string>("SELECT status FROM officers WHERE badge = 'CSO-02'"));
        Assert.Equal("ASSIGNED", t.Db.Connection.ExecuteScalar<string>("SELECT status FROM calls WHERE id = @call", new { call }));

        CallActions.Acknowledge(t.Db, TestDb.Account, call, Now.AddSeconds(30));
        CallActions.OnScene(t.Db, TestDb.Account, call, Now.AddSeconds(60));
        Assert.Equal(Now.AddSeconds(60), Assignments.OfCall(t.Db, call).Single(o => !o.Assist).OnSceneAt);
        CallActions.Clear(t.Db, TestDb.Account, call, "01", Now.AddMinutes(5));
        Assert.All(Assignments.OfCall(t.Db, call), o => Assert.False(o.Open));
        Assert.Equal("released with the call (cleared)", Assignments.OfCall(t.Db, call).Single(o => o.Assist).ReleaseReason);
        Assert.Equal(["AVAILABLE", "AVAILABLE"], t.Db.Connection.Query<string>("SELECT status FROM officers WHERE badge IN (@first, 'CSO-02') ORDER BY badge", new { first }));
    }

    [Fact]
    public void An_assist_cleared_alone_frees_that_officer_only_and_refusals_are_recorded()
    {
        var (t, call) = DemoWithAssignedFight();
        using var _ = t;
        CallActions.AssignAssist(t.Db, TestDb.Account, call, "CSO-02", Now.AddSeconds(10));
        CallActions.AssistStep(t.Db, TestDb.Account, call, "CSO-02", CallActions.Step.Clear, Now.AddSeconds(20));
        Assert.Equal("AVAILABLE", t.Db.Connection.ExecuteScalar<string>("SELECT status FROM officers WHERE badge = 'CSO-02'"));
        Assert.Equal("ASSIGNED", t.Db.Connection.ExecuteScalar<string>("SELECT status FROM calls WHERE id = @call", new { call }));

        Assert.Equal(1, Assert.Throws<SafetyException>(() => CallActions.AssistStep(t.Db, TestDb.Account, call, "CSO-02", CallActions.Step.OnScene, Now.AddSeconds(30))).ExitCode);
        Assert.Equal(1, Assert.Throws<SafetyException>(() => CallActions.AssignAssist(t.Db, "visitor", call, "SGT-1", Now.AddSeconds(30))).ExitCode);
        var refusals = t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE kind = 'refused'");
        Assert.True(refusals >= 2, $"{refusals} refusals recorded");
    }
}
