using Dapper;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Tests.Postgres;

/// <summary>
/// The dispatch desk's core path through the command line, on both backends (issue 17): create the store and import the
/// demo district, load a call feed, list and show calls, recommend, assign (one transaction with its event), a refused
/// second assignment, status. The same commands print the same on SQLite and on PostgreSQL.
/// </summary>
public class CorePathTests
{
    private const string Feed = """
        external_id,source,received_at,location,type,priority,description,reporter_role,basis
        CAD-0001,911,2026-11-23T09:55:00-08:00,LHS,FIGHT,,"Two students fighting by the gym",teacher,
        CAD-0002,911,2026-11-23T09:57:30-08:00,LHS,INTERVENE,2,Student refuses to leave,teacher,disruption
        CAD-0003,911,2026-11-23T09:58:00-08:00,MMS,THREATS,,Post about bringing a weapon,tipline,
        CAD-0001,911,2026-11-23T09:55:00-08:00,LHS,FIGHT,,"Two students fighting by the gym",teacher,
        CAD-0004,911,2026-11-23T09:59:00-08:00,LHS,ALIEN,,Refused type,teacher,

        """;

    /// <summary>The steps, each a command line; their outputs are compared across the backends.</summary>
    private static readonly string[][] Steps =
    [
        ["init", "--demo"],
        ["init"],
        ["feed", "load", "{feed}", "--json"],
        ["calls", "list"],
        ["calls", "show", "1"],
        ["recommend", "1"],
        ["assign", "1", "CSO-01"],
        ["assign", "2", "CSO-01"],
        ["calls", "show", "1"],
        ["calls", "list", "--json"],
        ["status", "--json"],
        ["status"],
    ];

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)]
    public void The_core_path_works(StoreBackend backend)
    {
        using var cli = new CliRunner(backend: backend);
        var results = RunSteps(cli);
        int[] expected = [0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0]; // the feed has an R8-refused record; CSO-01 cannot take two calls
        for (var i = 0; i < Steps.Length; i++) Assert.True(results[i].ExitCode == expected[i], $"{string.Join(' ', Steps[i])}: {results[i]}");
        Assert.Contains("\"loaded\": 3", results[2].Stdout, StringComparison.Ordinal);
        Assert.Contains("\"duplicates\": 1", results[2].Stdout, StringComparison.Ordinal);
        Assert.Contains("CSO-01", results[5].Stdout, StringComparison.Ordinal);
        Assert.Contains("CSO-01", results[7].Stderr, StringComparison.Ordinal);
        Assert.Contains("ASSIGNED", results[8].Stdout, StringComparison.Ordinal);

        using var db = cli.OpenDb();
        Assert.Equal(backend, db.Backend);
        var c = db.Connection;
        Assert.Equal(3, c.ExecuteScalar<long>("SELECT count(*) FROM calls")); // the R8-refused record is not stored
        Assert.Equal("CSO-01", c.ExecuteScalar<string>("SELECT assigned_to FROM calls WHERE id = 1"));
        Assert.Equal(1, c.ExecuteScalar<long>("SELECT count(*) FROM assignments"));
        Assert.Equal(1, c.ExecuteScalar<long>("SELECT count(*) FROM events WHERE kind = 'call.assigned' AND call_id = 1"));
        Assert.Equal(0, c.ExecuteScalar<long>("SELECT count(*) FROM events WHERE recorded_at IS NULL"));
        Assert.Equal(Migrations.All.Count, c.ExecuteScalar<long>("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public void Every_step_prints_the_same_on_SQLite_and_on_PostgreSQL()
    {
        using var sqlite = new CliRunner(backend: StoreBackend.Sqlite);
        using var postgres = new CliRunner(backend: StoreBackend.Postgres);
        var a = RunSteps(sqlite);
        var b = RunSteps(postgres);
        for (var i = 0; i < Steps.Length; i++)
        {
            var step = string.Join(' ', Steps[i]);
            Assert.True(a[i].ExitCode == b[i].ExitCode, $"{step}: SQLite {a[i]}\nPostgreSQL {b[i]}");
            Assert.Equal(Normalize(a[i].Stdout, sqlite), Normalize(b[i].Stdout, postgres));
            Assert.Equal(Normalize(a[i].Stderr, sqlite), Normalize(b[i].Stderr, postgres));
        }
    }

    [Fact]
    public void Backup_of_a_PostgreSQL_store_says_to_use_pg_dump()
    {
        using var cli = new CliRunner(backend: StoreBackend.Postgres);
        Assert.Equal(0, cli.Run("init").ExitCode);
        var (exit, stdout, stderr) = cli.Run("backup", Path.Combine(cli.Folder, "copy.db"));
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Contains("pg_dump", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(Path.Combine(cli.Folder, "copy.db")));
    }

    [Fact]
    public void A_password_in_db_is_refused_before_anything_connects()
    {
        var (exit, stdout, stderr) = CliRunner.Invoke(["status", "--db", "Host=127.0.0.1;Port=1;Database=safety;Password=hunter2"], "tester",
            TimeProvider.System);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains("~/.pgpass", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Commands_other_than_init_refuse_an_empty_PostgreSQL_database()
    {
        using var cli = new CliRunner(backend: StoreBackend.Postgres);
        var (exit, _, stderr) = cli.Run("status");
        Assert.Equal(2, exit);
        Assert.Contains("safety-console init", stderr, StringComparison.Ordinal);
    }

    private static List<CliResult> RunSteps(CliRunner cli)
    {
        var feed = Path.Combine(cli.Folder, "calls.csv");
        File.WriteAllText(feed, Feed);
        return Steps.Select(s => cli.Run(s.Select(a => a == "{feed}" ? feed : a).ToArray())).ToList();
    }

    /// <summary>The one thing allowed to differ: where the store is.</summary>
    private static string Normalize(string text, CliRunner cli) =>
        System.Text.RegularExpressions.Regex.Replace(text.Replace(cli.DbPath, "DB", StringComparison.Ordinal).Replace("FOLDER/safety.db", "DB", StringComparison.Ordinal), @"PostgreSQL database \S+ on \S+", "DB")
            .Replace(cli.Folder, "FOLDER", StringComparison.Ordinal);
}
