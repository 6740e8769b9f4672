using SafetyConsole.Data.Tests;

namespace SafetyConsole.Cli.Tests.Postgres;

/// <summary>
/// A consortium through the command line (issue 17): one PostgreSQL database, one schema per district, chosen by
/// `--db`'s search_path. Each district sees only its own calls, officers, operators (R10) and status; a badge code may
/// be in both; a database role with rights to one district's schema cannot read another's.
/// </summary>
public class ConsortiumTests
{
    private const string CallsA = """
        external_id,source,received_at,location,type,priority,description,reporter_role,basis
        CAD-A1,911,2026-11-23T09:55:00-08:00,LHS,FIGHT,,"Two students fighting by the gym",teacher,
        CAD-A2,911,2026-11-23T09:57:30-08:00,LHS,INTERVENE,2,Student refuses to leave,teacher,disruption

        """;

    private const string CallsB = """
        external_id,source,received_at,location,type,priority,description,reporter_role,basis
        CAD-B1,911,2026-11-23T09:56:00-08:00,LHS,FIGHT,,Fight in the cafeteria,teacher,

        """;

    private static readonly string TesterAccount = CliRunner.DefaultAccount;

    [Fact]
    public void Two_districts_in_one_database_see_only_their_own_calls_and_status()
    {
        using var consortium = new PgConsortium();
        using var files = new CliRunner();
        var (a, b) = (consortium.District("district_a"), consortium.District("district_b"));
        CliResult InA(params string[] args) => In(files, TesterAccount, a, args);
        CliResult InB(params string[] args) => In(files, TesterAccount, b, args);
        Assert.Equal(0, InA("init", "--demo").ExitCode);
        Assert.Equal(0, InB("init").ExitCode);
        // Another district: the demo's files under another name, imported from a folder.
        var import = InB("district", "import", StepFiles.DemoDistrict(Path.Combine(files.Folder, "narrows"),
            text => text.Replace("Harbor Valley School District", "Narrows Bay School District", StringComparison.Ordinal)));
        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Equal(0, InA("feed", "load", StepFiles.Write(files.Folder, "a.csv", CallsA)).ExitCode);
        Assert.Equal(0, InB("feed", "load", StepFiles.Write(files.Folder, "b.csv", CallsB)).ExitCode);

        var before = (InB("calls", "list", "--json"), InB("status", "--json"), InB("calls", "show", "1", "--json"), InB("officers", "list", "--json"));
        var assigned = InA("assign", "1", "CSO-01");
        Assert.True(assigned.ExitCode == 0, assigned.ToString());
        // District B: nothing changed, and its call 1 (its own numbering) is still new.
        Assert.Equal(before, (InB("calls", "list", "--json"), InB("status", "--json"), InB("calls", "show", "1", "--json"), InB("officers", "list", "--json")));

        var listA = InA("calls", "list").Stdout;
        var listB = InB("calls", "list").Stdout;
        Assert.Contains("CAD-A1", InA("calls", "list", "--json").Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("CAD-B", InA("calls", "list", "--json").Stdout, StringComparison.Ordinal);
        Assert.Contains("CAD-B1", InB("calls", "list", "--json").Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("CAD-A", InB("calls", "list", "--json").Stdout, StringComparison.Ordinal);
        Assert.Contains("ASSIGNED", listA, StringComparison.Ordinal);
        Assert.DoesNotContain("ASSIGNED", listB, StringComparison.Ordinal);
        Assert.Contains("Harbor Valley School District", InA("status", "--json").Stdout, StringComparison.Ordinal);
        Assert.Contains("Narrows Bay School District", InB("status", "--json").Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Harbor Valley", InB("status", "--json").Stdout, StringComparison.Ordinal);

        // The same badge code in both districts: CSO-01 is on a call in A and free in B.
        var inB = InB("assign", "1", "CSO-01");
        Assert.True(inB.ExitCode == 0, inB.ToString());
        Assert.Contains("CSO-01", InA("calls", "show", "1").Stdout, StringComparison.Ordinal);
        Assert.Contains("CSO-01", InB("calls", "show", "1").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_operator_has_each_districts_own_role()
    {
        using var consortium = new PgConsortium();
        using var files = new CliRunner();
        var (a, b) = (consortium.District("district_a"), consortium.District("district_b"));
        foreach (var db in new[] { a, b })
        {
            Assert.Equal(0, In(files, TesterAccount, db, "init", "--demo").ExitCode);
            Assert.Equal(0, In(files, TesterAccount, db, "feed", "load", StepFiles.Write(files.Folder, "a.csv", CallsA)).ExitCode);
        }
        Assert.Equal(0, In(files, TesterAccount, a, "operators", "add", "alice", "viewer").ExitCode);
        Assert.Equal(0, In(files, TesterAccount, b, "operators", "add", "alice", "dispatcher").ExitCode);

        // A viewer in A: may read, may not assign (R10).
        Assert.Equal(0, In(files, "alice", a, "calls", "list").ExitCode);
        var refused = In(files, "alice", a, "assign", "1", "CSO-01");
        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("R10: alice is a viewer", refused.Stderr, StringComparison.Ordinal);
        // A dispatcher in B: may assign, may not add operators (a supervisor's).
        var done = In(files, "alice", b, "assign", "1", "CSO-01");
        Assert.True(done.ExitCode == 0, done.ToString());
        var notSupervisor = In(files, "alice", b, "operators", "add", "bob", "viewer");
        Assert.Equal(1, notSupervisor.ExitCode);
        Assert.StartsWith("R10: alice is a dispatcher", notSupervisor.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("ASSIGNED", In(files, "alice", a, "calls", "list").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_role_with_rights_to_one_districts_schema_cannot_read_another()
    {
        using var consortium = new PgConsortium();
        using var files = new CliRunner();
        Assert.Equal(0, In(files, TesterAccount, consortium.District("district_a"), "init", "--demo").ExitCode);
        Assert.Equal(0, In(files, TesterAccount, consortium.District("district_b"), "init", "--demo").ExitCode);
        // The README's grants for a district's hosts: its schema only.
        var hostsOfA = consortium.NewRole(DistrictGrants("district_a"));
        CliResult AsHostOfA(string schema, params string[] args) => In(files, TesterAccount, consortium.District(schema, hostsOfA), args);

        Assert.Equal(0, AsHostOfA("district_a", "status").ExitCode);
        Assert.Equal(0, AsHostOfA("district_a", "feed", "load", StepFiles.Write(files.Folder, "a.csv", CallsA)).ExitCode);
        var assigned = AsHostOfA("district_a", "assign", "1", "CSO-01");
        Assert.True(assigned.ExitCode == 0, assigned.ToString());

        foreach (var command in new[] { new[] { "status" }, ["calls", "list", "--json"], ["init"] })
        {
            var (exit, stdout, stderr) = AsHostOfA("district_b", command);
            Assert.Equal(1, exit);
            Assert.Equal("", stdout);
            Assert.Single(stderr.TrimEnd('\n').Split('\n'));
            Assert.Contains("has no rights to the schema district_b", stderr, StringComparison.Ordinal);
        }
        // With the schema but none of its tables (a grant forgotten): the server's refusal in one sentence, nothing read.
        consortium.Run($"GRANT USAGE ON SCHEMA district_b TO {hostsOfA}");
        var denied = AsHostOfA("district_b", "calls", "list");
        Assert.Equal(1, denied.ExitCode);
        Assert.Equal("", denied.Stdout);
        Assert.StartsWith("The database refused this account (permission denied for table", denied.Stderr, StringComparison.Ordinal);
        Assert.Single(denied.Stderr.TrimEnd('\n').Split('\n'));
        // A role that may not create schemas cannot start a new district.
        var init = AsHostOfA("district_c", "init");
        Assert.Equal(1, init.ExitCode);
        Assert.Contains("may not create the schema district_c", init.Stderr, StringComparison.Ordinal);
        Assert.Equal(0L, consortium.Scalar<long>("SELECT count(*) FROM pg_namespace WHERE nspname = 'district_c'"));
    }

    /// <summary>What the README's consortium section grants a district's login role (ROLE is replaced by its name).</summary>
    private static string[] DistrictGrants(string schema) =>
    [
        $"GRANT USAGE ON SCHEMA {schema} TO ROLE",
        $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO ROLE",
        $"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO ROLE",
    ];

    /// <summary>Runs a command against <paramref name="db"/> (not the runner's own file) with the runner's clock.</summary>
    private static CliResult In(CliRunner files, string account, string db, params string[] args) =>
        CliRunner.Invoke([.. args, "--db", db], account, files.Time);
}
