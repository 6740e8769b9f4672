using SafetyConsole.Data.Tests;

namespace SafetyConsole.Cli.Tests.Board;

/// <summary>
/// Issue 15 end to end in tmux: on the real board, a possible duplicate FIGHT is linked to its master with L, then a
/// first responder is routed to the WEAPON call and an assist added with + in the route dialog; the command line reads both back.
/// </summary>
[Trait(Slow.Category, Slow.Value)]
public sealed class BoardIncidentTmuxTests : IDisposable
{
    private readonly DemoBoardDatabase _demo;
    private readonly string _db;
    private readonly long _fight;
    private readonly long _duplicate;
    private readonly long _weapon;

    public BoardIncidentTmuxTests()
    {
        Tmux.RequireInstalled();
        _demo = new DemoBoardDatabase();
        _db = _demo.Db;
        _fight = _demo.AddPendingCall("e2e-fight", "LHS", "FIGHT", 1, "CAMPUS", 300, 900, "reported on the phone");
        _duplicate = _demo.AddPendingCall("e2e-fight-2", "LHS", "DISORD", 2, "CAMPUS", 120, 900, "reported on the phone", possibleDuplicateOf: _fight);
        _weapon = _demo.AddPendingCall("e2e-weapon", "JMS", "WEAPON", 1, "LIAISON", 60, 900, "reported on the phone");
    }

    private (int Code, string Out, string Err) Cli(params string[] args) => _demo.Cli(args);

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

    public void Dispose() => _demo.Dispose();
}
