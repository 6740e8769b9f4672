using Microsoft.Data.Sqlite;
using SafetyConsole.Cli.App;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Tests.Board;

/// <summary>
/// The database the board's tmux tests drive: the demo district (`init --demo`) in a folder of its own, with calls
/// written as a second client of the file would (PENDING, a deadline set), and the command line run in-process to
/// read back what the board did. One place for the set-up every end-to-end board test needs.
/// </summary>
internal sealed class DemoBoardDatabase : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "board-e2e", Guid.NewGuid().ToString("N"));

    public string Db { get; }
    public string Account { get; } = Environment.UserName;

    public DemoBoardDatabase()
    {
        Directory.CreateDirectory(_folder);
        Db = Path.Combine(_folder, "safety.db");
        var (code, _, err) = Cli("init", "--demo", "--db", Db);
        Assert.True(code == 0, err);
    }

    /// <summary>Runs `safety-console ARGS` in-process as <see cref="Account"/> on the real clock.</summary>
    public (int Code, string Out, string Err) Cli(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = ConsoleApp.Run(args, new CliContext(o, e, Account, TimeProvider.System));
        return (code, o.ToString(), e.ToString());
    }

    /// <summary>Adds a PENDING call received <paramref name="ageSeconds"/> ago with its deadline <paramref name="deadlineSeconds"/> from now; returns its id.</summary>
    public long AddPendingCall(string externalId, string location, string type, int priority, string callClass, int ageSeconds,
        int deadlineSeconds, string description, long? possibleDuplicateOf = null)
    {
        var now = TimeProvider.System.GetUtcNow();
        using var c = new SqliteConnection($"Data Source={Db}");
        c.Open();
        var insert = c.CreateCommand();
        insert.CommandText = """
            INSERT INTO calls(source, external_id, received_at, location, type, priority, description, reporter_role, status, class, deadline, trace, possible_duplicate_of, created_at, updated_at)
            VALUES ('911', $ext, $received, $loc, $type, $p, $desc, 'teacher', 'PENDING', $class, $deadline, 'R5: deadline set at intake.', $dup, $received, $received)
            RETURNING id
            """;
        insert.Parameters.AddWithValue("$ext", externalId);
        insert.Parameters.AddWithValue("$received", TimeText.ToDb(now.AddSeconds(-ageSeconds)));
        insert.Parameters.AddWithValue("$loc", location);
        insert.Parameters.AddWithValue("$type", type);
        insert.Parameters.AddWithValue("$p", priority);
        insert.Parameters.AddWithValue("$class", callClass);
        insert.Parameters.AddWithValue("$deadline", TimeText.ToDb(now.AddSeconds(deadlineSeconds)));
        insert.Parameters.AddWithValue("$desc", description);
        insert.Parameters.AddWithValue("$dup", (object?)possibleDuplicateOf ?? DBNull.Value);
        return (long)insert.ExecuteScalar()!;
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
