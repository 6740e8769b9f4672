using SafetyConsole.Data.Tests;
using SafetyConsole.Data.Tests.Seed;
using static SafetyConsole.Data.Tests.Seed.TestDistrictSeed;

namespace SafetyConsole.Worker.Tests;

/// <summary>
/// The real worker while other processes work on its database (issue 13): it notices every change committed by another
/// SQLite client, and it stops with one log line and exit 1 when its database file is removed.
/// </summary>
[Trait(SqliteOnly.Category, SqliteOnly.Value)] // SQLite-only by nature: the database file removed or replaced under a running worker, and PRAGMA data_version
[Trait(Slow.Category, Slow.Value)]
public sealed class WorkerDatabaseFileTests : IDisposable
{
    private readonly TestDb _t = new();
    private readonly string _inbox;

    public WorkerDatabaseFileTests()
    {
        TestDistrictSeed.Seed(_t.Db);
        WorkerAccount.Allow(_t); // R10: the worker runs only as an operator allowed to
        _inbox = Directory.CreateDirectory(Path.Combine(_t.Folder, "inbox")).FullName;
        _t.Db.Dispose(); // only the worker and the sqlite3 shell have the file open from here on
    }

    private void AddNewCall(string externalId)
    {
        var at = Iso(DateTimeOffset.UtcNow.AddMinutes(-5));
        Sqlite3Shell.Run(_t.FilePath, $"""
            INSERT INTO calls(source, external_id, received_at, location, type, priority, description, status, created_at, updated_at)
            VALUES ('script', '{externalId}', '{at}', 'AMS', 'FIGHT', 1, '', 'NEW', '{at}', '{at}');
            """);
    }

    private async Task WaitUntilClassified(string externalId, WorkerProcess worker)
    {
        if (!await Eventually.HoldsAsync(() => Sqlite3Shell.Run(_t.FilePath, $"SELECT status FROM calls WHERE external_id = '{externalId}';") != "NEW",
                TimeSpan.FromSeconds(30)))
        {
            worker.Terminate();
            Assert.Fail($"the worker never classified {externalId}: {(await worker.Exit()).Err}");
        }
    }

    /// <summary>
    /// With passes an hour apart, only noticing a change (PRAGMA data_version) makes the worker act. Its two
    /// connections (enforcer and inbox) used to lose their locks when the second one opened, so the first outside
    /// client to close deleted the WAL under them and the worker saw nothing more.
    /// </summary>
    [Fact]
    public async Task The_worker_notices_every_outside_commit_not_only_the_first()
    {
        using var worker = new WorkerProcess(["--db", _t.FilePath, "--inbox", _inbox],
            new Dictionary<string, string> { ["SAFETY_WORKER_PASSINTERVAL"] = "1h" });
        AddNewCall("outside-1");
        await WaitUntilClassified("outside-1", worker);
        AddNewCall("outside-2");
        await WaitUntilClassified("outside-2", worker);
        AddNewCall("outside-3");
        await WaitUntilClassified("outside-3", worker);
        worker.Terminate();
        var (code, _, err) = await worker.Exit();
        Assert.True(code == 0, err);
    }

    [Fact]
    public async Task A_database_removed_under_the_worker_stops_it_with_one_line_and_exit_1()
    {
        using var worker = new WorkerProcess(["--db", _t.FilePath, "--inbox", _inbox]);
        AddNewCall("before");
        await WaitUntilClassified("before", worker);
        File.Delete(_t.FilePath);
        var (code, _, err) = await worker.Exit(TimeSpan.FromSeconds(30));
        Assert.Equal(1, code);
        Assert.Contains($"stopping: The database file {_t.FilePath} was removed while this program had it open; nothing was changed.", err, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _t.Dispose();
    }
}
