using System.Diagnostics;
using Npgsql;

namespace SafetyConsole.Bench;

/// <summary>
/// The PostgreSQL server the `postgres` benchmark runs against: the one SAFETY_CONSOLE_TEST_PG names (the tests'
/// variable, e.g. after `eval "$(bash .ci/pg-up)"`), left as it is configured; else a throwaway cluster started with
/// `.ci/pg-up` for this run and stopped with `.ci/pg-down` at the end. The throwaway cluster is switched back to
/// PostgreSQL's durable defaults (fsync, full page writes, synchronous commit: pg-up turns them off for the tests),
/// so a commit costs what it costs on a deployed server.
/// </summary>
internal sealed class PgBenchServer : IDisposable
{
    private readonly string? _folder;

    private PgBenchServer(string admin, string? folder, string origin)
    {
        Admin = admin;
        _folder = folder;
        Origin = origin;
    }

    /// <summary>The admin connection string (a superuser on the cluster's `postgres` database).</summary>
    public string Admin { get; }

    /// <summary>Where the server came from, for the printed figures.</summary>
    public string Origin { get; }

    public static PgBenchServer Start()
    {
        if (Environment.GetEnvironmentVariable("SAFETY_CONSOLE_TEST_PG") is { Length: > 0 } given)
            return new PgBenchServer(given, null, "SAFETY_CONSOLE_TEST_PG, as configured");
        var root = BenchProcess.RepoRoot() ?? throw new InvalidOperationException("Run the benchmark from the repository (.ci/pg-up not found).");
        var output = BenchProcess.Output(new ProcessStartInfo("bash", [Path.Combine(root, ".ci", "pg-up")])
            { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
        string Value(string name) =>
            output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith($"export {name}='", StringComparison.Ordinal)) is { } line
                ? line[($"export {name}='".Length)..^1]
                : throw new InvalidOperationException($".ci/pg-up printed no {name}");
        var server = new PgBenchServer(Value("SAFETY_CONSOLE_TEST_PG"), Value("SAFETY_CONSOLE_TEST_PG_DIR"), "a throwaway cluster from .ci/pg-up, durable settings restored");
        server.Exec("ALTER SYSTEM SET fsync = on");
        server.Exec("ALTER SYSTEM SET full_page_writes = on");
        // PG_BENCH_SYNCHRONOUS_COMMIT=off measures PostgreSQL as SQLite's WAL mode with synchronous NORMAL runs: a commit
        // returns before its log is on disk (a crash may lose the last commits, never corrupts).
        var synchronous = Environment.GetEnvironmentVariable("PG_BENCH_SYNCHRONOUS_COMMIT") is "off" ? "off" : "on";
        server.Exec($"ALTER SYSTEM SET synchronous_commit = {synchronous}");
        server.Exec("SELECT pg_reload_conf()");
        return server;
    }

    /// <summary>"PostgreSQL 17.6; fsync on, synchronous_commit on": what the figures were measured on.</summary>
    public string Settings()
    {
        using var c = new NpgsqlConnection(Admin);
        c.Open();
        string Show(string what)
        {
            using var cmd = new NpgsqlCommand($"SHOW {what}", c);
            return (string)cmd.ExecuteScalar()!;
        }
        return $"PostgreSQL {Show("server_version").Split(' ')[0]}; fsync {Show("fsync")}, synchronous_commit {Show("synchronous_commit")}, full_page_writes {Show("full_page_writes")}, shared_buffers {Show("shared_buffers")}";
    }

    /// <summary>A new database with the C collation (as `init` requires); returns its connection string.</summary>
    public string NewDatabase(string? template = null)
    {
        var name = "safety_bench_" + Guid.NewGuid().ToString("N")[..12];
        NpgsqlConnection.ClearAllPools(); // a template must have no connections when it is copied
        Exec(template is null ? $"CREATE DATABASE {name} TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'" : $"CREATE DATABASE {name} TEMPLATE {Name(template)}");
        return new NpgsqlConnectionStringBuilder(Admin) { Database = name }.ConnectionString;
    }

    public void Drop(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        Exec($"DROP DATABASE IF EXISTS {Name(connectionString)} WITH (FORCE)");
    }

    private static string Name(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Database!;

    private void Exec(string sql)
    {
        using var c = new NpgsqlConnection(Admin);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }

    public void Dispose()
    {
        if (_folder is null) return;
        NpgsqlConnection.ClearAllPools();
        var root = BenchProcess.RepoRoot()!;
        BenchProcess.Run("bash", Path.Combine(root, ".ci", "pg-down"), _folder);
    }
}
