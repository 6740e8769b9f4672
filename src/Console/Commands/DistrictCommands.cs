using System.CommandLine;
using SafetyConsole.Data.Districts;

namespace SafetyConsole.Cli.Commands;

/// <summary>`district import DIR`: load or update the district from its folder of CSV files (DESIGN §2; supervisors only, R10).</summary>
public static class DistrictCommands
{
    public static Command Build(CliContext ctx)
    {
        var cmd = new Command("district", "The district's own data: schools, calendar, agencies, officers, training.");
        var dir = new Argument<string>("DIR") { Description = $"A folder holding {DistrictFiles.List}." };
        var import = new Command("import", "Load or update the district from a folder of CSV files; re-running changes nothing (supervisors only).") { dir };
        import.SetAction(CliApp.Guard(ctx, parse =>
        {
            var source = DistrictSource.Folder(parse.GetValue(dir)!);
            using var db = ctx.OpenDb(parse);
            PrintResult(ctx, DistrictImport.Run(db, source, ctx.Account, ctx.Now));
            return 0;
        }));
        cmd.Subcommands.Add(import);
        return cmd;
    }

    /// <summary>One line per file, then one line for the whole import (shared by `init --demo`).</summary>
    internal static void PrintResult(CliContext ctx, ImportResult result)
    {
        foreach (var f in result.Files) ctx.Out.WriteLine(f.ToString());
        ctx.Out.WriteLine(result.ChangedAnything
            ? $"Imported {result.District.Name} from {result.Source}."
            : $"{result.District.Name} is already up to date with {result.Source}; nothing changed.");
    }
}
