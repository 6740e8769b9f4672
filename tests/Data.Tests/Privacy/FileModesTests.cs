using Dapper;
using SafetyConsole.Data.Feeds;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests;
using SafetyConsole.Data.Tests.Feeds;

namespace SafetyConsole.Privacy.Tests;

/// <summary>
/// DESIGN §7: files holding student text are never readable by other accounts, whatever the umask: the database and
/// its -wal/-shm 0660 (the operators' group shares it), backups 0600, inbox copies and receipts 0660.
/// </summary>
[Trait(SqliteOnly.Category, SqliteOnly.Value)] // SQLite-only by nature: Unix modes of the database file, its WAL and the backup copy
[Collection(UmaskCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class FileModesTests
{
    [Theory]
    [InlineData(0u)]    // permissive: everything would be 0644 or wider
    [InlineData(0x3Fu)] // 077: the group would lose its access
    public void The_database_its_wal_and_shm_are_created_0660_whatever_the_umask(uint mask)
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "safety.db");
        using (new Umask(mask))
        {
            using var db = SafetyDb.Open(path, "tester", create: true);
            db.Connection.Execute("INSERT INTO meta(key, value) VALUES ('probe', '1')");
            Assert.Equal("660", Umask.Mode(path));
            Assert.Equal("660", Umask.Mode(path + "-wal"));
            Assert.Equal("660", Umask.Mode(path + "-shm"));
            // A second process opening it later (SQLite recreates -wal/-shm after the last close) keeps the modes.
            using var another = db.OpenAnother("tester");
            Assert.Equal("660", Umask.Mode(path + "-wal"));
        }
    }

    [Fact]
    public void A_backup_is_0600_whatever_the_umask()
    {
        using var t = new TestDb();
        var target = Path.Combine(t.Folder, "backup.db");
        using (new Umask(0))
            Backup.Run(t.Db, TestDb.Account, target, FeedFixture.LoadTime);
        Assert.Equal("600", Umask.Mode(target));
        Assert.Empty(Directory.EnumerateFiles(t.Folder, ".backup*")); // no temporary file left behind
    }

    [Fact]
    public void Inbox_copies_receipts_and_errors_are_0660_and_its_folders_0770_whatever_the_umask()
    {
        using var f = new FeedFixture();
        f.DropperMayLoad();
        var inbox = Directory.CreateDirectory(Path.Combine(f.Test.Folder, "inbox")).FullName;
        File.WriteAllText(Path.Combine(inbox, "good.csv"), FeedFixture.Csv(FeedFixture.Good("G1")));
        File.WriteAllText(Path.Combine(inbox, "bad.csv"), FeedFixture.Csv(FeedFixture.Good("B1"), "B2,soon,LHS,FIGHT,,x,teacher,"));
        using (new Umask(0))
            Inbox.ProcessOnce(f.Db, inbox, "worker", FeedFixture.LoadTime);

        Assert.Equal("770", Umask.Mode(Path.Combine(inbox, "processed")));
        Assert.Equal("770", Umask.Mode(Path.Combine(inbox, "rejected")));
        var kept = Directory.EnumerateFiles(inbox, "*", SearchOption.AllDirectories).ToList();
        Assert.Equal(5, kept.Count); // good.csv and its receipt; bad.csv, its receipt and its errors
        Assert.All(kept, file => Assert.Equal("660", Umask.Mode(file)));
    }
}

/// <summary>DESIGN §7: a database other accounts can read is refused before it is opened, with the chmod that fixes it.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class WorldReadableDatabaseTests
{
    [Theory]
    [InlineData("", "644")]
    [InlineData("", "662")]
    [InlineData("-wal", "664")]
    public void A_world_accessible_database_file_is_refused_with_the_chmod_to_run(string suffix, string mode)
    {
        using var t = new TestDb();
        t.Db.Connection.Execute("INSERT INTO meta(key, value) VALUES ('probe', '1')"); // the -wal exists while the test's connection is open
        var file = t.FilePath + suffix;
        Umask.SetMode(file, mode);

        var e = Assert.Throws<SafetyException>(() => t.OpenAnother().Dispose());

        Assert.Equal(2, e.ExitCode);
        Assert.Equal($"The database file {file} can be read or written by every account on this machine (mode 0{mode}); " +
            $"run `chmod o-rwx {file}` (its owner or root), then try again.", e.Message);
        Umask.SetMode(file, "660");
        t.OpenAnother().Dispose();
    }
}

/// <summary>A temporary folder deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "safety-tests", Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
