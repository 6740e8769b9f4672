using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SafetyConsole.Data.Tests;

namespace SafetyConsole.Cli.Tests.Board;

/// <summary>
/// The board end to end in tmux: the real `safety-console board` process in a terminal at 80x24, moved, routed,
/// resized, and quit by q, Ctrl+C and SIGTERM, each time checking that the shell gets its terminal back.
/// </summary>
[Trait(SqliteOnly.Category, SqliteOnly.Value)] // SQLite-only by nature: a second client writes the SQLite file directly; PgBoardTests is the PostgreSQL counterpart
[Trait(Slow.Category, Slow.Value)]
public sealed class BoardTmuxTests : IDisposable
{
    private readonly DemoBoardDatabase _demo;
    private readonly string _db;
    private static readonly string Program = Tmux.Program;

    public BoardTmuxTests()
    {
        Tmux.RequireInstalled();
        _demo = new DemoBoardDatabase();
        _db = _demo.Db;
        _demo.AddPendingCall("e2e-1", "LHS", "FIGHT", 1, "CAMPUS", 120, -60, "[red]boom near the gym");
        _demo.AddPendingCall("e2e-2", "JMS", "WEAPON", 1, "LIAISON", 30, 600, "knife in a backpack");
        _demo.AddPendingCall("e2e-3", "ALDE", "WELFARE", 3, "CAMPUS", 300, 900, "welfare check");
    }

    private (int Code, string Out, string Err) Cli(params string[] args) => _demo.Cli(args);

    private long CallId(string externalId)
    {
        using var c = new SqliteConnection($"Data Source={_db}");
        c.Open();
        var q = c.CreateCommand();
        q.CommandText = "SELECT id FROM calls WHERE external_id = $x";
        q.Parameters.AddWithValue("$x", externalId);
        return (long)q.ExecuteScalar()!;
    }

    private static void Shows(string screen, string text) =>
        Assert.True(screen.Contains(text, StringComparison.Ordinal), $"The terminal does not show '{text}'. It shows:\n{screen}");

    /// <summary>How a selected row starts: the marker, the change-mark column, a gap, the number right-aligned in 3 cells.</summary>
    private static string Selected(long id, string marker = "›") => $"{marker}  {id,3} ";

    /// <summary>The shell is back: the exit line printed, the prompt after it, and the tty sane again (echo, canonical, signals).</summary>
    private static void AssertRestored(Tmux t, string exit = "EXIT=0")
    {
        var screen = t.WaitFor(exit);
        Assert.DoesNotContain("Calls ", screen.Split(exit)[1], StringComparison.Ordinal); // the alternate screen is gone
        // The marker is computed by the shell, so only the output line has it, not the typed command.
        t.Line("stty -a | tr ' ' '\\n' | grep -xE -- '-?(icanon|echo|isig)' | tr '\\n' ' '; echo STTY-$((40+2))");
        var stty = t.WaitFor("STTY-42");
        var line = stty.Split('\n').Last(l => l.Contains("STTY-42", StringComparison.Ordinal));
        var modes = line.Replace("STTY-42", "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToArray();
        Assert.True(modes.SequenceEqual(["echo", "icanon", "isig"]), $"The tty is not sane again ({string.Join(' ', modes)}). The terminal shows:\n{stty}");
    }

    [Fact]
    public void Move_route_resize_and_quit_in_a_real_terminal()
    {
        using var t = Tmux.StartBoard(_db, shows: "Calls 3 open");
        var screen = t.WaitFor("Calls 3 open");
        Shows(screen, "Harbor Valley School District");
        Assert.DoesNotContain("Officers", screen, StringComparison.Ordinal); // 80x24: the officers panel is collapsed
        var fight = CallId("e2e-1");
        Shows(screen, Selected(fight)); // the oldest P1 is selected

        // Move down and back, then route the FIGHT at Lincoln High: the CSO posted there ranks first (§3).
        t.Keys("Down");
        t.WaitFor(Selected(CallId("e2e-2")));
        t.Keys("Up");
        t.WaitFor(Selected(fight));
        t.Keys("r");
        screen = t.WaitFor("1. CSO-01");
        Shows(screen, $"Route call {fight}");
        Shows(screen, "posted here");
        t.Keys("1");
        t.WaitFor("assigned to CSO-01", seconds: 20);
        var (code, shown, _) = Cli("calls", "show", fight.ToString(), "--db", _db);
        Assert.Equal(0, code);
        Assert.Contains("ASSIGNED", shown, StringComparison.Ordinal);
        Assert.Contains("assigned to  CSO-01", shown, StringComparison.Ordinal);
        t.WaitUntil(s => s.Contains("ASSIGNED", StringComparison.Ordinal) && s.Contains("CSO-01", StringComparison.Ordinal), "the call ASSIGNED to CSO-01 in the table");

        // Resize at any moment: 120x40 shows the officers panel and the detail beside and under the calls.
        t.Resize(120, 40);
        // (Waits for the whole frame: a capture can fall between the writes of one frame.)
        t.WaitUntil(s => s.Contains("Officers ", StringComparison.Ordinal) && s.Contains($"Call {fight}", StringComparison.Ordinal) // the detail panel
                && s.Contains("[red]boom near the gym", StringComparison.Ordinal), // feed text, literally
            "the officers panel and the call's detail at 120x40");
        t.Resize(80, 24);
        t.WaitUntil(s => !s.Contains("Officers ", StringComparison.Ordinal), "the officers panel collapsing again at 80x24");

        t.Keys("q");
        AssertRestored(t);
    }

    [Fact]
    public void Ctrl_C_quits_and_restores_the_terminal()
    {
        using var t = Tmux.StartBoard(_db, shows: "Calls 3 open");
        t.Keys("C-c");
        AssertRestored(t);
    }

    [Fact]
    public void Esc_and_q_typed_together_close_the_form_and_quit()
    {
        // Fast typing (or SSH) delivers "Esc q" in one write; it must not be taken for Alt+q and lost.
        using var t = Tmux.StartBoard(_db, shows: "Calls 3 open");
        TypeFilter(t, "knife");
        t.Keys("Escape", "q");
        AssertRestored(t);
    }

    [Fact]
    public void SIGTERM_quits_and_restores_the_terminal()
    {
        using var t = Tmux.StartBoard(_db, shows: "Calls 3 open");
        Signal(t, "-TERM");
        AssertRestored(t);
    }

    [Fact]
    public void SIGHUP_quits_and_restores_the_terminal()
    {
        // An SSH session that drops sends SIGHUP: the board leaves through its loop like on q, never half-way.
        using var t = Tmux.StartBoard(_db, shows: "Calls 3 open");
        Signal(t, "-HUP");
        AssertRestored(t);
    }

    [Fact]
    public void Stopped_and_brought_back_with_fg_the_board_sets_the_terminal_up_again_and_redraws_everything()
    {
        using var t = Tmux.StartBoard(_db, shows: "Calls 3 open");
        // Job control, as when an administrator stops it or the user suspends it: the interactive shell takes the
        // terminal back (its own line mode, its "Stopped" line on the screen); `fg` hands it back with SIGCONT.
        Signal(t, "-STOP");
        t.WaitFor("Stopped");
        t.Line("fg");
        var screen = t.WaitUntil(s => s.Contains("Calls 3 open", StringComparison.Ordinal) && !s.Contains("Stopped", StringComparison.Ordinal),
            "the board drawn again over the shell's lines");
        Shows(screen, "Harbor Valley School District");
        // Raw mode again: one key, no Enter, reaches the board.
        t.Keys("?");
        t.WaitFor("Help: every key");
        t.Keys("Escape");
        t.WaitUntil(s => !s.Contains("Help: every key", StringComparison.Ordinal), "the help closed");
        t.Keys("q");
        AssertRestoredAfterFg(t);
    }

    [Fact]
    public void Ctrl_Z_suspends_to_the_shell_and_fg_brings_the_board_back_as_it_was()
    {
        using var t = Tmux.StartBoard(_db, shows: "Calls 3 open");
        TypeFilter(t, "knife");
        t.Keys("C-z");
        var shell = t.WaitFor("Stopped");
        Assert.DoesNotContain("Calls 3 open", shell, StringComparison.Ordinal); // the shell's screen, not the board's
        t.Line("stty -a | tr ' ' '\\n' | grep -xE -- '-?icanon' ; echo LINE-MODE-$((1+1))"); // the shell has its line mode back
        var stty = t.WaitFor("LINE-MODE-2");
        Assert.Contains("\nicanon\n", stty.Replace("\r", ""), StringComparison.Ordinal);

        t.Line("fg");
        // The half-typed filter waited for fg, still applied.
        t.WaitUntil(s => s.Contains("Calls 1 of 3 · filter: knife", StringComparison.Ordinal) && !s.Contains("Stopped", StringComparison.Ordinal),
            "the board back with the filter still applied");
        t.Keys("Escape", "q");
        AssertRestoredAfterFg(t);
    }

    private static void TypeFilter(Tmux t, string text)
    {
        t.Keys("/");
        t.Keys("-l", text);
        t.WaitFor(text);
    }

    /// <summary>After a job was stopped and brought back, bash drops the rest of its command line: ask for the status.</summary>
    private static void AssertRestoredAfterFg(Tmux t)
    {
        WaitUntilGone(t);
        t.Line("echo EXIT=$?");
        AssertRestored(t);
    }

    /// <summary>Polls until no board process runs under the shell (it is another process: there is nothing to wait on).</summary>
    private static void WaitUntilGone(Tmux t)
    {
        var pid = t.Run("list-panes", "-t", Tmux.Session, "-F", "#{pane_pid}").Trim();
        Eventually.That(() =>
        {
            using var find = Process.Start(new ProcessStartInfo("pgrep", ["-P", pid, "-f", "safety-console.dll board"]) { RedirectStandardOutput = true })!;
            find.StandardOutput.ReadToEnd();
            find.WaitForExit();
            return find.ExitCode != 0;
        }, TimeSpan.FromSeconds(20), () => "the board did not exit within 20 s");
    }

    /// <summary>Signals the board, the shell's child, as the system, an administrator or job control would.</summary>
    private static void Signal(Tmux t, string signal)
    {
        var pid = t.Run("list-panes", "-t", Tmux.Session, "-F", "#{pane_pid}").Trim();
        using var kill = Process.Start("pkill", [signal, "-P", pid, "-f", "safety-console.dll board"]);
        kill.WaitForExit();
        Assert.True(kill.ExitCode == 0, $"pkill {signal} found no board process under the shell {pid}");
    }

    [Fact]
    public void NO_COLOR_and_a_non_UTF8_locale_still_show_the_selection()
    {
        using var t = Tmux.StartBoard(_db, env: "NO_COLOR=1 LANG=C LC_ALL=C", shows: "Calls 3 open");
        var screen = t.WaitFor("Calls 3 open");
        Shows(screen, "+-"); // ASCII borders
        Shows(screen, "|" + Selected(CallId("e2e-1"), ">")); // the marker
        var styled = t.CaptureWithStyles();
        Assert.DoesNotMatch(@"\e\[[0-9;]*(3[0-7]|9[0-7]|38;)[0-9;]*m", styled); // no colour at all
        Assert.Contains("\e[7m", styled, StringComparison.Ordinal); // inverse video for the selection
        t.Keys("q");
        t.WaitFor("EXIT=0");
    }

    [Fact]
    public void Without_a_terminal_it_says_so_in_one_sentence_and_exits_2()
    {
        var (code, output, err) = Cli("board", "--db", _db);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal(Commands.BoardCommand.NoTerminal + Environment.NewLine, err);
        // `safety-console` with no command is the board too.
        Assert.Equal((2, "", Commands.BoardCommand.NoTerminal + Environment.NewLine), Cli("--db", _db));

        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in new[] { Program, "--db", _db }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(2, p.ExitCode);
        Assert.Contains("The board needs an interactive terminal", stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _demo.Dispose();
}
