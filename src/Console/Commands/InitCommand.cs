using System.CommandLine;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Commands;

/// <summary>
/// `init [--demo]`: create or migrate the database (R10: the creating account becomes its first supervisor);
/// `--demo` then loads the built-in demo district through the same importer as `district import`.
/// </summary>
public static class InitCommand
{
    public static Command Build(CliContext ctx)
    {
        var demo = new Option<bool>("--demo") { Description = "Also load the built-in demo district (as `district import` would; supervisors only)." };
        var cmd = new Command("init", "Create the database, or migrate an existing one to this version.") { demo };
        cmd.SetAction(CliApp.Guard(ctx, parse =>
        {
            using var db = ctx.OpenDb(parse, create: true);
            var (path, existed) = (db.FilePath, !db.Created);
            var version = db.SchemaVersion();
            ctx.Out.WriteLine(existed
                ? $"{path} is at schema {version}."
                : $"Created {path} (schema {version}); {ctx.Account} is its first supervisor (R10).");
            if (parse.GetValue(demo))
                DistrictCommands.PrintResult(ctx, DistrictImport.Run(db, DistrictSource.Demo, ctx.Account, ctx.Now));
            return 0;
        }));
        return cmd;
    }
}
