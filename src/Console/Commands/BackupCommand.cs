using System.CommandLine;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Commands;

/// <summary>`backup PATH`: a consistent copy while everyone keeps working (supervisors only).</summary>
public static class BackupCommand
{
    public static Command Build(CliContext ctx)
    {
        var path = new Argument<string>("PATH") { Description = "The new backup file (never overwritten)." };
        var cmd = new Command("backup", "Copy the live database consistently, while the worker and dispatchers keep working.") { path };
        cmd.SetAction(CliApp.Guard(ctx, parse =>
        {
            using var db = ctx.OpenDb(parse);
            var target = parse.GetValue(path)!;
            var bytes = Backup.Run(db, ctx.Account, target, ctx.Now);
            ctx.Out.WriteLine($"Backed up {db.FilePath} to {Path.GetFullPath(target)} ({bytes / 1024} KiB).");
            return 0;
        }));
        return cmd;
    }
}
