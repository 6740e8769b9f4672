using System.Diagnostics;
using Dapper;
using SafetyConsole.Cli.App;
using SafetyConsole.Cli.Board;
using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Cli.Tests.Feeds;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests;

namespace SafetyConsole.Cli.Tests.Board;

/// <summary>
/// The real loop on a real database while other processes work on it (issue 13): every change committed by another
/// SQLite client, then by `safety-console` itself, reaches the screen; a database file removed under the board is said
/// in the header and no change is made.
/// </summary>
[Trait(SqliteOnly.Category, SqliteOnly.Value)] // SQLite-only by nature: the database file removed or replaced under a running board
[Trait(Slow.Category, Slow.Value)]
public sealed class BoardDatabaseFileTests : IDisposable
{
    private const string Chief = "chief";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "board-db-file", Guid.NewGuid().ToString("N"));
    private readonly string _db;
    private readonly long _call;

    public BoardDatabaseFileTests()
    {
        Directory.CreateDirectory(_folder);
        _db = Path.Combine(_folder, "safety.db");
        var err = new StringWriter();
        Assert.True(ConsoleApp.Run(["init", "--demo", "--db", _db], new CliContext(new StringWriter(), err, Chief, TimeProvider.System)) == 0, err.ToString());
        // The child `safety-console` runs as this OS account: make it a dispatcher.
        Assert.True(ConsoleApp.Run(["operators", "add", Environment.UserName, "dispatcher", "--db", _db], new CliContext(new StringWriter(), err, Chief, TimeProvider.System)) == 0, err.ToString());
        using var db = SafetyDb.Open(_db, Chief);
        _call = InsertCall(db.Connection, "store-1");
    }

    private static string Now() => TimeText.ToDb(TimeProvider.System.GetUtcNow());

    private static long InsertCall(System.Data.IDbConnection c, string externalId) => c.ExecuteScalar<long>("""
        INSERT INTO calls(source, external_id, received_at, location, type, priority, description, status, class, deadline, created_at, updated_at)
        VALUES ('911', @externalId, @now, 'LHS', 'FIGHT', 1, 'two students near the gym', 'PENDING', 'CAMPUS', @now, @now, @now)
        RETURNING id
        """, new { externalId, now = Now() });

    private (FakeTerminal Term, Task<int> Run, SafetyDb Actions, SafetyDb Watcher) Start()
    {
        var actions = SafetyDb.Open(_db, Chief);
        var watcher = actions.OpenAnother(Chief);
        var term = new FakeTerminal(120, 40);
        var loop = new BoardLoop(term, BoardTheme.Default, TimeProvider.System, new DbBoardStore(watcher, Chief), new StoreBoardActions(actions), Chief);
        return (term, loop.RunAsync(), actions, watcher);
    }

    private static void Finish(FakeTerminal term, Task<int> run, params SafetyDb[] dbs)
    {
        term.Type("q");
        Assert.True(run.Wait(TimeSpan.FromSeconds(15)));
        Assert.Equal(0, run.Result);
        foreach (var db in dbs) db.Dispose();
    }

    private static (int Code, string Err) SafetyConsole(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(FeedKillTests.SafetyConsoleDll());
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, err.Result);
    }

    /// <summary>
    /// Issue 13: after one change by the sqlite3 shell, the board showed it and then nothing more, not even what
    /// `safety-console` did afterwards (the shell had deleted the WAL under the board's connections).
    /// </summary>
    [Fact]
    public void After_an_outside_sqlite3_write_the_board_keeps_showing_every_change_and_its_own_reach_the_file()
    {
        var (term, run, a, w) = Start();
        term.WaitFor("Calls 1 open");

        Sqlite3Shell.Run(_db, $"""
            INSERT INTO calls(source, external_id, received_at, location, type, priority, description, status, class, deadline, created_at, updated_at)
            VALUES ('script', 'outside-1', '{Now()}', 'LHS', 'FIGHT', 1, 'from a district script', 'PENDING', 'CAMPUS', '{Now()}', '{Now()}', '{Now()}');
            """);
        term.WaitFor("Calls 2 open");

        var csv = Path.Combine(_folder, "calls.csv");
        File.WriteAllText(csv, $"external_id,received_at,location,type,description\nP-1,{Now()},SHS,FIGHT,loaded afterwards\n");
        var (code, err) = SafetyConsole("feed", "load", csv, "--db", _db);
        Assert.True(code == 0, err);
        term.WaitFor("Calls 3 open");

        // And what the board does reaches the file others read.
        term.Type(":assign " + _call + " CSO-01\r");
        term.WaitFor("assigned to CSO-01");
        Assert.Equal("ASSIGNED", Sqlite3Shell.Run(_db, $"SELECT status FROM calls WHERE id = {_call};"));
        Finish(term, run, a, w);
    }

    [Fact]
    public void A_database_removed_under_the_board_is_said_in_the_header_and_changes_are_refused()
    {
        var (term, run, a, w) = Start();
        term.WaitFor("Calls 1 open");
        File.Delete(_db);
        term.WaitFor("DATABASE GONE, changes refused; quit and start again: The database file");

        term.Type(":assign " + _call + " CSO-01\r");
        term.WaitFor($"Cannot assign call {_call} to CSO-01: The database file");
        Assert.Equal("PENDING", w.Connection.ExecuteScalar<string>("SELECT status FROM calls WHERE id = @id", new { id = _call }));
        Assert.Equal(0L, w.Connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE kind = 'call.assigned'"));
        Finish(term, run, a, w);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
