using Dapper;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Tests;

public class DistrictCommandsTests
{
    /// <summary>The repository's sql/demo folder (the source of the embedded demo district).</summary>
    private static string RepoDemoFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SafetyConsole.sln"))) return Path.Combine(dir.FullName, "sql", "demo");
        }
        throw new InvalidOperationException("The repository root (SafetyConsole.sln) was not found above the test binaries.");
    }

    /// <summary>Every district fact and officer, as text: equal for databases holding the same district.</summary>
    private static string Districtwide(CliRunner cli)
    {
        using var db = cli.OpenDb();
        var parts = new List<object?> { DistrictReads.District(db) };
        parts.AddRange(DistrictReads.Calendar(db));
        parts.AddRange(DistrictReads.Agencies(db));
        parts.AddRange(DistrictReads.Locations(db));
        parts.AddRange(Reads.Officers(db));
        parts.AddRange(DistrictReads.Training(db));
        return string.Join("\n", parts);
    }

    private static string CopyOfRepoDemo(CliRunner cli)
    {
        var dir = Path.Combine(cli.Folder, "district");
        Directory.CreateDirectory(dir);
        foreach (var file in DistrictFiles.All.Concat(DistrictFiles.Optional)) File.Copy(Path.Combine(RepoDemoFolder(), file), Path.Combine(dir, file));
        return dir;
    }

    [Fact]
    public void Init_demo_creates_the_database_and_loads_the_demo_district()
    {
        using var cli = new CliRunner();
        var (exit, stdout, stderr) = cli.Run("init", "--demo");
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var lines = stdout.TrimEnd('\n').Split('\n');
        Assert.StartsWith("Created ", lines[0], StringComparison.Ordinal);
        Assert.Equal("locations.csv: 51 rows, 51 inserted, 0 updated, 0 unchanged", lines.Single(l => l.StartsWith("locations.csv", StringComparison.Ordinal)));
        Assert.Equal("officers.csv: 38 rows, 38 inserted, 0 updated, 0 unchanged", lines.Single(l => l.StartsWith("officers.csv", StringComparison.Ordinal)));
        Assert.Equal("Imported Harbor Valley School District from the built-in demo district.", lines[^1]);
        Assert.Equal(13, lines.Length); // created, the six files, the five optional files of issue 16, imported
    }

    [Fact]
    public void District_import_of_the_repository_folder_gives_the_same_district_as_init_demo()
    {
        using var demo = new CliRunner();
        Assert.Equal(0, demo.Run("init", "--demo").ExitCode);
        using var folder = new CliRunner();
        Assert.Equal(0, folder.Run("init").ExitCode);

        var (exit, stdout, stderr) = folder.Run("district", "import", RepoDemoFolder());

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.Contains("training.csv: 347 rows, 347 inserted, 0 updated, 0 unchanged\n", stdout, StringComparison.Ordinal);
        Assert.Equal(Districtwide(demo), Districtwide(folder));
        // The embedded copy is the repository's folder, byte for byte.
        foreach (var file in DistrictFiles.All.Concat(DistrictFiles.Optional))
            Assert.Equal(File.ReadAllText(Path.Combine(RepoDemoFolder(), file)), EmbeddedSql.Read("sql/demo/" + file));
    }

    [Fact]
    public void Importing_again_changes_nothing_and_says_so()
    {
        using var cli = new CliRunner();
        cli.Run("init", "--demo");
        var before = Districtwide(cli);
        var (exit, stdout, _) = cli.Run("district", "import", RepoDemoFolder());
        Assert.Equal(0, exit);
        Assert.Contains("calendar.csv: 38 rows, 0 inserted, 0 updated, 38 unchanged\n", stdout, StringComparison.Ordinal);
        Assert.EndsWith("nothing changed.\n", stdout, StringComparison.Ordinal);
        Assert.Equal(before, Districtwide(cli));
    }

    [Fact]
    public void A_viewer_is_refused_with_exit_1_R10()
    {
        using var cli = new CliRunner();
        cli.Run("init");
        var (exit, stdout, stderr) = cli.RunAs("visitor", "district", "import", RepoDemoFolder());
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith("R10: visitor is a viewer and may not import district data; ask a supervisor", stderr, StringComparison.Ordinal);
        Assert.Equal(1, cli.RunAs("visitor", "init", "--demo").ExitCode);
        using var db = cli.OpenDb();
        Assert.Equal(0, db.Connection.ExecuteScalar<long>("SELECT count(*) FROM locations"));
    }

    [Fact]
    public void A_bad_row_exits_2_naming_file_and_line_and_changes_nothing()
    {
        using var cli = new CliRunner();
        cli.Run("init", "--demo");
        var before = Districtwide(cli);
        var dir = CopyOfRepoDemo(cli);
        var officers = Path.Combine(dir, DistrictFiles.Officers);
        var lines = File.ReadAllLines(officers);
        var i = Array.FindIndex(lines, l => l.StartsWith("CSO-07,", StringComparison.Ordinal));
        lines[i] = lines[i].Replace(",HVSD,", ",XPD,", StringComparison.Ordinal);
        File.WriteAllLines(officers, lines);
        File.WriteAllText(Path.Combine(dir, DistrictFiles.District),
            File.ReadAllText(Path.Combine(dir, DistrictFiles.District)).Replace("Harbor Valley School District", "Renamed District", StringComparison.Ordinal));

        var (exit, stdout, stderr) = cli.Run("district", "import", dir);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Equal($"officers.csv line {i + 1}: agency 'XPD' is not in agencies.csv; add the agency or fix the officer's agency.\n", stderr);
        Assert.Equal(before, Districtwide(cli));
    }

    [Fact]
    public void A_missing_folder_or_file_exits_2_with_a_sentence()
    {
        using var cli = new CliRunner();
        cli.Run("init");
        var missing = Path.Combine(cli.Folder, "nowhere");
        var r = cli.Run("district", "import", missing);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"There is no folder {missing}; give the folder that holds district.csv, calendar.csv, agencies.csv, locations.csv, officers.csv and training.csv.\n", r.Stderr);

        var dir = CopyOfRepoDemo(cli);
        File.Delete(Path.Combine(dir, DistrictFiles.Calendar));
        r = cli.Run("district", "import", dir);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith($"The folder {dir} has no calendar.csv; add it (columns: date, kind, end_time, note)", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void District_import_without_a_folder_is_bad_usage()
    {
        using var cli = new CliRunner();
        var r = cli.Run("district", "import");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("safety-console district import --help", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void District_import_needs_an_existing_database()
    {
        using var cli = new CliRunner();
        var r = cli.Run("district", "import", RepoDemoFolder());
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("run `safety-console init`", r.Stderr, StringComparison.Ordinal);
    }
}
