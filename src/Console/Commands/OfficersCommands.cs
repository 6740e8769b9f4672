using System.CommandLine;
using SafetyConsole.Cli.Output;
using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Commands;

/// <summary>`officers list [--json]` (the roster) and `officer status BADGE STATUS` (log on, off, busy).</summary>
public static class OfficersCommands
{
    public static IEnumerable<Command> Build(CliContext ctx)
    {
        var officers = new Command("officers", "The roster.");
        var json = CliOptions.Json();
        var list = new Command("list", "List officers with role, agency, post and status.") { json };
        list.SetAction(CliApp.Guard(ctx, parse =>
        {
            using var db = ctx.OpenDb(parse);
            var all = Reads.Officers(db);
            if (parse.GetValue(json))
            {
                JsonOut.Write(ctx.Out, all.Select(JsonOut.Of).ToList());
                return 0;
            }
            var t = new TextTable(new("BADGE", 10, 6), new("NAME", 28, 8), new("ROLE", 7), new("AGENCY", 10, 4), new("POST", 12, 4), new("STATUS", 9));
            foreach (var o in all) t.AddRow(o.Badge, o.Name, o.Role.Text(), o.Agency, o.Post, o.Status.Text());
            t.Write(ctx);
            return 0;
        }));
        officers.Subcommands.Add(list);
        yield return officers;

        var officer = new Command("officer", "Change one officer.");
        var badge = CliOptions.Badge();
        var status = new Argument<string>("STATUS") { Description = "AVAILABLE (log on), OFF_DUTY (log off) or BUSY." };
        status.Validators.Add(r =>
        {
            var v = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (!Codes.TryParseOfficerStatus(v, out _)) r.AddError($"'{v}' is not an officer status; use one of {Codes.AllOfficerStatuses}.");
        });
        var reason = new Option<string?>("--reason") { Description = "Why, for the event log." };
        var set = new Command("status", "Set an officer's status: AVAILABLE, OFF_DUTY or BUSY.") { badge, status, reason };
        set.SetAction(CliApp.Guard(ctx, parse =>
        {
            using var db = ctx.OpenDb(parse);
            var b = parse.GetValue(badge)!;
            var s = Codes.ParseOfficerStatus(parse.GetValue(status)!);
            ctx.Out.WriteLine(OfficerActions.SetStatus(db, ctx.Account, b, s, ctx.Now, parse.GetValue(reason) ?? ""));
            return 0;
        }));
        officer.Subcommands.Add(set);
        yield return officer;
    }
}
