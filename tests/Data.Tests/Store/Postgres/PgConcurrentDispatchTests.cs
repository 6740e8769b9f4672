using Dapper;
using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Store.Postgres;

/// <summary>
/// Issue 17: with changes to different calls running side by side on PostgreSQL (<see cref="WriteScope.OnCall"/>),
/// six dispatchers on their own connections push twelve calls at four schools through assign, en route, on scene and
/// clear at once, picking calls at random so that they race for the same call and for the same officer all the time.
/// Afterwards every call's history is one unbroken chain of states, every officer is where its assignments say, each
/// race had one winner, and the server saw no deadlock (one would have been retried invisibly, after a second's wait).
/// </summary>
public class PgConcurrentDispatchTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 18, 0, 0, TimeSpan.Zero);
    private const int Dispatchers = 6;
    private const int Schools = 4;
    private const int CallsPerSchool = 3;

    [Fact]
    public void Dispatchers_racing_on_shared_calls_and_officers_keep_every_history_whole_and_never_deadlock()
    {
        using var t = new TestDb(StoreBackend.Postgres);
        DistrictImport.Run(t.Db, DistrictSource.Demo, TestDb.Account, Now);
        var officers = FreeOfficersAtTheirSchools(t.Db).Take(Schools).ToList();
        Assert.Equal(Schools, officers.Count);
        var calls = officers.SelectMany(o => Enumerable.Range(0, CallsPerSchool).Select(_ => (Id: NewCall(t.Db, o.Post), o.Badge))).ToList();
        var backendsBefore = OtherBackends(t.Db);
        var deadlocksBefore = Deadlocks(t.Db, backendsBefore);

        var unexpected = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        var refused = 0;
        var threads = Enumerable.Range(0, Dispatchers).Select(n => new Thread(() =>
        {
            try
            {
                using var db = t.OpenAnother();
                var random = new Random(n);
                for (var step = 0; step < 400 && Open(db, calls) is { Count: > 0 } open; step++)
                {
                    var (id, badge) = open[random.Next(open.Count)];
                    try
                    {
                        Advance(db, id, badge);
                    }
                    catch (SafetyException) // a lost race (ChangeConflict) or a refusal: told why, nothing written
                    {
                        Interlocked.Increment(ref refused);
                    }
                }
            }
            catch (Exception e)
            {
                unexpected.Add(e);
            }
        })).ToList();
        threads.ForEach(th => th.Start());
        threads.ForEach(th => th.Join());

        Assert.Empty(unexpected);
        Assert.Empty(Open(t.Db, calls)); // every call went all the way
        Assert.True(refused > 0, "the dispatchers never raced: the test proves nothing"); // they did: lost races were refused
        Assert.Equal(deadlocksBefore, Deadlocks(t.Db, backendsBefore));
        foreach (var (id, badge) in calls)
        {
            var states = t.Db.Connection.Query<(string From, string To)>(
                "SELECT from_status, to_status FROM events WHERE call_id = @id AND badge IS NOT DISTINCT FROM @badge AND kind LIKE 'call.%' AND to_status IS NOT NULL ORDER BY id",
                new { id, badge }).ToList();
            Assert.Equal(["ASSIGNED", "EN_ROUTE", "ON_SCENE", "CLEARED"], states.Select(s => s.To));
            for (var i = 1; i < states.Count; i++) Assert.Equal(states[i - 1].To, states[i].From); // no change made from a stale state
            Assert.Equal(1, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM assignments WHERE call_id = @id AND released_at IS NOT NULL", new { id }));
        }
        foreach (var (badge, _) in officers)
        {
            Assert.Equal("AVAILABLE", t.Db.Connection.ExecuteScalar<string>("SELECT status FROM officers WHERE badge = @badge", new { badge }));
            // The officer's own history: each state left is the state entered before, one call at a time.
            var moves = t.Db.Connection.Query<(string From, string To)>(
                "SELECT from_status, to_status FROM events WHERE badge = @badge AND kind LIKE 'officer.%' AND call_id = ANY(@ids) ORDER BY id",
                new { badge, ids = calls.Select(c => c.Id).ToArray() }).ToList();
            Assert.Equal(CallsPerSchool * 4, moves.Count);
            for (var i = 1; i < moves.Count; i++) Assert.Equal(moves[i - 1].To, moves[i].From);
        }
    }

    /// <summary>The next step of a call, as a dispatcher who has just read the board would take it.</summary>
    private static void Advance(SafetyDb db, long id, string badge)
    {
        var call = Reads.RequireCall(db, id);
        switch (call.Status)
        {
            case CallStatus.New or CallStatus.Pending: CallActions.Assign(db, TestDb.Account, id, badge, Now); break;
            case CallStatus.Assigned: CallActions.EnRoute(db, TestDb.Account, id, Now); break;
            case CallStatus.EnRoute: CallActions.OnScene(db, TestDb.Account, id, Now); break;
            case CallStatus.OnScene: CallActions.Clear(db, TestDb.Account, id, "02", Now); break;
        }
    }

    private static List<(long Id, string Badge)> Open(SafetyDb db, List<(long Id, string Badge)> calls)
    {
        var cleared = db.Connection.Query<long>("SELECT id FROM calls WHERE status = 'CLEARED'").ToHashSet();
        return calls.Where(c => !cleared.Contains(c.Id)).ToList();
    }

    /// <summary>CSOs that R7 lets take a fight at the school of their post now (some have lapsed training): tried on a probe call.</summary>
    private static IEnumerable<(string Badge, string Post)> FreeOfficersAtTheirSchools(SafetyDb db)
    {
        foreach (var (badge, post) in db.Connection.Query<(string, string)>("SELECT badge, post FROM officers WHERE role = 'CSO' AND status = 'AVAILABLE' ORDER BY badge").ToList())
        {
            var probe = NewCall(db, post);
            try
            {
                CallActions.Assign(db, TestDb.Account, probe, badge, Now);
            }
            catch (SafetyException)
            {
                CallActions.Cancel(db, TestDb.Account, probe, "probe", Now);
                continue;
            }
            CallActions.Cancel(db, TestDb.Account, probe, "probe", Now);
            yield return (badge, post);
        }
    }

    private static long NewCall(SafetyDb db, string location) =>
        db.Connection.ExecuteScalar<long>("""
            INSERT INTO calls(source, external_id, received_at, location, type, priority, description, status, created_at, updated_at)
            VALUES ('t', @ext, @at, @location, 'FIGHT', 4, '', 'NEW', @at, @at) RETURNING id
            """, new { ext = Guid.NewGuid().ToString("N"), at = TimeText.ToDb(Now.AddSeconds(-30)), location });

    /// <summary>
    /// Deadlocks the server has counted in this database. A backend reports its counts when it ends (or, idle, up to
    /// seconds later), so the dispatchers' pooled connections are closed and waited for first.
    /// </summary>
    private static long Deadlocks(SafetyDb db, long backendsAtRest)
    {
        Npgsql.NpgsqlConnection.ClearPool((Npgsql.NpgsqlConnection)db.Connection);
        Eventually.That(() => OtherBackends(db) <= backendsAtRest, TimeSpan.FromSeconds(10),
            () => $"the dispatchers' server processes did not end: {OtherBackends(db)} besides this one, {backendsAtRest} before", every: TimeSpan.FromMilliseconds(20));
        db.Connection.Execute("SELECT pg_stat_clear_snapshot()");
        return db.Connection.ExecuteScalar<long>("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()");
    }

    private static long OtherBackends(SafetyDb db) =>
        db.Connection.ExecuteScalar<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
}
