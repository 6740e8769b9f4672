using System.Diagnostics;
using Dapper;
using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Store.Postgres;

/// <summary>
/// Issue 17: on a busy dispatch host a state change waits mostly on round trips to PostgreSQL (each wakes the client
/// and a server process), so a change sends its write lock and its statements together (<see cref="StatementBatch"/>). Counted
/// here from Npgsql's own trace of what it sends: one activity per command or batch.
/// </summary>
public class PgRoundTripTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_call_goes_through_assign_en_route_on_scene_and_clear_in_few_round_trips_with_every_event()
    {
        using var t = new TestDb(StoreBackend.Postgres);
        DistrictImport.Run(t.Db, DistrictSource.Demo, TestDb.Account, Now);
        var badge = t.Db.Connection.ExecuteScalar<string>("SELECT badge FROM officers WHERE post = 'LHS' AND role = 'SRO'")!;
        t.Db.Connection.Execute("UPDATE officers SET status = 'AVAILABLE' WHERE badge = @badge", new { badge });
        var id = t.Db.Connection.ExecuteScalar<long>("""
            INSERT INTO calls(source, external_id, received_at, location, type, priority, description, status, created_at, updated_at)
            VALUES ('t', 'rt', @at, 'LHS', 'WEAPON', 1, '', 'PENDING', @at, @at) RETURNING id
            """, new { at = TimeText.ToDb(Now.AddSeconds(-30)) });
        CallActions.Assign(t.Db, TestDb.Account, id, badge, Now); // the district's facts read and kept, as a board has them

        var enRoute = RoundTrips(() => CallActions.EnRoute(t.Db, TestDb.Account, id, Now));
        var onScene = RoundTrips(() => CallActions.OnScene(t.Db, TestDb.Account, id, Now));
        var clear = RoundTrips(() => CallActions.Clear(t.Db, TestDb.Account, id, "02", Now));

        // En route: the role, the call and the officer read; the write lock; the call's and the officer's changes with
        // their events and the assignment's times, together (the commit is not counted). Before: 8, 7 and 9, a round trip
        // for each statement.
        Assert.InRange(enRoute, 1, 5);
        Assert.InRange(onScene, 1, 5);
        // Clear reads the disposition's name, and inside the change its officer under lock and the call's assists.
        Assert.InRange(clear, 1, 8);
        Assert.Equal(["call.assigned", "officer.assigned", "call.en_route", "officer.status", "call.on_scene", "officer.status", "call.cleared", "officer.released"],
            t.Db.Connection.Query<string>("SELECT kind FROM events WHERE call_id = @id AND to_status IS NOT NULL ORDER BY id", new { id }));
    }

    /// <summary>Commands and batches Npgsql sent while <paramref name="work"/> ran on this thread.</summary>
    private static int RoundTrips(Action work)
    {
        var count = 0;
        var thread = Environment.CurrentManagedThreadId;
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = _ =>
            {
                if (Environment.CurrentManagedThreadId == thread) Interlocked.Increment(ref count); // other tests run beside this one
            },
        };
        ActivitySource.AddActivityListener(listener);
        work();
        return count;
    }
}
