using System.CommandLine;
using SafetyConsole.Data.Dispatch;

namespace SafetyConsole.Cli.Commands;

/// <summary>The incident verbs of issue 15 (notes; assists and duplicates join them): dispatch verbs with `--at`, the same refusals.</summary>
public static class IncidentCommands
{
    /// <summary>`note CALL TEXT [--at T]`: dispatchers and supervisors (R10); the text is cleaned like feed text.</summary>
    public static Command Note(CliContext ctx)
    {
        var call = CliOptions.CallId();
        var text = new Argument<string>("TEXT") { Description = "The note (quote it); free text, R9." };
        var at = CliOptions.At();
        var cmd = new Command("note", "Add a note to a call, attributed and timed (dispatchers and supervisors).") { call, text, at };
        cmd.SetAction(CliApp.Guard(ctx, parse =>
        {
            using var db = ctx.OpenDb(parse);
            var id = parse.GetValue(call);
            var note = CallActions.Note(db, ctx.Account, id, parse.GetValue(text)!, parse.AtOrNow(at, ctx));
            ctx.Out.WriteLine($"Note {note} added to call {id}.");
            return 0;
        }));
        return cmd;
    }
}
