using System.CommandLine;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli;

/// <summary>
/// What every command needs from the outside world, injected so tests can run commands in-process:
/// output streams, the operator's account (R10: the OS login; this is the one seam that reads it), and the clock.
/// </summary>
public sealed class CliContext(TextWriter stdout, TextWriter stderr, string account, TimeProvider time, TextReader? stdin = null)
{
    public TextWriter Out { get; } = stdout;
    public TextWriter Err { get; } = stderr;
    public TextReader In { get; } = stdin ?? System.Console.In;
    public string Account { get; } = account;
    public TimeProvider Time { get; } = time;

    /// <summary>True when standard output is a terminal a person is watching (progress bars, colours).</summary>
    public bool OutIsTerminal { get; init; }

    /// <summary>The terminal's width in columns when <see cref="OutIsTerminal"/> (tables fit it).</summary>
    public int TerminalWidth { get; init; } = 80;

    /// <summary>The width tables must fit: the terminal's, or null when the output is piped (nothing is cut or wrapped).</summary>
    public int? OutWidth => OutIsTerminal ? TerminalWidth : null;

    /// <summary>True when standard input is a terminal (the board reads keys from it).</summary>
    public bool InIsTerminal { get; init; }

    /// <summary>`--db PATH` (else SAFETY_CONSOLE_DB, else ./safety.db), on every command.</summary>
    public Option<string?> DbOption { get; } = new("--db")
    {
        Description = "The database file (else $SAFETY_CONSOLE_DB, else ./safety.db).",
        Recursive = true,
        HelpName = "PATH",
    };

    public static CliContext ForProcess() => new(System.Console.Out, System.Console.Error, Environment.UserName, TimeProvider.System)
    {
        OutIsTerminal = !System.Console.IsOutputRedirected,
        InIsTerminal = !System.Console.IsInputRedirected,
        TerminalWidth = System.Console.IsOutputRedirected ? 80 : ProcessTerminalWidth(),
    };

    private static int ProcessTerminalWidth()
    {
        try
        {
            return System.Console.WindowWidth is > 0 and var w ? w : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }

    public DateTimeOffset Now => Time.GetUtcNow();

    public SafetyDb OpenDb(ParseResult parse, bool create = false) =>
        SafetyDb.Open(SafetyDb.ResolvePath(parse.GetValue(DbOption)), Account, create, Time);
}
