using System.CommandLine;
using SafetyConsole.Cli.Commands;

namespace SafetyConsole.Cli.App;

/// <summary>
/// The command line (DESIGN §5): the root command with every command of the catalog, parsed and run. Bad usage exits 2
/// with one sentence (<see cref="CliApp.UsageError"/>); each command's own errors go through <see cref="CliApp.Guard"/>.
/// </summary>
public static class ConsoleApp
{
    public static int Run(string[] args, CliContext ctx)
    {
        var root = BuildRoot(ctx);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // System.CommandLine would exit 1; DESIGN §5 says bad usage is 2. One sentence, one line: the first error
            // (the parser may repeat one) and where the usage is.
            ctx.Err.WriteLine(CliApp.UsageError(parse.Errors[0].Message, CommandPath(parse)));
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

    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var r = parse.CommandResult; r is not null && r.Command is not RootCommand; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, r.Command.Name);
        return names;
    }
}
