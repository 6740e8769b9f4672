using System.Text.RegularExpressions;
using Dapper;
using SafetyConsole.Data.Enforcement;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests;
using SafetyConsole.Data.Tests.Seed;
using static SafetyConsole.Data.Tests.Seed.TestDistrictSeed;

namespace SafetyConsole.Worker.Tests;

/// <summary>The real program: two workers against one database never act twice on a call; settings are validated.</summary>
[Trait(Slow.Category, Slow.Value)]
public partial class WorkerProcessTests
{
    private const string Secret = "DESCRIPTION-NEVER-LOGGED";
    private static readonly string[] Types = ["FIGHT", "TRESPASS", "DISCIPLINE", "WELFARE", "ASSAULT", "EDP", "INTERVENE", "ALIEN"];

    private static List<long> AddCalls(SafetyDb db, int n, DateTimeOffset from, int spreadSeconds, int seed)
    {
        var rnd = new Random(seed);
        var locs = Locations.Keys.Order(StringComparer.Ordinal).ToArray();
        return Enumerable.Range(0, n)
            .Select(i => AddCall(db, $"p{i}", from.AddSeconds(rnd.Next(0, spreadSeconds)), locs[rnd.Next(locs.Length)], Types[rnd.Next(Types.Length)],
                basis: rnd.Next(2) == 0 ? "danger" : null, description: Secret))
            .ToList();
    }

    /// <summary>Every call acted on once: one intake, at most one escalation, one assignment per officer, one R6 release per assignment.</summary>
    private static void AssertEachActedOnOnce(SafetyDb db, IEnumerable<long> ids)
    {
        var c = db.Connection;
        foreach (var id in ids)
        {
            var perKind = c.Query<(string Kind, long N)>(
                "SELECT kind, count(*) FROM events WHERE call_id = @id AND actor = 'worker' GROUP BY kind", new { id }).ToDictionary(r => r.Kind, r => r.N);
            Assert.Equal(1, c.ExecuteScalar<long>("SELECT count(*) FROM events WHERE call_id = @id AND from_status = 'NEW'", new { id }));
            Assert.True(perKind.GetValueOrDefault("call.escalated") <= 1, $"call {id} escalated twice");
            Assert.True(perKind.GetValueOrDefault("refused") <= 1, $"call {id} refused twice");
            Assert.Equal(0, c.ExecuteScalar<long>(
                "SELECT count(*) FROM (SELECT badge FROM assignments WHERE call_id = @id GROUP BY badge HAVING count(*) > 1) AS twice", new { id }));
            Assert.Equal(0, c.ExecuteScalar<long>(
                "SELECT count(*) FROM (SELECT at FROM events WHERE call_id = @id AND kind IN ('call.assigned','call.escalated') GROUP BY at HAVING count(*) > 1) AS twice", new { id }));
            // each release is of a distinct assignment, and there are never more releases than assignments
            Assert.True(perKind.GetValueOrDefault("officer.released") <= perKind.GetValueOrDefault("call.assigned"), $"call {id} released more than assigned");
        }
        // no officer on two open assignments
        Assert.Equal(0, c.ExecuteScalar<long>("SELECT count(*) FROM (SELECT badge FROM assignments WHERE released_at IS NULL GROUP BY badge HAVING count(*) > 1) AS twice"));
    }

    [GeneratedRegex(@"^call \d+: [A-Z_]+ -> [A-Z_]+ ", RegexOptions.Multiline)]
    private static partial Regex ActionLine();

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: the pass's re-read and its writes under the advisory write lock
    public async Task Two_once_workers_started_together_round_after_round_act_on_every_call_exactly_once(StoreBackend backend)
    {
        using var t = new TestDb(backend);
        WorkerAccount.Allow(t);
        TestDistrictSeed.Seed(t.Db);
        var t0 = SchoolDay(10, 0);
        var ids = AddCalls(t.Db, 30, t0, 480, seed: 5);
        var printed = 0;
        var conflicts = 0;
        for (var round = 0; round <= 12; round++)
        {
            var at = Iso(t0.AddSeconds(round * 60));
            using var a = new WorkerProcess(["--db", t.FilePath, "--once", "--at", at]);
            using var b = new WorkerProcess(["--db", t.FilePath, "--once", "--at", at]);
            foreach (var (code, stdout, stderr) in await Task.WhenAll(a.Exit(), b.Exit()))
            {
                Assert.True(code == 0, $"exit {code}: {stderr}");
                Assert.DoesNotContain(Secret, stdout, StringComparison.Ordinal);
                Assert.EndsWith(" failed\n", stdout.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
                printed += ActionLine().Count(stdout);
                conflicts += stdout.Split('\n').Count(l => l.Contains(": skipped, ", StringComparison.Ordinal));
            }
        }
        AssertEachActedOnOnce(t.Db, ids);
        // What the two processes reported doing is exactly what the event log holds: nothing done twice.
        var done = t.Db.Connection.ExecuteScalar<long>(
            "SELECT count(*) FROM events WHERE actor = 'worker' AND kind IN ('call.pending','call.diverted','call.referred','call.cancelled','call.assigned','call.escalated')");
        Assert.Equal(done, printed);
        Assert.True(done >= ids.Count, $"only {done} actions for {ids.Count} calls ({conflicts} conflicts)");
        var last = TimeText.ToDb(t0.AddSeconds(12 * 60));
        Assert.Equal(0, t.Db.Connection.ExecuteScalar<long>(
            "SELECT count(*) FROM calls WHERE status = 'NEW' OR status = 'PENDING' AND deadline <= @last", new { last }));
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)]
    public async Task Two_continuous_workers_share_the_work_and_stop_cleanly_on_SIGTERM(StoreBackend backend)
    {
        using var t = new TestDb(backend);
        WorkerAccount.Allow(t);
        TestDistrictSeed.Seed(t.Db);
        var env = new Dictionary<string, string> { ["SAFETY_WORKER_PASSINTERVAL"] = "200ms" };
        using var a = new WorkerProcess(["--db", t.FilePath], env);
        using var b = new WorkerProcess(["--db", t.FilePath], env);
        // Both started (their hosts handle SIGTERM from here): under load one worker may otherwise handle every call
        // and be told to stop while the other is still starting, which the runtime ends with 143 instead of a clean 0.
        a.WaitForErr("enforcing first response");
        b.WaitForErr("enforcing first response");
        // Calls received long enough ago that every deadline has passed whatever today's date is.
        var ids = AddCalls(t.Db, 25, DateTimeOffset.UtcNow.AddHours(-2), 60, seed: 9);

        Assert.True(await Eventually.HoldsAsync(() => t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM calls WHERE status IN ('NEW','PENDING')") == 0,
            TimeSpan.FromSeconds(60)), "the workers did not handle every call within 60 s");
        a.Terminate();
        b.Terminate();
        foreach (var (code, _, stderr) in await Task.WhenAll(a.Exit(), b.Exit()))
        {
            Assert.True(code == 0, $"exit {code}: {stderr}");
            Assert.DoesNotContain(Secret, stderr, StringComparison.Ordinal);
            Assert.All(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.Matches(@"^\d{4}-\d\d-\d\dT[\d:.]+Z (info|warn|fail|dbug): ", l));
        }
        AssertEachActedOnOnce(t.Db, ids);
    }

    [Fact]
    public async Task A_bad_setting_is_one_sentence_on_stderr_and_exit_2()
    {
        using var t = new TestDb();
        WorkerAccount.Allow(t);
        var (code, stdout, stderr) = await WorkerProcess.Run(["--db", t.FilePath, "--once"],
            new Dictionary<string, string> { ["SAFETY_WORKER_PASSINTERVAL"] = "soon" });
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal("The setting PassInterval ('soon') is not a duration; write seconds like 90, or 90s, 3min, 1h, or 00:01:30 (set it in appsettings.json or as SAFETY_WORKER_PASSINTERVAL).\n",
            stderr.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_policy_number_in_the_environment_stops_the_worker_with_one_sentence_and_exit_2()
    {
        // Issue 13: the worker used to enforce its own SAFETY_WORKER_DEADLINEP1 while the board used the built-in 60 s.
        using var t = new TestDb();
        var (code, stdout, stderr) = await WorkerProcess.Run(["--db", t.FilePath, "--once"],
            new Dictionary<string, string> { ["SAFETY_WORKER_DEADLINEP1"] = "45s" });
        Assert.Equal((2, ""), (code, stdout));
        Assert.Equal("The setting DeadlineP1 (in appsettings.json or as SAFETY_WORKER_DEADLINEP1) is a policy number, which every process now reads from the database; remove it and have a supervisor run `safety-console policy set deadline_p1_seconds VALUE --reason TEXT`.\n",
            stderr.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_database_is_one_sentence_and_exit_2()
    {
        var (code, _, stderr) = await WorkerProcess.Run(["--db", "/nonexistent/safety.db", "--once"]);
        Assert.Equal(2, code);
        Assert.StartsWith("There is no SafetyConsole database at /nonexistent/safety.db;", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Once_prints_a_line_per_action_and_a_summary()
    {
        using var t = new TestDb();
        WorkerAccount.Allow(t);
        TestDistrictSeed.Seed(t.Db);
        var t0 = SchoolDay(10, 0);
        AddCall(t.Db, "1", t0, "AMS", "FIGHT", description: Secret);
        AddCall(t.Db, "2", t0, "AMS", "DISCIPLINE");
        var (code, stdout, _) = await WorkerProcess.Run(["--db", t.FilePath, "--once", "--at", Iso(t0.AddSeconds(61))]);
        Assert.Equal(0, code);
        Assert.Equal("""
            call 1: NEW -> PENDING CAMPUS P1, deadline 2026-11-23T10:01:00-08:00 (R5)
            call 2: NEW -> DIVERTED R2: DISCIPLINE is routine student discipline; diverted to Alder Middle School's administration queue. No override exists; a supervisor may only reclassify.
            call 1: PENDING -> ASSIGNED CSO-AMS, deadline missed (R5)
            pass 2026-11-23T18:01:01.000Z: 2 classified, 1 assigned, 0 escalated, 0 released; 0 conflicts skipped, 0 failed

            """, stdout.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal(EnforcementPass.Actor, t.Db.Connection.ExecuteScalar<string>("SELECT actor FROM events WHERE call_id = 1 AND kind = 'call.assigned'"));
    }
}
