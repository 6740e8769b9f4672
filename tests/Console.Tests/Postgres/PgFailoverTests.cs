using System.Globalization;
using Dapper;
using Npgsql;
using SafetyConsole.Cli.Tests.Board;
using SafetyConsole.Data.Tests;
using Xunit.Abstractions;

namespace SafetyConsole.Cli.Tests.Postgres;

/// <summary>
/// Failover end to end (issue 17): a primary and a streaming hot standby on this machine, a multi-host `--db`, the worker
/// and the board running; the primary dies (`pg_ctl stop -m immediate`) just before a dispatcher chooses an officer on the
/// board (that assignment waits for a primary and is made once), the standby is promoted, and then the CLI works
/// with the same `--db`, the worker acts on a call that came after the promotion, the board shows it, a feed loaded again
/// skips what it had loaded, and the event log holds every event from before, once, and nothing twice.
/// </summary>
[Trait(Slow.Category, Slow.Value)]
public sealed class PgFailoverTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly List<string> _clusters = [];

    [Fact]
    public void After_the_primary_dies_and_the_standby_is_promoted_the_cli_the_worker_and_the_board_carry_on()
    {
        Tmux.RequireInstalled();
        var (admin, primaryDir) = PgTestServer.StartCluster(why => throw new InvalidOperationException($"could not start the primary: {why}"));
        _clusters.Add(primaryDir);
        Exec(admin, "CREATE DATABASE failover TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'");
        var (exit, standbyOut, err) = PgTestServer.RunScript("pg-standby", primaryDir);
        Assert.True(exit == 0, $".ci/pg-standby failed: {err}");
        var standbyDir = PgTestServer.ExportedValue(standbyOut, "SAFETY_CONSOLE_TEST_STANDBY_DIR")!;
        _clusters.Add(standbyDir);
        var standbyPort = PgTestServer.ExportedValue(standbyOut, "SAFETY_CONSOLE_TEST_STANDBY_PORT")!;
        var primary = new NpgsqlConnectionStringBuilder(admin) { Database = "failover" };
        var standby = new NpgsqlConnectionStringBuilder(primary.ConnectionString) { Port = int.Parse(standbyPort, CultureInfo.InvariantCulture) };
        // What a deployment gives every host: both servers, the primary first (PgTarget adds target_session_attrs=primary).
        var db = $"postgres://{primary.Username}@127.0.0.1:{primary.Port},127.0.0.1:{standby.Port}/failover";

        Cli("init", "--demo", "--db", db);
        // P4 (an hour to its deadline): the worker classifies it and leaves it for the dispatcher, who assigns it mid-failover.
        var feed = Feed("FO-1", "a fight before the failover", priority: 4);
        Cli("feed", "load", feed, "--db", db);

        using var worker = new ProgramProcess(ProgramProcess.Worker, ["--db", db]);
        var before = Eventually.Returns(() => Status(primary.ConnectionString, "FO-1"), s => s is not null and not "NEW", Deadline, "the worker classifying FO-1");
        output.WriteLine($"FO-1 is {before} before the failover.");

        using var board = new Tmux(120, 40);
        board.Line($"LANG=C.UTF-8 dotnet {ProgramProcess.Console} board --db '{db}'; echo EXIT=$?");
        board.WaitFor("a fight before the failover", seconds: 60);
        // The dispatcher opens the route dialog for FO-1 (its only call) while the primary is up...
        board.Keys("r");
        board.WaitFor("Route call", seconds: 30);

        // Everything the primary committed has reached the standby before it dies: asynchronous replication loses the
        // last moments otherwise (the README says so, and how to make it synchronous).
        var lsn = Scalar<string>(primary.ConnectionString, "SELECT pg_current_wal_lsn()::text");
        Eventually.That(() => Scalar<bool>(standby.ConnectionString, $"SELECT pg_last_wal_replay_lsn() >= '{lsn}'::pg_lsn"), Deadline, () => "the standby never caught up");
        var eventsBefore = Events(primary.ConnectionString);

        Script("pg-ctl", primaryDir, "stop", "-m", "immediate");
        // ...and chooses the first candidate just after the primary died: the assignment, caught with no primary, waits
        // for one (a write in flight retries for up to 20 s) and is made once on the promoted standby.
        board.Keys("Enter");
        Script("pg-ctl", standbyDir, "promote");
        output.WriteLine("The primary is stopped, an assignment chosen on the board, and the standby promoted.");
        var assigned = board.WaitUntil(s => s.Contains("assigned to", StringComparison.Ordinal), "the board's assignment made after the promotion", seconds: 60);
        Assert.DoesNotContain("may or may not have been saved", assigned, StringComparison.Ordinal);
        Assert.Equal("ASSIGNED", Status(standby.ConnectionString, "FO-1"));
        Assert.Equal(1L, Scalar<long>(standby.ConnectionString, "SELECT count(*) FROM events e JOIN calls c ON c.id = e.call_id WHERE c.external_id = 'FO-1' AND e.kind = 'call.assigned'"));

        // The command line, a new process each time, finds the new primary at once with the same --db.
        Assert.Contains("\"FIGHT\"", Cli("calls", "list", "--json", "--db", db).Stdout, StringComparison.Ordinal);
        // A feed loaded again skips the call it loaded before the failover (by its external id); a new call comes in.
        Assert.Contains("\"duplicates\":1", Cli("feed", "load", feed, "--json", "--db", db).Stdout.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Cli("feed", "load", Feed("FO-2", "a fight after the failover"), "--db", db);

        // The worker reconnected by itself and classifies the new call; the board shows it.
        var after = Eventually.Returns(() => Status(standby.ConnectionString, "FO-2"), s => s is not null and not "NEW", Deadline,
            $"the worker classifying FO-2 after the failover (its log:\n{worker.Stderr})");
        output.WriteLine($"FO-2 is {after} after the failover.");
        // Its row in the list (the description shows only in the selected call's detail). Its id is past a gap: a
        // promoted standby's sequences start after the values the old primary had reserved, as PostgreSQL does.
        var id = Scalar<long>(standby.ConnectionString, "SELECT id FROM calls WHERE external_id = 'FO-2'");
        var screen = board.WaitUntil(s => s.Split('\n').Any(l => l.Contains($" {id} ", StringComparison.Ordinal) && l.Contains("FIGHT", StringComparison.Ordinal)),
            $"call {id} (FO-2) in the list", seconds: 60);
        Eventually.That(() => !(screen = board.Capture()).Contains("retrying", StringComparison.Ordinal), Deadline,
            () => $"the board still reports a problem reading the database:\n{screen}");

        var eventsAfter = Events(standby.ConnectionString);
        Assert.Equal(eventsBefore, eventsAfter.Take(eventsBefore.Count));
        // Nothing done twice: each call moved out of NEW once, by one event.
        var intakes = eventsAfter.Where(e => e.Contains("\"from_status\":\"NEW\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, intakes.Count);
        output.WriteLine($"{eventsBefore.Count} events before the failover, all there after it; {eventsAfter.Count - eventsBefore.Count} new.");
        output.WriteLine("The worker's log:\n" + worker.Stderr);

        board.Keys("q");
        board.WaitFor("EXIT=0");
        worker.Terminate();
        var stopped = worker.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.True(stopped.ExitCode == 0, stopped.ToString());
    }

    private CliResult Cli(params string[] args)
    {
        var r = ProgramProcess.RunConsole(args);
        Assert.True(r.ExitCode == 0, $"safety-console {string.Join(' ', args)}: {r}");
        return r;
    }

    private string Feed(string externalId, string description, int priority = 1)
    {
        var path = Path.Combine(Path.GetTempPath(), $"h17-failover-{Guid.NewGuid():N}.csv");
        var at = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        File.WriteAllText(path, $"external_id,received_at,location,type,priority,description\n{externalId},{at},LHS,FIGHT,{priority},{description}\n");
        _files.Add(path);
        return path;
    }

    private readonly List<string> _files = [];

    private static void Script(string name, params string[] args)
    {
        var (exit, _, err) = PgTestServer.RunScript(name, args);
        Assert.True(exit == 0, $".ci/{name} {string.Join(' ', args)} failed: {err}");
    }

    private static string? Status(string cs, string externalId) =>
        Scalar<string?>(cs, $"SELECT status FROM calls WHERE external_id = '{externalId}'");

    /// <summary>Every event, in order, as the server writes it out: compared whole before and after.</summary>
    private static List<string> Events(string cs)
    {
        using var c = new NpgsqlConnection(cs);
        return c.Query<string>("SELECT row_to_json(e)::text FROM events e ORDER BY id").ToList();
    }

    private static T Scalar<T>(string cs, string sql)
    {
        using var c = new NpgsqlConnection(cs);
        return c.ExecuteScalar<T>(sql)!;
    }

    private static void Exec(string cs, string sql)
    {
        using var c = new NpgsqlConnection(cs);
        c.Execute(sql);
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var dir in _clusters) PgTestServer.RunScript("pg-down", dir);
        foreach (var f in _files) File.Delete(f);
    }
}
