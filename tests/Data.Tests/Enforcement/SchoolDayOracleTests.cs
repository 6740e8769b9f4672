using Dapper;
using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Enforcement;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests.Seed;
using static SafetyConsole.Data.Tests.Seed.TestDistrictSeed;

namespace SafetyConsole.Data.Tests.Enforcement;

/// <summary>
/// A school day of 500 generated calls (seeded Random) run through passes every 20 s with simulated dispatchers
/// (acknowledging, clearing, sometimes assigning early, resolving escalations), then checked call by call against
/// a small oracle written here from the rules' text, independent of the policy code.
/// </summary>
[Trait(Slow.Category, Slow.Value)]
public class SchoolDayOracleTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(20);
    private static readonly DateTimeOffset Start = SchoolDay(6, 0);
    private static readonly DateTimeOffset End = SchoolDay(18, 30);
    private const string Dispatcher = TestDb.Account;

    // The oracle's own rule table (DESIGN §2, R5 defaults): type → (class, default priority, basis required, refused).
    private static readonly Dictionary<string, (string Class, int Priority, bool Basis, bool Refused)> Types = new(StringComparer.Ordinal)
    {
        ["SHOOT"] = ("LIAISON", 1, false, false), ["WEAPON"] = ("LIAISON", 1, false, false), ["ASSAULT"] = ("LIAISON", 1, false, false),
        ["THREATS"] = ("LIAISON", 2, false, false), ["TRESPASS"] = ("LIAISON", 2, false, false), ["SUSP"] = ("LIAISON", 2, false, false),
        ["DRUGS"] = ("LIAISON", 3, false, false), ["VANDAL"] = ("LIAISON", 3, false, false), ["LARCENY"] = ("LIAISON", 3, false, false),
        ["TRAFFIC"] = ("LIAISON", 4, false, false), // TRUANT is a scheduled duty (issue 15), not a call
        ["FIGHT"] = ("CAMPUS", 1, false, false), ["INTERVENE"] = ("CAMPUS", 2, true, false), ["SUICTHRT"] = ("CAMPUS", 1, false, false),
        ["EDP"] = ("CAMPUS", 2, false, false), ["WELFARE"] = ("CAMPUS", 3, false, false), ["ALRBA"] = ("CAMPUS", 3, false, false),
        ["DISORD"] = ("CAMPUS", 2, false, false),
        ["DISCIPLINE"] = ("NONE", 4, false, false), ["ALIEN"] = ("NONE", 4, false, true),
    };

    private static readonly int[] DeadlineSeconds = [0, 60, 180, 900, 3600];

    private static DateTimeOffset FirstPassAtOrAfter(DateTimeOffset t)
    {
        var k = (long)Math.Ceiling((t - Start) / Step);
        return Start + Step * Math.Max(0, k);
    }

    private static bool OracleInWindow(string location, DateTimeOffset received)
    {
        var l = Locations[location];
        var local = TimeOnly.FromTimeSpan(received.ToOffset(Offset).TimeOfDay); // Monday 2026-11-23 is a school day; UTC−8 all day
        return local >= l.BellStart.AddMinutes(-30) && local < l.BellEnd.AddMinutes(60);
    }

    [Fact]
    public void A_school_day_of_500_calls_matches_the_oracle()
    {
        using var t = new TestDb();
        var db = t.Db;
        TestDistrictSeed.Seed(db);
        var rnd = new Random(20261123);
        var locs = Locations.Keys.Order(StringComparer.Ordinal).ToArray();
        var typeCodes = Types.Keys.ToArray();
        var calls = new List<(long Id, DateTimeOffset Received, string Location, string Type, int Priority, string? Basis, bool DispatchEarly)>();
        for (var i = 0; i < 500; i++)
        {
            var received = Start.AddSeconds(rnd.Next(0, (int)(SchoolDay(17, 0) - Start).TotalSeconds));
            var type = rnd.Next(100) < 2 ? "ALIEN" : typeCodes[rnd.Next(typeCodes.Length)];
            var loc = locs[rnd.Next(locs.Length)];
            var priority = rnd.Next(100) < 20 ? rnd.Next(1, 5) : Types[type].Priority;
            var basis = type == "INTERVENE" && rnd.Next(2) == 0 ? "disruption" : null;
            var id = AddCall(db, $"day-{i}", received, loc, type, priority, basis, description: "generated");
            calls.Add((id, received, loc, type, priority, basis, rnd.Next(100) < 30));
        }

        // The simulated people: officers acknowledge 75% of assignments after 30 s and never the rest (R6);
        // acknowledged calls are cleared 3–8 minutes later; escalations are resolved by the supervisor after 2 minutes.
        var ackAfter = new Dictionary<(long, string), TimeSpan?>();
        var clearAfter = new Dictionary<long, TimeSpan>();
        var byId = calls.ToDictionary(c => c.Id);
        var passes = 0;
        for (var now = Start; now <= End; now += Step)
        {
            foreach (var c in Reads.Calls(db, openOnly: true))
            {
                switch (c.Status)
                {
                    case CallStatus.Assigned:
                        if (!ackAfter.TryGetValue((c.Id, c.AssignedTo!), out var ack))
                            ackAfter[(c.Id, c.AssignedTo!)] = ack = rnd.Next(100) < 75 ? TimeSpan.FromSeconds(30) : null;
                        if (ack is { } a && now >= c.AssignedAt!.Value + a) CallActions.Acknowledge(db, Dispatcher, c.Id, now);
                        break;
                    case CallStatus.Acknowledged:
                        if (!clearAfter.TryGetValue(c.Id, out var clear)) clearAfter[c.Id] = clear = TimeSpan.FromMinutes(rnd.Next(3, 9));
                        if (now >= c.AssignedAt!.Value + clear) CallActions.Clear(db, Dispatcher, c.Id, "01", now);
                        break;
                    case CallStatus.Pending when byId[c.Id].DispatchEarly && now >= c.ReceivedAt + (c.Deadline!.Value - c.ReceivedAt) / 2:
                    case CallStatus.Escalated when now >= EscalatedAt(db, c.Id) + TimeSpan.FromMinutes(2):
                        var rec = Recommendations.For(db, c.Id, now);
                        if (rec.Top is { } top) CallActions.Assign(db, Dispatcher, c.Id, top.Officer.Badge, now);
                        else if (c.Status == CallStatus.Escalated) CallActions.Cancel(db, Dispatcher, c.Id, "no officer free; handled by the sergeant", now);
                        break;
                }
            }
            EnforcementPass.Run(db, now);
            passes++;
        }
        var lastPass = Start + Step * (passes - 1);

        var conn = db.Connection;
        var assignments = conn.Query<(long CallId, string Badge, string Role, string AssignedAt, string AssignedBy, string? AckedAt, string? ReleasedAt, string? Reason)>("""
            SELECT a.call_id, a.badge, o.role, a.assigned_at, a.assigned_by, a.acked_at, a.released_at, a.release_reason
            FROM assignments a JOIN officers o ON o.badge = a.badge ORDER BY a.id
            """).ToList();
        Assert.NotEmpty(assignments);
        int expectedMet = 0, expectedMissed = 0, pendingPath = 0, escalated = 0, workerAssigned = 0, r6 = 0;

        foreach (var c in calls)
        {
            var stored = Reads.RequireCall(db, c.Id);
            var events = Reads.EventsOfCall(db, c.Id);
            var spec = Types[c.Type];
            var intake = Assert.Single(events, e => e.FromStatus == "NEW");
            Assert.Equal((EnforcementPass.Actor, FirstPassAtOrAfter(c.Received)), (intake.Actor, intake.At));
            var mine = assignments.Where(a => a.CallId == c.Id).ToList();

            // Intake by the oracle's table (R8, R2, R3, R1/R4, R5).
            if (spec.Refused)
            {
                Assert.Equal("CANCELLED", intake.ToStatus);
                Assert.Single(events, e => e.Kind == "refused");
                Assert.Empty(mine);
                continue;
            }
            if (spec.Class == "NONE" || (spec.Basis && c.Basis is null))
            {
                Assert.Equal(("DIVERTED", CallStatus.Diverted), (intake.ToStatus, stored.Status));
                Assert.Empty(mine); // R2: never assigned to safety staff
                continue;
            }
            var inWindow = OracleInWindow(c.Location, c.Received);
            if (!inWindow && spec.Class == "LIAISON")
            {
                Assert.Equal(("REFERRED", CallStatus.Referred, Locations[c.Location].Agency), (intake.ToStatus, stored.Status, stored.Agency));
                Assert.Empty(mine);
                continue;
            }
            if (intake.ToStatus == "REFERRED")
            {
                // R4: an out-of-window CAMPUS call is referred only when no district campus officer is available.
                Assert.False(inWindow);
                Assert.Equal(Locations[c.Location].Agency, stored.Agency);
                continue;
            }
            Assert.Equal("PENDING", intake.ToStatus);
            pendingPath++;
            var deadline = c.Received.AddSeconds(DeadlineSeconds[c.Priority]);
            Assert.Equal(deadline, stored.Deadline);
            Assert.Equal(spec.Class, stored.Class.Text());

            // R1: the responder's class is the call's (never a sergeant, never the other class).
            foreach (var a in mine)
                Assert.Equal(spec.Class, a.Role is "CSO" or "CSS" ? "CAMPUS" : a.Role is "SLO" or "SRO" or "SSO" ? "LIAISON" : a.Role);

            // R5: by the first pass at or after the deadline the call had an officer or was escalated.
            var firstOutcome = events.FirstOrDefault(e => e.Kind is "call.assigned" or "call.escalated" or "call.cancelled");
            if (deadline <= lastPass)
            {
                Assert.NotNull(firstOutcome);
                Assert.True(firstOutcome.At <= FirstPassAtOrAfter(deadline), $"call {c.Id}: first outcome {firstOutcome.At} after the deadline pass");
            }
            if (firstOutcome is { Kind: "call.assigned" or "call.escalated" })
            {
                var met = firstOutcome.Kind == "call.assigned" && firstOutcome.At < deadline; // R5: assigned before the deadline
                if (met) expectedMet++; else expectedMissed++;
                Assert.Equal(met ? 1L : 0L, conn.ExecuteScalar<long?>("SELECT deadline_met FROM calls WHERE id = @id", new { id = c.Id }));
                if (firstOutcome.Actor == EnforcementPass.Actor)
                {
                    Assert.Equal(FirstPassAtOrAfter(deadline), firstOutcome.At); // the worker acts at the first pass from the deadline on
                    if (firstOutcome.Kind == "call.escalated") escalated++; else workerAssigned++;
                }
            }
            else if (firstOutcome is null || firstOutcome.Kind == "call.cancelled")
            {
                Assert.Null(conn.ExecuteScalar<long?>("SELECT deadline_met FROM calls WHERE id = @id", new { id = c.Id }));
            }

            // R6: an assignment never acknowledged is released at the first pass after the timeout, and the officer is not offered the call again.
            foreach (var a in mine.Where(a => a.AckedAt is null))
            {
                var due = TimeText.FromDb(a.AssignedAt) + PolicySettings.Default.AckTimeout;
                if (due > lastPass) continue;
                Assert.Equal(("ack-timeout", TimeText.ToDb(FirstPassAtOrAfter(due))), (a.Reason, a.ReleasedAt));
                Assert.Single(mine, x => x.Badge == a.Badge);
                r6++;
            }
        }

        // No officer on two calls at once.
        foreach (var g in assignments.GroupBy(a => a.Badge))
        {
            var list = g.OrderBy(a => a.AssignedAt, StringComparer.Ordinal).ToList();
            for (var i = 1; i < list.Count; i++)
                Assert.True(list[i - 1].ReleasedAt is { } r && string.CompareOrdinal(r, list[i].AssignedAt) <= 0, $"{g.Key} double-booked");
        }
        // No DISCIPLINE or class-NONE call was ever assigned (R2).
        Assert.Equal(0, conn.ExecuteScalar<long>("SELECT count(*) FROM assignments a JOIN calls c ON c.id = a.call_id WHERE c.type IN ('DISCIPLINE','ALIEN') OR c.class = 'NONE'"));
        // Nothing left PENDING past its deadline; the figures agree with the oracle's count.
        Assert.Equal(0, conn.ExecuteScalar<long>("SELECT count(*) FROM calls WHERE status = 'PENDING' AND deadline <= @at", new { at = TimeText.ToDb(lastPass) }));
        var day = FirstResponseFigures.ForDay(db, new DateOnly(2026, 11, 23), lastPass);
        Assert.Equal((expectedMet, expectedMissed), (day.DeadlinesMet, day.DeadlinesMissed));
        // The day exercised every path.
        Assert.True(pendingPath > 200 && escalated > 0 && workerAssigned > 0 && r6 > 0 && expectedMet > 0,
            $"pending {pendingPath}, escalated {escalated}, worker-assigned {workerAssigned}, R6 {r6}, met {expectedMet}");
    }

    private static DateTimeOffset EscalatedAt(SafetyDb db, long id) =>
        TimeText.FromDb(db.Connection.ExecuteScalar<string>("SELECT max(at) FROM events WHERE call_id = @id AND kind = 'call.escalated'", new { id })!);
}
