using Dapper;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests.TestDistricts;

namespace SafetyConsole.Data.Tests.Store;

public class StateChangesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 18, 0, 0, TimeSpan.Zero);

    /// <summary>A minimal district row set so a call and an officer can exist (foreign keys are on).</summary>
    internal static void SeedOneCallAndOfficer(SafetyDb db)
    {
        // THE test district (by `district import`) with one school and one officer; the call is written by hand.
        TestDistrictBuilder.Create()
            .WithLocations(new Location("LHS", "Lincoln High", "high", "LHS", TestDistrictBuilder.Police, 47.2, -122.4, "", new(7, 30), new(14, 30), ""))
            .Officer(new("CSO-1", "Ana Ortiz", Role.CSO, TestDistrictBuilder.DistrictSafety, "LHS", OfficerStatus.Available))
            .Import(db, new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero));
        db.Connection.Execute("""
            INSERT INTO calls(id, source, external_id, received_at, location, type, priority, status, created_at, updated_at)
              VALUES (1, 'staff', 'A1', '2026-11-23T18:00:00.000Z', 'LHS', 'FIGHT', 1, 'PENDING', '2026-11-23T18:00:00.000Z', '2026-11-23T18:00:00.000Z');
            """);
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: the conditional update, its event and the rollback alike
    public void A_change_writes_the_new_state_and_its_event_in_one_transaction(StoreBackend backend)
    {
        using var t = new TestDb(backend);
        SeedOneCallAndOfficer(t.Db);
        t.Db.Write(tx => StateChanges.MoveCall(tx, 1, CallStatus.Pending, CallStatus.Assigned,
            new EventRow(At, "alice", "call.assigned", Badge: "CSO-1"), new CallSet().AssignedTo("CSO-1", At)));
        var call = Reads.RequireCall(t.Db, 1);
        Assert.Equal(CallStatus.Assigned, call.Status);
        Assert.Equal("CSO-1", call.AssignedTo);
        var ev = Assert.Single(Reads.EventsOfCall(t.Db, 1));
        Assert.Equal(("alice", "PENDING", "ASSIGNED"), (ev.Actor, ev.FromStatus, ev.ToStatus));
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: the conditional update, its event and the rollback alike
    public void A_conflict_rolls_back_everything_done_before_it_in_the_transaction(StoreBackend backend)
    {
        using var t = new TestDb(backend);
        SeedOneCallAndOfficer(t.Db);
        var e = Assert.Throws<ChangeConflict>(() => t.Db.Write(tx =>
        {
            StateChanges.MoveOfficer(tx, "CSO-1", OfficerStatus.Available, OfficerStatus.Assigned, new EventRow(At, "bob", "officer.assigned"));
            StateChanges.MoveCall(tx, 1, CallStatus.Assigned, CallStatus.Acknowledged, new EventRow(At, "bob", "call.ack")); // call is PENDING: conflict
        }));
        Assert.Contains("was not ASSIGNED any more: it is PENDING", e.Message, StringComparison.Ordinal);
        Assert.Equal(OfficerStatus.Available, Reads.RequireOfficer(t.Db, "CSO-1").Status);
        Assert.Empty(Reads.EventsOfCall(t.Db, 1));
        Assert.Equal(0, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE badge = 'CSO-1'"));
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: the conditional update, its event and the rollback alike
    public void An_illegal_transition_is_refused_naming_both_states(StoreBackend backend)
    {
        using var t = new TestDb(backend);
        SeedOneCallAndOfficer(t.Db);
        var e = Assert.Throws<SafetyException>(() => t.Db.Write(tx =>
            StateChanges.MoveCall(tx, 1, CallStatus.Pending, CallStatus.OnScene, new EventRow(At, "bob", "x"))));
        Assert.Contains("A PENDING call cannot become ON_SCENE", e.Message, StringComparison.Ordinal);
        Assert.Equal(CallStatus.Pending, Reads.RequireCall(t.Db, 1).Status);
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: the conditional update, its event and the rollback alike
    public void Two_connections_racing_the_same_conditional_update_exactly_one_wins(StoreBackend backend)
    {
        using var t = new TestDb(backend);
        SeedOneCallAndOfficer(t.Db);
        for (var round = 0; round < 20; round++)
        {
            t.Db.Connection.Execute("UPDATE calls SET status = 'PENDING', assigned_to = NULL; UPDATE officers SET status = 'AVAILABLE'");
            using var gate = new Barrier(2);
            var outcomes = new string[2];
            var threads = Enumerable.Range(0, 2).Select(i => new Thread(() =>
            {
                using var db = t.OpenAnother();
                gate.SignalAndWait();
                try
                {
                    db.Write(tx => StateChanges.MoveCall(tx, 1, CallStatus.Pending, CallStatus.Assigned,
                        new EventRow(At, $"dispatcher{i}", "call.assigned"), new CallSet().AssignedTo("CSO-1", At)));
                    outcomes[i] = "won";
                }
                catch (ChangeConflict c)
                {
                    outcomes[i] = c.Message;
                }
            })).ToList();
            threads.ForEach(th => th.Start());
            threads.ForEach(th => th.Join());
            Assert.Single(outcomes, o => o == "won");
            var loser = Assert.Single(outcomes, o => o != "won");
            Assert.Contains("it is ASSIGNED to CSO-1 (by dispatcher", loser, StringComparison.Ordinal);
        }
    }
}
