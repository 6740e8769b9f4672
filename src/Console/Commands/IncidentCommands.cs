using System.CommandLine;
using SafetyConsole.Data.Dispatch;

namespace SafetyConsole.Cli.Commands;

/// <summary>The incident verbs of issue 15 (notes; assists and duplicates join them): dispatch verbs with `--at`, the same refusals.</summary>
public static class IncidentCommands
{
    /// <summary>`assign CALL BADGE --assist`: an assisting officer, never the first response (R1).</summary>
    public static Option<bool> AssistOption() => new("--assist")
    {
        Description = "Add the officer as an assist on a call that has its first responder (R1: never the first response; any staff may assist).",
    };

    /// <summary>`--badge B` on ack, enroute, onscene and clear: the officer whose progress it is (default: the first responder).</summary>
    public static Option<string?> BadgeOption() => new("--badge")
    {
        Description = "The officer, when it is an assisting officer (issue 15); default: the call's first responder.",
        HelpName = "BADGE",
    };

    /// <summary>True when <paramref name="badge"/> is given and is not the call's first responder: the step is an assist's.</summary>
    public static bool IsAssist(Data.Store.SafetyDb db, long callId, string? badge) =>
        badge is { Length: > 0 } && Data.Store.Reads.Call(db, callId) is { } call && !string.Equals(call.AssignedTo, badge.Trim(), StringComparison.Ordinal);

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
