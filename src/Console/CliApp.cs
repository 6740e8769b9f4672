using System.CommandLine;
using SafetyConsole.Cli.Commands;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli;

/// <summary>
/// The command line (DESIGN §5). Exit codes: 0 done; 1 refused or partly done; 2 bad usage or unreadable input.
/// Errors go to standard error as one plain sentence that says what to do.
/// </summary>
public static class CliApp
{
    public static int Run(string[] args, CliContext ctx)
    {
        var root = BuildRoot(ctx);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // System.CommandLine would exit 1; DESIGN §5 says bad usage is 2. One sentence, one line: the first error
            // (the parser may repeat one) and where the usage is.
            ctx.Err.WriteLine(UsageError(parse.Errors[0].Message, CommandPath(parse)));
            return 2;
        }
        return parse.Invoke(new InvocationConfiguration { Output = ctx.Out, Error = ctx.Err, EnableDefaultExceptionHandler = false });
    }

    public static RootCommand BuildRoot(CliContext ctx)
    {
        var root = new RootCommand("SafetyConsole: the dispatch console of a school district's safety and security department.");
        root.Options.Add(ctx.DbOption);
        root.SetAction(BoardCommand.Action(ctx)); // `safety-console` alone runs the board
        foreach (var command in CommandCatalog.All(ctx)) root.Subcommands.Add(command);
        return root;
    }

    /// <summary>
    /// Wraps a command body: refusals and bad input become one sentence on standard error with the exit code
    /// of DESIGN §5, never a stack trace.
    /// </summary>
    public static Func<ParseResult, int> Guard(CliContext ctx, Func<ParseResult, int> body) => parse =>
    {
        try
        {
            return body(parse);
        }
        catch (SafetyException e)
        {
            ctx.Err.WriteLine(e.Message);
            return e.ExitCode;
        }
        catch (Exception e) when (StoreErrors.IsBusy(e))
        {
            ctx.Err.WriteLine("The database stayed busy for 30 seconds (another process holds a long write); try again in a moment.");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ctx.Err.WriteLine($"{e.Message.TrimEnd('.')}; check the path and its permissions and try again.");
            return 2;
        }
    };

    /// <summary>"'x' is not a call number; …; run `safety-console calls show --help` for usage."</summary>
    public static string UsageError(string message, IEnumerable<string> commandPath)
    {
        var command = string.Join(' ', ["safety-console", .. commandPath]);
        return $"{message.Trim().TrimEnd('.')}; run `{command} --help` for usage.";
    }

    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var r = parse.CommandResult; r is not null && r.Command is not RootCommand; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, r.Command.Name);
        return names;
    }
}
