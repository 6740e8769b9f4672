using System.CommandLine;
using SafetyConsole.Data.Dispatch;

namespace SafetyConsole.Cli.Commands;

/// <summary>The incident verbs of issue 15 (notes; assists and duplicates join them): dispatch verbs with `--at`, the same refusals.</summary>
public static class IncidentCommands
{
    /// <summary>`link CALL MASTER [--at T]`: dispatchers and supervisors; `unlink CALL --reason R [--at T]`: supervisors.</summary>
    public static IEnumerable<Command> Links(CliContext ctx)
    {
        var call = CliOptions.CallId();
        var master = new Argument<long>("MASTER") { Description = "The call it repeats." };
        var at = CliOptions.At();
        var link = new Command("link", "Make a call a duplicate of its master: cleared with disposition 22, its report added to the master's events.") { call, master, at };
        link.SetAction(CliApp.Guard(ctx, parse =>
        {
            using var db = ctx.OpenDb(parse);
            ctx.Out.WriteLine(CallActions.Link(db, ctx.Account, parse.GetValue(call), parse.GetValue(master), parse.AtOrNow(at, ctx)));
            return 0;
        }));
        yield return link;

        var call2 = CliOptions.CallId();
        var reason = new Option<string>("--reason") { Description = "Why; recorded in the event log (R10).", HelpName = "TEXT", Required = true };
        var at2 = CliOptions.At();
        var unlink = new Command("unlink", "Undo a link (supervisors only): the call is NEW again and intake decides it.") { call2, reason, at2 };
        unlink.SetAction(CliApp.Guard(ctx, parse =>
        {
            using var db = ctx.OpenDb(parse);
            ctx.Out.WriteLine(CallActions.Unlink(db, ctx.Account, parse.GetValue(call2), parse.GetValue(reason)!, parse.AtOrNow(at2, ctx)));
            return 0;
        }));
        yield return unlink;
    }

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
            ctx.Out.WriteLine(CallActions.Note(db, ctx.Account, parse.GetValue(call), parse.GetValue(text)!, parse.AtOrNow(at, ctx)));
            return 0;
        }));
        return cmd;
    }
}
