using SafetyConsole.Data.Tests;
using Dapper;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Tests;

[Trait(SqliteOnly.Category, SqliteOnly.Value)] // SQLite-only by nature: SQLite's online backup API (on PostgreSQL `backup` says to use pg_dump: CorePathTests)
public class BackupCommandTests
{
    [Fact]
    public void A_backup_is_a_complete_database_and_is_recorded()
    {
        using var cli = new CliRunner();
        Assert.Equal(0, cli.Run("init", "--demo").ExitCode);
        var target = Path.Combine(cli.Folder, "copy.db");
        var r = cli.Run("backup", target);
        Assert.True(r.ExitCode == 0, r.ToString());
        using var copy = SafetyDb.Open(target, "someone");
        Assert.Equal(38, copy.Connection.ExecuteScalar<long>("SELECT count(*) FROM officers"));
        using var live = cli.OpenDb();
        Assert.Equal(1, live.Connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE kind = 'database.backup'"));
    }

    [Fact]
    public void An_existing_file_is_never_overwritten()
    {
        using var cli = new CliRunner();
        cli.Run("init");
        var target = Path.Combine(cli.Folder, "keep.db");
        File.WriteAllText(target, "precious");
        var r = cli.Run("backup", target);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("already exists", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(target));
    }

    [Fact]
    public void Only_a_supervisor_may_back_up()
    {
        using var cli = new CliRunner();
        cli.Run("init");
        var target = Path.Combine(cli.Folder, "copy.db");
        Assert.Equal(1, cli.RunAs("visitor", "backup", target).ExitCode);
        Assert.False(File.Exists(target));
    }
}
