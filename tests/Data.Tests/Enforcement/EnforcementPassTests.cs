using Dapper;
using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Enforcement;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Reports;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests.Seed;
using SafetyConsole.Data.Tests.TestDistricts;
using static SafetyConsole.Data.Tests.Seed.TestDistrictSeed;

namespace SafetyConsole.Data.Tests.Enforcement;

/// <summary>The worker's pass (DESIGN §4b) rule by rule, on a seeded district, at explicit instants.</summary>
public class EnforcementPassTests
{
    private static readonly DateTimeOffset T0 = SchoolDay(10, 0); // inside every window

    private static TestDb Seeded()
    {
        var t = new TestDb();
        TestDistrictSeed.Seed(t.Db);
        return t;
    }

    private static PassResult Pass(SafetyDb db, DateTimeOffset at) => EnforcementPass.Run(db, at);

    private static (string Status, string? AssignedTo, long? Met, string? FirstAssignedAt, string? EscalatedAt) Row(SafetyDb db, long id) =>
        db.Connection.QuerySingle<(string, string?, long?, string?, string?)>(
            "SELECT status, assigned_to, deadline_met, first_assigned_at, escalated_at FROM calls WHERE id = @id", new { id });

    [Fact]
    public void Intake_decisions_land_in_the_db_with_class_deadline_agency_trace_and_event()
    {
        using var t = Seeded();
        var db = t.Db;
        var fight = AddCall(db, "1", T0, "AHS", "FIGHT");
        var discipline = AddCall(db, "2", T0, "AHS", "DISCIPLINE");
        var noBasis = AddCall(db, "3", T0, "AMS", "INTERVENE");
        var withBasis = AddCall(db, "4", T0, "AMS", "INTERVENE", basis: "danger");
        var evening = AddCall(db, "5", SchoolDay(19, 0), "BHS", "ASSAULT");
        var alien = AddCall(db, "6", T0, "AHS", "ALIEN");

        Assert.Equal(5, Pass(db, T0).Classified);
        var f = Reads.RequireCall(db, fight);
        // R5: P1 deadline 60 s after receipt; R1: CAMPUS inside the window.
        Assert.Equal((CallStatus.Pending, CallClass.Campus, T0.AddSeconds(60)), (f.Status, f.Class, f.Deadline!.Value));
        Assert.Contains("R1: school day", f.Trace, StringComparison.Ordinal);
        Assert.Contains("R5: P1 deadline 10:01:00", f.Trace, StringComparison.Ordinal);

        var d = Reads.RequireCall(db, discipline);
        Assert.Equal((CallStatus.Diverted, CallClass.None), (d.Status, d.Class));
        Assert.StartsWith("R2: DISCIPLINE is routine student discipline", d.Trace, StringComparison.Ordinal);

        var nb = Reads.RequireCall(db, noBasis);
        Assert.Equal(CallStatus.Diverted, nb.Status);
        Assert.StartsWith("R3: INTERVENE (Request for intervention) ", nb.Trace, StringComparison.Ordinal);
        Assert.Equal(CallStatus.Pending, Reads.RequireCall(db, withBasis).Status);

        var at = SchoolDay(19, 0, 5);
        Assert.Equal(1, Pass(db, at).Classified); // (and the daytime calls, past their deadlines, are assigned)
        var e = Reads.RequireCall(db, evening);
        Assert.Equal((CallStatus.Referred, TestDistrictBuilder.Sheriff), (e.Status, e.Agency)); // the one sheriff code (was "PCS" before issue 18)
        Assert.Equal("15", e.Disposition); // R4: stored as the trace says (APCO 15), so `calls show --json` agrees
        Assert.Contains("R4:", e.Trace, StringComparison.Ordinal);

        var a = Reads.RequireCall(db, alien);
        Assert.Equal(CallStatus.Cancelled, a.Status);
        Assert.Equal(1, Events(db, alien, "refused", EnforcementPass.Actor));
        Assert.Contains("R8:", a.Trace, StringComparison.Ordinal);

        foreach (var id in new[] { fight, discipline, noBasis, withBasis, evening, alien })
        {
            var ev = Reads.EventsOfCall(db, id).Single(x => x.FromStatus == "NEW");
            Assert.Equal((EnforcementPass.Actor, id == evening ? at : T0), (ev.Actor, ev.At));
            Assert.StartsWith("call.", ev.Kind, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_call_received_after_the_pass_time_is_left_alone()
    {
        using var t = Seeded();
        var id = AddCall(t.Db, "1", T0.AddSeconds(1), "AHS", "FIGHT");
        Assert.Empty(Pass(t.Db, T0).Actions);
        Assert.Equal(CallStatus.New, Reads.RequireCall(t.Db, id).Status);
    }

    [Fact]
    public void R5_before_the_deadline_nothing_once_it_has_passed_the_top_ranked_officer_and_the_deadline_counts_as_missed()
    {
        using var t = Seeded();
        var db = t.Db;
        var id = AddCall(db, "1", T0, "AMS", "FIGHT");
        Pass(db, T0);
        Assert.Empty(Pass(db, T0.AddSeconds(59)).Actions);
        Assert.Equal("PENDING", Row(db, id).Status);

        var r = Pass(db, T0.AddSeconds(61));
        var act = Assert.Single(r.Actions);
        Assert.Equal((PassStep.Deadline, CallStatus.Assigned, "CSO-AMS"), (act.Step, act.To, act.Badge));
        Assert.Equal("call 1: PENDING -> ASSIGNED CSO-AMS, deadline missed (R5)", act.Line);
        var row = Row(db, id);
        Assert.Equal(("ASSIGNED", "CSO-AMS", 0L), (row.Status, row.AssignedTo, row.Met));
        Assert.Equal(TimeText.ToDb(T0.AddSeconds(61)), row.FirstAssignedAt);
        Assert.Equal(OfficerStatus.Assigned, Reads.RequireOfficer(db, "CSO-AMS").Status);
        var ev = Reads.EventsOfCall(db, id).Single(e => e.Kind == "call.assigned");
        Assert.Equal(EnforcementPass.Actor, ev.Actor);
        Assert.StartsWith("R5: deadline 2026-11-23T10:01:00-08:00 reached with no officer assigned", ev.Reason, StringComparison.Ordinal);
        Assert.Contains("ranked 1 of 3", ev.Reason, StringComparison.Ordinal);
        Assert.Contains("R5: deadline", Reads.RequireCall(db, id).Trace, StringComparison.Ordinal);
    }

    [Fact]
    public void R5_a_pass_exactly_at_the_deadline_assigns_and_counts_the_deadline_missed()
    {
        using var t = Seeded();
        var id = AddCall(t.Db, "1", T0, "AHS", "FIGHT");
        Pass(t.Db, T0);
        var act = Assert.Single(Pass(t.Db, T0.AddSeconds(60)).Actions);
        Assert.Equal("call 1: PENDING -> ASSIGNED CSO-AHS, deadline missed (R5)", act.Line); // Policy.FirstResponse: at the deadline the worker steps in
        Assert.Equal(0L, Row(t.Db, id).Met);
    }

    [Fact]
    public void R5_a_dispatcher_assigning_before_the_deadline_meets_it_and_the_figures_count_both()
    {
        using var t = Seeded();
        var db = t.Db;
        var met = AddCall(db, "1", T0, "AHS", "FIGHT");
        var missed = AddCall(db, "2", T0, "BHS", "FIGHT");
        Pass(db, T0);
        CallActions.Assign(db, TestDb.Account, met, "CSO-AHS", T0.AddSeconds(20));
        Pass(db, T0.AddSeconds(60).AddMilliseconds(500));
        Assert.Equal(1L, Row(db, met).Met);
        Assert.Equal(0L, Row(db, missed).Met);

        var today = FirstResponseFigures.Today(db, T0.AddHours(1));
        Assert.Equal((new DateOnly(2026, 11, 23), 1, 1, 0, 2), (today.Date, today.DeadlinesMet, today.DeadlinesMissed, today.Escalated, today.FirstAssignments));
        Assert.Equal(40.25, today.MeanSecondsToFirstAssignment);
        Assert.Equal(60.5, today.MaxSecondsToFirstAssignment);
        Assert.Equal(0, FirstResponseFigures.ForDay(db, new DateOnly(2026, 11, 24), T0.AddDays(2)).Decided);
    }

    [Fact]
    public void R5_a_deadline_passed_unassigned_counts_missed_before_any_worker_escalates_it_once_and_as_the_report_says()
    {
        using var t = Seeded();
        var db = t.Db;
        var met = AddCall(db, "1", T0, "AHS", "FIGHT");
        var waiting = AddCall(db, "2", T0, "BHS", "FIGHT");
        Pass(db, T0); // intake: both PENDING, deadline T0 + 60 s
        CallActions.Assign(db, TestDb.Account, met, "CSO-AHS", T0.AddSeconds(20));

        // Before the deadline the waiting call is not decided; after it, it is missed although no worker ran (it is down).
        Assert.Equal((1, 0), Figures(T0.AddSeconds(59)));
        Assert.Equal((1, 1), Figures(T0.AddSeconds(90)));
        Assert.Equal(("PENDING", null), (Row(db, waiting).Status, Row(db, waiting).Met));
        Assert.Equal((1, 1), Report(T0.AddSeconds(90)));

        // The worker comes back and assigns it late, recording the miss: still one miss, not two.
        Pass(db, T0.AddSeconds(120));
        Assert.Equal(("ASSIGNED", 0L), (Row(db, waiting).Status, Row(db, waiting).Met));
        Assert.Equal((1, 1), Figures(T0.AddSeconds(130)));
        Assert.Equal((1, 1), Report(T0.AddSeconds(130)));

        (int Met, int Missed) Figures(DateTimeOffset at)
        {
            var today = FirstResponseFigures.Today(db, at);
            return (today.DeadlinesMet, today.DeadlinesMissed);
        }
        (int Met, int Missed) Report(DateTimeOffset at)
        {
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, db.DistrictZone()).DateTime);
            var all = ReportFacts.Load(db, day, day, ReportGrouping.School, at).FirstResponse.Single(r => r.Priority is null);
            return (all.Met, all.Missed);
        }
    }

    [Fact]
    public void R5_with_nobody_eligible_the_call_is_escalated_to_the_on_duty_sergeants_by_name()
    {
        using var t = Seeded();
        var db = t.Db;
        SetStatus(db, OfficerStatus.Busy, "CSO-AMS", "CSS-A");
        SetStatus(db, OfficerStatus.OffDuty, "CSS-D");
        SetStatus(db, OfficerStatus.Busy, "SGT-2"); // BUSY is on duty; only OFF_DUTY sergeants are not named.
        var id = AddCall(db, "1", T0, "AMS", "FIGHT");
        Pass(db, T0);
        var act = Assert.Single(Pass(db, T0.AddSeconds(61)).Actions);
        Assert.Equal(CallStatus.Escalated, act.To);
        var ev = Reads.EventsOfCall(db, id).Single(e => e.Kind == "call.escalated");
        Assert.Equal("R5: no eligible officer at the deadline; escalated to the on-duty supervisor (SGT-1, SGT-2).", ev.Reason);
        var row = Row(db, id);
        Assert.Equal(("ESCALATED", 0L), (row.Status, row.Met));
        Assert.Equal(TimeText.ToDb(T0.AddSeconds(61)), row.EscalatedAt);
        Assert.Equal(1, FirstResponseFigures.Today(db, T0).Escalated);
        Assert.Empty(Pass(db, T0.AddMinutes(10)).Actions); // an escalated call waits for the supervisor
    }

    [Fact]
    public void R6_one_timeout_then_the_next_officer_two_timeouts_then_escalation()
    {
        using var t = Seeded();
        var db = t.Db;
        SetStatus(db, OfficerStatus.OffDuty, "CSS-D");
        var id = AddCall(db, "1", T0, "AMS", "FIGHT");
        Pass(db, T0);
        var assigned = T0.AddSeconds(60);
        Pass(db, assigned); // R5 → CSO-AMS
        Assert.Empty(Pass(db, assigned.AddSeconds(89)).Actions);

        var first = Assert.Single(Pass(db, assigned.AddSeconds(90)).Actions);
        Assert.Equal((PassStep.Acknowledgement, CallStatus.Assigned, "CSS-A", "CSO-AMS"), (first.Step, first.To, first.Badge, first.ReleasedBadge));
        Assert.Equal(("ASSIGNED", "CSS-A"), (Row(db, id).Status, Row(db, id).AssignedTo));
        Assert.Equal(OfficerStatus.Available, Reads.RequireOfficer(db, "CSO-AMS").Status);
        Assert.Equal(new[] { "CSO-AMS" }, Recommendations.TimedOutOn(db, id).ToArray());
        Assert.Equal(TimeText.ToDb(assigned), Row(db, id).FirstAssignedAt); // the first assignment stays the first

        var second = assigned.AddSeconds(180);
        Assert.Empty(Pass(db, second.AddSeconds(-1)).Actions);
        var esc = Assert.Single(Pass(db, second).Actions);
        Assert.Equal((CallStatus.Escalated, "CSS-A"), (esc.To, esc.ReleasedBadge));
        var row = Row(db, id);
        Assert.Equal(("ESCALATED", (string?)null), (row.Status, row.AssignedTo));
        var ev = Reads.EventsOfCall(db, id).Single(e => e.Kind == "call.escalated");
        Assert.StartsWith("R6: CSS-A did not acknowledge within 90 s", ev.Reason, StringComparison.Ordinal);
        Assert.EndsWith("no other eligible officer; escalated to the on-duty supervisor (SGT-1).", ev.Reason, StringComparison.Ordinal);
        Assert.Equal(2, Reads.EventsOfCall(db, id).Count(e => e.Kind == "officer.released"));
        // CSO-AMS (timed out first) is AVAILABLE again but is not offered this call again (R6).
        Assert.DoesNotContain(Recommendations.For(db, id, second).Candidates, c => c.Officer.Badge == "CSO-AMS");
    }

    [Fact]
    public void R6_an_acknowledged_assignment_is_never_released()
    {
        using var t = Seeded();
        var db = t.Db;
        var id = AddCall(db, "1", T0, "AHS", "FIGHT");
        Pass(db, T0);
        Pass(db, T0.AddSeconds(60));
        CallActions.Acknowledge(db, TestDb.Account, id, T0.AddSeconds(100));
        Assert.Empty(Pass(db, T0.AddMinutes(30)).Actions);
        Assert.Equal(("ACKNOWLEDGED", "CSO-AHS"), (Row(db, id).Status, Row(db, id).AssignedTo));
    }

    [Fact]
    public void A_second_pass_at_the_same_time_changes_nothing()
    {
        using var t = Seeded();
        var db = t.Db;
        for (var i = 0; i < 12; i++)
            AddCall(db, $"c{i}", T0.AddSeconds(i * 20), i % 3 == 0 ? "AMS" : "BHS", i % 2 == 0 ? "FIGHT" : "TRESPASS");
        AddCall(db, "d", T0, "AES", "DISCIPLINE");
        var at = T0.AddMinutes(3);
        Pass(db, T0.AddSeconds(90)); // some assigned at 90 s, to time out at 3 min
        var first = Pass(db, at);
        Assert.NotEmpty(first.Actions);
        string Dump() => string.Join("\n", db.Connection.Query<string>(
            "SELECT id || status || coalesce(assigned_to,'') || trace || coalesce(deadline_met,'') FROM calls ORDER BY id")) +
            db.Connection.ExecuteScalar<long>("SELECT count(*) FROM events") +
            string.Join(",", db.Connection.Query<string>("SELECT badge || status FROM officers ORDER BY badge"));
        var before = Dump();
        var second = Pass(db, at);
        Assert.Empty(second.Actions);
        Assert.Empty(second.Skipped);
        Assert.Equal(before, Dump());
    }

    [Fact]
    public void A_restart_in_the_middle_of_the_day_continues_from_the_store()
    {
        using var t = Seeded();
        long id;
        using (var first = t.OpenAnother())
        {
            id = AddCall(first, "1", T0, "AMS", "FIGHT");
            Pass(first, T0);
            Pass(first, T0.AddSeconds(60)); // assigned to CSO-AMS
        }
        using var restarted = t.OpenAnother();
        Assert.Empty(Pass(restarted, T0.AddSeconds(60)).Actions); // nothing redone
        var r = Pass(restarted, T0.AddSeconds(150)); // R6 as if never restarted
        Assert.Equal(("CSS-A", "CSO-AMS"), (r.Actions.Single().Badge, r.Actions.Single().ReleasedBadge));
        Assert.Equal(1, Events(restarted, id, "call.pending"));
    }

    [Fact]
    public void A_cancelled_pass_does_nothing_and_says_so()
    {
        using var t = Seeded();
        AddCall(t.Db, "1", T0, "AHS", "FIGHT");
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var r = EnforcementPass.Run(t.Db, T0, cts.Token);
        Assert.True(r.Cancelled);
        Assert.Empty(r.Actions);
        Assert.Equal(0, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM calls WHERE status <> 'NEW'"));
    }

    [Fact]
    public void A_database_without_a_district_and_without_calls_is_a_quiet_pass()
    {
        using var t = new TestDb();
        var r = Pass(t.Db, T0);
        Assert.Empty(r.Actions);
        Assert.Equal("pass 2026-11-23T18:00:00.000Z: 0 classified, 0 assigned, 0 escalated, 0 released; 0 conflicts skipped, 0 failed", r.Summary);
    }

    [Fact]
    public void Two_passes_racing_on_two_connections_act_on_each_call_once()
    {
        using var t = Seeded();
        var rnd = new Random(7);
        var locs = Locations.Keys.ToArray();
        string[] types = ["FIGHT", "TRESPASS", "DISCIPLINE", "WELFARE", "ASSAULT", "EDP"];
        var ids = Enumerable.Range(0, 40).Select(i => AddCall(t.Db, $"r{i}", T0.AddSeconds(rnd.Next(0, 600)), locs[rnd.Next(locs.Length)], types[rnd.Next(types.Length)])).ToList();
        var times = Enumerable.Range(0, 40).Select(i => T0.AddSeconds(i * 30)).ToList();
        var results = new List<PassResult>[2] { [], [] };
        var threads = Enumerable.Range(0, 2).Select(w => new Thread(() =>
        {
            using var db = t.OpenAnother();
            foreach (var at in times) results[w].Add(EnforcementPass.Run(db, at));
        })).ToList();
        threads.ForEach(th => th.Start());
        threads.ForEach(th => th.Join());

        var c = t.Db.Connection;
        foreach (var id in ids)
        {
            Assert.Equal(1, c.ExecuteScalar<long>("SELECT count(*) FROM events WHERE call_id = @id AND from_status = 'NEW'", new { id }));
            Assert.True(c.ExecuteScalar<long>("SELECT count(*) FROM events WHERE call_id = @id AND kind = 'call.escalated'", new { id }) <= 1);
            // at most one worker assignment per call per instant, and never two at once of the same officer
            Assert.Equal(0, c.ExecuteScalar<long>(
                "SELECT count(*) FROM (SELECT at FROM events WHERE call_id = @id AND kind = 'call.assigned' GROUP BY at HAVING count(*) > 1)", new { id }));
            Assert.Equal(0, c.ExecuteScalar<long>(
                "SELECT count(*) FROM (SELECT badge FROM assignments WHERE call_id = @id GROUP BY badge HAVING count(*) > 1)", new { id }));
        }
        var actions = results.Sum(r => r.Sum(p => p.Actions.Count));
        Assert.Equal(c.ExecuteScalar<long>("SELECT count(*) FROM events WHERE actor = 'worker' AND kind IN ('call.pending','call.diverted','call.referred','call.cancelled','call.assigned','call.escalated')"), actions);
    }
}
