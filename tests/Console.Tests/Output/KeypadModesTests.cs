using SafetyConsole.Cli.App;
using SafetyConsole.Cli.Tests.Board;
using SafetyConsole.Data.Terminal;
using SafetyConsole.Data.Tests;

namespace SafetyConsole.Cli.Tests.Output;

/// <summary>
/// .NET's console puts the terminal in application keypad and cursor-key mode (ESC[?1h ESC=); every command must
/// hand the shell its terminal back in normal mode. Checked in a real terminal: tmux reports both modes of its pane.
/// </summary>
[Trait(Slow.Category, Slow.Value)]
public sealed class KeypadModesTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "keypad-e2e", Guid.NewGuid().ToString("N"));
    private readonly string _db;
    private static readonly string Program = Tmux.Program;
    private static readonly string Worker = Path.Combine(AppContext.BaseDirectory, "safety-worker.dll");

    public KeypadModesTests()
    {
        Tmux.RequireInstalled();
        Directory.CreateDirectory(_folder);
        _db = Path.Combine(_folder, "safety.db");
        var err = new StringWriter();
        Assert.True(ConsoleApp.Run(["init", "--demo", "--db", _db], new CliContext(new StringWriter(), err, Environment.UserName, TimeProvider.System)) == 0, err.ToString());
    }

    [Fact]
    public void The_bytes_restore_normal_cursor_keys_and_the_numeric_keypad()
    {
        var written = new MemoryStream();
        KeypadModes.Write(written, "xterm-256color");
        Assert.Equal("\e[?1l\e>", System.Text.Encoding.ASCII.GetString(written.ToArray())); // terminfo rmkx: DECCKM reset, DECKPNM
        var dumb = new MemoryStream();
        KeypadModes.Write(dumb, "dumb");
        KeypadModes.Write(dumb, null);
        Assert.Empty(dumb.ToArray());
    }

    [Theory]
    [InlineData("officers list --db {db}")]
    [InlineData("calls list --open --db {db} | cat")] // piped: .NET writes to standard input's terminal instead
    [InlineData("status --db {db} > /dev/null")]
    [InlineData("--help")]
    [InlineData("recommend 999 --db {db}")] // a refusal (exit 2) too
    public void After_a_command_in_a_terminal_the_keypad_and_cursor_keys_are_back_to_normal(string command) =>
        Assert.Equal("0 0", ModesAfter($"LANG=C.UTF-8 TERM=xterm-256color dotnet {Program} {command.Replace("{db}", _db)}"));

    [Fact]
    public void After_the_worker_in_a_terminal_too() => Assert.Equal("0 0", ModesAfter($"dotnet {Worker} --once --db {_db}"));

    [Fact]
    public void After_the_board_quits() =>
        Assert.Equal("0 0", ModesAfter($"LANG=C.UTF-8 dotnet {Program} board --db {_db}", t =>
        {
            t.WaitFor("Calls ");
            t.Keys("q");
        }));

    /// <summary>Runs a command line in a fresh terminal left in normal mode, lets <paramref name="meanwhile"/> drive it, and reads both modes once it ended.</summary>
    private static string ModesAfter(string commandLine, Action<Tmux>? meanwhile = null)
    {
        using var t = new Tmux(80, 24);
        t.Line("printf '\\e[?1l\\e>'"); // start from normal mode whatever the shell did
        t.Line($"{commandLine}; echo EXIT-$((1+1))");
        meanwhile?.Invoke(t);
        t.WaitFor("EXIT-2\n");
        return Modes(t);
    }

    /// <summary>The pane's application cursor-key mode and application keypad mode, 1 when on.</summary>
    private static string Modes(Tmux t) => t.Run("display", "-p", "-t", Tmux.Session, "#{keypad_cursor_flag} #{keypad_flag}").Trim();

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
