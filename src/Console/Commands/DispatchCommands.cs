using System.CommandLine;
using SafetyConsole.Data.Dispatch;

namespace SafetyConsole.Cli.Commands;

/// <summary>
/// The dispatch verbs (DESIGN §5): the same actions and refusals as the board, from a shell or a script.
/// Every one takes --at TIME for what-if and replay use. Refusals exit 1 with one sentence.
/// </summary>
public static class DispatchCommands
{
    public static IEnumerable<Command> Build(CliContext ctx)
    {
        yield return Assign(ctx);
        yield return Simple(ctx, "ack", "Record that the assigned officer acknowledged the call (R6).", CallActions.Acknowledge, CallActions.Step.Acknowledge);
        yield return Simple(ctx, "enroute", "Mark the assigned officer en route.", CallActions.EnRoute, CallActions.Step.EnRoute);
        yield return Simple(ctx, "onscene", "Mark the assigned officer on scene.", CallActions.OnScene, CallActions.Step.OnScene);
        yield return Clear(ctx);
        yield return WithReason(ctx, "divert", "Divert a call to the school administration queue (R2).", CallActions.Divert);
        yield return WithReason(ctx, "cancel", "Cancel a call, releasing its officer.", CallActions.Cancel);
        yield return Reclassify(ctx);
        yield return IncidentCommands.Note(ctx);
        foreach (var c in IncidentCommands.Links(ctx)) yield return c;
    }

    private static Command Assign(CliContext ctx)
    {
        var call = CliOptions.CallId();
        var badge = CliOptions.Badge();
        var over = new Option<string?>("--override")
        {
            Description = "R7: assign an officer who is not recommended (supervisors only), with this written reason.",
            HelpName = "REASON",
        };
        var at = CliOptions.At();
        var assist = IncidentCommands.AssistOption();
        var cmd = new Command("assign", "Assign an officer to a call (the recommendation's rules apply; see `recommend`).") { call, badge, over, at, assist };
        cmd.SetAction(CliApp.Guard(ctx, parse =>
        {
            using var db = ctx.OpenDb(parse);
            if (parse.GetValue(assist))
            {
                if (parse.GetValue(over) is not null) throw Data.Store.SafetyException.Usage("--override is for a first response (R7); an assist needs none, so drop it.");
                ctx.Out.WriteLine(CallActions.AssignAssist(db, ctx.Account, parse.GetValue(call), parse.GetValue(badge)!, parse.AtOrNow(at, ctx)));
                return 0;
            }
            var r = CallActions.Assign(db, ctx.Account, parse.GetValue(call), parse.GetValue(badge)!, parse.AtOrNow(at, ctx), parse.GetValue(over));
            ctx.Out.WriteLine(r.Message);
            return 0;
        }));
        return cmd;
    }

    /// <summary>A verb on one call; it prints the sentence the action returns (the board shows the same words).</summary>
    private static Command Simple(CliContext ctx, string name, string description,
        Func<Data.Store.SafetyDb, string, long, DateTimeOffset, string> action, CallActions.Step step)
    {
        var call = CliOptions.CallId();
        var at = CliOptions.At();
        var badge = IncidentCommands.BadgeOption();
        var cmd = new Command(name, description) { call, at, badge };
        cmd.SetAction(CliApp.Guard(ctx, parse =>
        {
            using var db = ctx.OpenDb(parse);
            var id = parse.GetValue(call);
            if (IncidentCommands.IsAssist(db, id, parse.GetValue(badge)))
            {
                ctx.Out.WriteLine(CallActions.AssistStep(db, ctx.Account, id, parse.GetValue(badge)!, step, parse.AtOrNow(at, ctx)));
                return 0;
            }
            ctx.Out.WriteLine(action(db, ctx.Account, id, parse.AtOrNow(at, ctx)));
            return 0;
        }));
        return cmd;
    }

    private static Command Clear(CliContext ctx)
    {
        var call = CliOptions.CallId();
        var disposition = new Option<string>("--disposition")
        {
            Description = "The APCO disposition code, e.g. 01 report taken, 03 arrest, 15 referred, 17 false alarm.",
            HelpName = "CODE",
        };
        var at = CliOptions.At();
        var badge = IncidentCommands.BadgeOption();
        var cmd = new Command("clear", "Clear a call with its APCO disposition; its officers become AVAILABLE (with --badge ASSIST: release that assisting officer only).") { call, disposition, at, badge };
        cmd.SetAction(CliApp.Guard(ctx, parse =>
        {
            using var db = ctx.OpenDb(parse);
            var id = parse.GetValue(call);
            if (IncidentCommands.IsAssist(db, id, parse.GetValue(badge)))
            {
                ctx.Out.WriteLine(CallActions.AssistStep(db, ctx.Account, id, parse.GetValue(badge)!, CallActions.Step.Clear, parse.AtOrNow(at, ctx)));
                return 0;
            }
            if (parse.GetValue(disposition) is null)
                throw Data.Store.SafetyException.Usage("Option '--disposition' is required to clear a call; give its APCO code, e.g. --disposition 01.");
            ctx.Out.WriteLine(CallActions.Clear(db, ctx.Account, id, parse.GetValue(disposition)!, parse.AtOrNow(at, ctx)));
            return 0;
        }));
        return cmd;
    }

    private static Command WithReason(CliContext ctx, string name, string description,
        Func<Data.Store.SafetyDb, string, long, string, DateTimeOffset, string> action)
    {
        var call = CliOptions.CallId();
        var reason = Reason();
        var at = CliOptions.At();
        var cmd = new Command(name, description) { call, reason, at };
        cmd.SetAction(CliApp.Guard(ctx, parse =>
        {
            using var db = ctx.OpenDb(parse);
            ctx.Out.WriteLine(action(db, ctx.Account, parse.GetValue(call), parse.GetValue(reason)!, parse.AtOrNow(at, ctx)));
            return 0;
        }));
        return cmd;
    }

    private static Command Reclassify(CliContext ctx)
    {
        var call = CliOptions.CallId();
        var type = new Argument<string>("TYPE") { Description = "The new call-type code, e.g. FIGHT." };
        var reason = Reason();
        var priority = new Option<int?>("--priority") { Description = "The new priority 1–4 (default: the type's).", HelpName = "N" };
        var at = CliOptions.At();
        var cmd = new Command("reclassify", "Change a call's type (supervisors only, R2); intake decides it again.") { call, type, reason, priority, at };
        cmd.SetAction(CliApp.Guard(ctx, parse =>
        {
            using var db = ctx.OpenDb(parse);
            ctx.Out.WriteLine(CallActions.Reclassify(db, ctx.Account, parse.GetValue(call), parse.GetValue(type)!, parse.GetValue(reason)!,
                parse.AtOrNow(at, ctx), parse.GetValue(priority)));
            return 0;
        }));
        return cmd;
    }

    private static Option<string> Reason() => new("--reason")
    {
        Description = "Why; recorded in the event log (R10).",
        HelpName = "TEXT",
        Required = true,
    };
}
