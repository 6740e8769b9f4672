using System.CommandLine;
using SafetyConsole.Cli.Board;
using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Commands;

/// <summary>`board` (and `safety-console` with no command): the live dispatch board. It needs a terminal.</summary>
public static class BoardCommand
{
    public const string NoTerminal =
        "The board needs an interactive terminal, but standard input or output is redirected; run `safety-console board` in a terminal (over SSH use `ssh -t`), or use `safety-console status` and `calls list` from scripts.";

    public static Command Build(CliContext ctx)
    {
        var cmd = new Command("board", "The live dispatch board: calls, officers and actions, keyboard-driven (needs a terminal; ? lists the keys).");
        cmd.SetAction(Action(ctx));
        return cmd;
    }

    public static Func<ParseResult, int> Action(CliContext ctx) => CliApp.Guard(ctx, parse =>
        Run(ctx, SafetyDb.ResolvePath(parse.GetValue(ctx.DbOption)), ctx.Time));

    /// <summary>
    /// Runs the board on a database until the operator quits; the entry point for `board` and for `demo` (which
    /// passes its simulated clock and how much faster than real time it runs). Throws <see cref="SafetyException"/>
    /// (exit 2) without a terminal.
    /// </summary>
    public static int Run(CliContext ctx, string dbPath, TimeProvider time, double clockSpeed = 1)
    {
        if (!ctx.OutIsTerminal || !ctx.InIsTerminal) throw SafetyException.Usage(NoTerminal);
        // The board's clock (the demo's simulated one) is the store's: its events are recorded at the time it shows (R10).
        using var db = SafetyDb.Open(dbPath, ctx.Account, time: time);
        using var watcher = db.OpenAnother(ctx.Account);
        var terminal = new PosixTerminal();
        // A crash on any thread still gives the operator their terminal back.
        UnhandledExceptionEventHandler restore = (_, _) => terminal.Leave();
        AppDomain.CurrentDomain.UnhandledException += restore;
        try
        {
            var loop = new BoardLoop(terminal, BoardTheme.FromEnvironment(Environment.GetEnvironmentVariable), time,
                new DbBoardStore(watcher, ctx.Account), new StoreBoardActions(db), ctx.Account) { HandleSignals = true, ClockSpeed = clockSpeed };
            return loop.Run();
        }
        finally
        {
            terminal.Leave();
            AppDomain.CurrentDomain.UnhandledException -= restore;
        }
    }
}
