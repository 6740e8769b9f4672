using Microsoft.Data.Sqlite;
using SafetyConsole.Cli.App;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests;

namespace SafetyConsole.Cli.Tests.Board;

/// <summary>
/// Issue 15 end to end in tmux: on the real board, a possible duplicate FIGHT is linked to its master with L, then a
/// first responder is routed to the WEAPON call and an assist added with + in the route dialog; the command line reads both back.
/// </summary>
[Trait(Slow.Category, Slow.Value)]
public sealed class BoardIncidentTmuxTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "board-e2e", Guid.NewGuid().ToString("N"));
    private readonly string _db;
    private readonly string _account = Environment.UserName;
    private readonly long _fight;
    private readonly long _duplicate;
    private readonly long _weapon;

    public BoardIncidentTmuxTests()
    {
        Tmux.RequireInstalled();
        Directory.CreateDirectory(_folder);
        _db = Path.Combine(_folder, "safety.db");
        var (code, _, err) = Cli("init", "--demo", "--db", _db);
        Assert.True(code == 0, err);
        var now = TimeProvider.System.GetUtcNow();
        using var c = new SqliteConnection($"Data Source={_db}");
        c.Open();
        long Add(string ext, string loc, string type, int p, string cls, int ageSeconds, long? possibleDuplicateOf)
        {
            var insert = c.CreateCommand();
            insert.CommandText = """
                INSERT INTO calls(source, external_id, received_at, location, type, priority, description, reporter_role, status, class, deadline, trace, possible_duplicate_of, created_at, updated_at)
                VALUES ('911', $ext, $received, $loc, $type, $p, 'reported on the phone', 'teacher', 'PENDING', $class, $deadline, 'R5: deadline set at intake.', $dup, $received, $received)
                RETURNING id
                """;
            insert.Parameters.AddWithValue("$ext", ext);
            insert.Parameters.AddWithValue("$received", TimeText.ToDb(now.AddSeconds(-ageSeconds)));
            insert.Parameters.AddWithValue("$loc", loc);
            insert.Parameters.AddWithValue("$type", type);
            insert.Parameters.AddWithValue("$p", p);
            insert.Parameters.AddWithValue("$class", cls);
            insert.Parameters.AddWithValue("$deadline", TimeText.ToDb(now.AddSeconds(900)));
            insert.Parameters.AddWithValue("$dup", (object?)possibleDuplicateOf ?? DBNull.Value);
            return (long)insert.ExecuteScalar()!;
        }
        _fight = Add("e2e-fight", "LHS", "FIGHT", 1, "CAMPUS", 300, null);
        _duplicate = Add("e2e-fight-2", "LHS", "DISORD", 2, "CAMPUS", 120, _fight);
        _weapon = Add("e2e-weapon", "JMS", "WEAPON", 1, "LIAISON", 60, null);
    }

    private (int Code, string Out, string Err) Cli(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = ConsoleApp.Run(args, new CliContext(o, e, _account, TimeProvider.System));
        return (code, o.ToString(), e.ToString());
    }

    private string Show(long id)
    {
        var (code, shown, err) = Cli("calls", "show", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", _db);
        Assert.True(code == 0, err);
        return shown;
    }

    [Fact]
    public void Link_a_duplicate_with_L_and_add_an_assist_with_plus_on_the_board()
    {
        using var t = Tmux.StartBoard(_db, 120, 40, shows: "Calls 3 open");

        // The possible duplicate is marked in the list and its detail names the open call it may duplicate.
        t.Keys("Down", "Down"); // P1 fight, P1 weapon, then the P2 DISORD
        t.WaitFor($"Possible duplicate  of call {_fight}");

        // L, then Enter: the flagged call is highlighted first.
        t.Keys("L");
        t.WaitFor($"Link call {_duplicate} (DISORD) as a duplicate of");
        t.Keys("Enter");
        t.WaitFor($"linked as a duplicate of call {_fight}", seconds: 20);
        Eventually.That(() => Show(_duplicate).Contains("CLEARED", StringComparison.Ordinal), TimeSpan.FromSeconds(20), () => Show(_duplicate));
        Assert.Contains("22", Show(_duplicate), StringComparison.Ordinal);
        t.WaitFor("Calls 2 open");

        // Route the WEAPON to its first responder, then + adds an officer as an assist.
        t.Keys("Home", "Down");
        t.Keys("r");
        t.WaitFor($"Route call {_weapon}");
        t.WaitFor("1. ");
        t.Keys("1");
        t.WaitFor($"assigned to", seconds: 20);
        t.Keys("r");
        t.WaitFor("Available to assist");
        t.Keys("+");
        t.WaitFor($"assists on call {_weapon}", seconds: 20);
        Eventually.That(() => Show(_weapon).Contains("assist", StringComparison.OrdinalIgnoreCase), TimeSpan.FromSeconds(20), () => Show(_weapon));
        t.WaitFor("Officers  ");

        t.Keys("q");
        t.WaitFor("EXIT=0");
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
