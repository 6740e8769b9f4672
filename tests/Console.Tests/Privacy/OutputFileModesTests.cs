using SafetyConsole.Data.Tests;
using SafetyConsole.Privacy.Tests;

namespace SafetyConsole.Cli.Tests.Privacy;

/// <summary>DESIGN §7: what `safety-console` writes to a file is never readable by other accounts, whatever the umask.</summary>
[Trait(SqliteOnly.Category, SqliteOnly.Value)] // SQLite-only by nature: Unix modes of the files written, the backup copy among them
[Collection(UmaskCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class OutputFileModesTests
{
    [Fact]
    public void Init_creates_the_database_0660_and_backup_and_report_output_write_0600_whatever_the_umask()
    {
        using var cli = new CliRunner();
        var backup = Path.Combine(cli.Folder, "backup.db");
        var report = Path.Combine(cli.Folder, "report.html");
        File.WriteAllText(report, "an older report, world-readable");
        Umask.SetMode(report, "644");
        using (new Umask(0))
        {
            Assert.Equal(0, cli.Run("init", "--demo").ExitCode);
            Assert.Equal(0, cli.Run("backup", backup).ExitCode);
            var r = cli.Run("report", "--format", "html", "--output", report);
            Assert.True(r.ExitCode == 0, r.ToString());
        }
        Assert.Equal("660", Umask.Mode(cli.DbPath));
        Assert.Equal("600", Umask.Mode(backup));
        Assert.Equal("600", Umask.Mode(report));
    }
}
