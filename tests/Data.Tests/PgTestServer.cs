using Npgsql;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests;

/// <summary>
/// The PostgreSQL server the tests run against the second backend on (issue 17): the cluster `.ci/pg-up` starts, named by
/// SAFETY_CONSOLE_TEST_PG. Every test gets its own database: an empty one (for `init` to create the store in) or a copy
/// of a template migrated once per test run (CREATE DATABASE … TEMPLATE copies files: milliseconds, not a migration).
/// Without the variable (a newcomer's plain `dotnet test`), the first test that needs PostgreSQL starts a throwaway
/// cluster for this test process with `.ci/pg-up` (which installs the Debian package when it may) and stops it when the
/// process exits, so the README's test command works alone; when that fails, the test fails saying why. It never skips.
/// </summary>
public static class PgTestServer
{
    public const string Variable = "SAFETY_CONSOLE_TEST_PG";

    private static readonly Lazy<string> Template = new(CreateTemplate);

    /// <summary>The admin connection string (the cluster's `postgres` database).</summary>
    public static string Admin =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs ? cs : OwnServer.Value;

    private static readonly Lazy<string> OwnServer = new(StartOwnServer);

    /// <summary>Runs `.ci/pg-up` for this test process and arranges `.ci/pg-down` at its exit; returns the admin connection string.</summary>
    private static string StartOwnServer()
    {
        var (admin, folder) = StartCluster(why => throw new InvalidOperationException(
            $"This test runs against PostgreSQL too, {Variable} is not set, and starting a throwaway server failed ({why}): install PostgreSQL (`apt-get install postgresql`) or start one with `eval \"$(.ci/pg-up)\"`, then run the tests again."));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            NpgsqlConnection.ClearAllPools();
            RunScript("pg-down", folder);
        };
        return admin;
    }

    /// <summary>
    /// A new throwaway cluster from `.ci/pg-up` (the failover test makes its own primary, to stop it): its admin
    /// connection string and its folder, for `.ci/pg-down`. <paramref name="fail"/> says why it could not start.
    /// </summary>
    public static (string Admin, string Folder) StartCluster(Func<string, (string, string)> fail)
    {
        var (exit, output, stderr) = RunScript("pg-up");
        if (exit != 0) return fail(stderr.Trim());
        var admin = ExportedValue(output, Variable);
        var folder = ExportedValue(output, "SAFETY_CONSOLE_TEST_PG_DIR");
        return admin is null || folder is null ? fail("pg-up printed no " + Variable) : (admin, folder);
    }

    /// <summary>The value of an <c>export NAME='value'</c> line a `.ci` script printed; null when there is none.</summary>
    public static string? ExportedValue(string output, string name) =>
        output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith($"export {name}='", StringComparison.Ordinal)) is { } line
            ? line[($"export {name}='".Length)..^1] : null;

    /// <summary>Runs `.ci/NAME ARGS` (found above the test binaries) to its end: exit code, standard output, standard error.</summary>
    public static (int Exit, string Stdout, string Stderr) RunScript(string name, params string[] args)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, ".ci", name))) dir = dir.Parent;
        if (dir is null) return (127, "", $"no .ci/{name} above {AppContext.BaseDirectory}");
        var start = new System.Diagnostics.ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(dir.FullName, ".ci", name));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var stderr = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, stderr.Result);
    }

    /// <summary>A new empty database (C collation, like every SafetyConsole store); returns its connection string.</summary>
    public static string NewEmptyDatabase() => Create("TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'");

    /// <summary>A new database holding a migrated store whose first supervisor is <see cref="TestDb.Account"/>.</summary>
    public static string NewMigratedDatabase() => Create($"TEMPLATE {Template.Value} STRATEGY FILE_COPY");

    /// <summary>Drops the database <paramref name="connectionString"/> names, closing whatever still uses it.</summary>
    public static void Drop(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        AdminRun($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private static string Create(string options)
    {
        var name = "safety_t_" + Guid.NewGuid().ToString("N");
        AdminRun($"CREATE DATABASE {name} {options}");
        return WithDatabase(name);
    }

    /// <summary>The template, migrated to this build's head; named by the migrations' content, so a stale one is never used.</summary>
    private static string CreateTemplate()
    {
        var hash = 17L;
        // Both forms of each migration: a changed PostgreSQL form (sql/postgres/NNNN_name.sql) must not reuse a stale template.
        foreach (var m in Migrations.All) hash = hash * 31 + StableHash(EmbeddedSql.Read(m.ResourceName)) * 7 + StableHash(PgMigrations.SqlFor(m) ?? "");
        hash = hash * 31 + StableHash(EmbeddedSql.Read("sql/postgres/0021_baseline.sql"));
        var name = $"safety_template_{(ulong)hash:x}";
        using var admin = new NpgsqlConnection(Admin);
        admin.Open();
        // Test assemblies run in parallel processes: one creates the template, the others wait for it.
        Exec(admin, "SELECT pg_advisory_lock(17)");
        try
        {
            using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @n", admin);
            exists.Parameters.AddWithValue("n", name);
            if ((long)exists.ExecuteScalar()! == 0)
            {
                var building = name + "_building";
                Exec(admin, $"DROP DATABASE IF EXISTS {building} WITH (FORCE)");
                Exec(admin, $"CREATE DATABASE {building} TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'");
                using (SafetyDb.Open(WithDatabase(building), TestDb.Account, create: true)) { }
                NpgsqlConnection.ClearAllPools(); // a template must have no connections when it is copied
                Exec(admin, $"ALTER DATABASE {building} RENAME TO {name}");
            }
        }
        finally
        {
            Exec(admin, "SELECT pg_advisory_unlock(17)");
        }
        return name;
    }

    private static string WithDatabase(string name) =>
        new NpgsqlConnectionStringBuilder(Admin) { Database = name }.ConnectionString;

    /// <summary>Runs <paramref name="sql"/> on the cluster's admin database (cluster-wide statements: roles).</summary>
    public static void AdminRunSql(string sql) => AdminRun(sql);

    private static void AdminRun(string sql)
    {
        using var admin = new NpgsqlConnection(Admin);
        admin.Open();
        Exec(admin, sql);
    }

    private static void Exec(NpgsqlConnection c, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }

    private static long StableHash(string s)
    {
        var h = 1125899906842597L;
        foreach (var ch in s) h = 31 * h + ch;
        return h;
    }
}
