using System.CommandLine;
using SafetyConsole.Cli.Output;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Commands;

/// <summary>`operators list|add|remove`: who may do what (R10). Changes are for supervisors only.</summary>
public static class OperatorsCommands
{
    public static Command Build(CliContext ctx)
    {
        var cmd = new Command("operators", "Who may do what (R10): list, add or remove operators (supervisors only change them).");

        var list = new Command("list", "List operators and their roles; an account not listed is a viewer.");
        list.SetAction(CliApp.Guard(ctx, parse =>
        {
            using var db = ctx.OpenDb(parse);
            var t = new TextTable(new("ACCOUNT", 24, 8), new("ROLE", 10), new("ADDED BY", 24, 8), new("ADDED AT", 25));
            var zone = db.DistrictZone();
            foreach (var o in Operators.List(db)) t.AddRow(o.Account, o.Role.Text(), o.AddedBy, TimeText.ToIso(o.AddedAt, zone));
            t.Write(ctx);
            return 0;
        }));

        var account = new Argument<string>("ACCOUNT") { Description = "The operator's OS login name." };
        var role = new Argument<string>("ROLE") { Description = "viewer, service (the account safety-worker runs as), dispatcher or supervisor." };
        role.Validators.Add(r =>
        {
            var v = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (!Codes.TryParseOperatorRole(v, out _)) r.AddError($"'{v}' is not a role; use one of {Codes.AllOperatorRoles}.");
        });
        var add = new Command("add", "Give an account a role (supervisors only).") { account, role };
        add.SetAction(CliApp.Guard(ctx, parse =>
        {
            using var db = ctx.OpenDb(parse);
            var who = parse.GetValue(account)!;
            var r = Codes.ParseOperatorRole(parse.GetValue(role)!);
            Operators.Add(db, ctx.Account, who, r, ctx.Now);
            ctx.Out.WriteLine(r == OperatorRole.Service ? $"{who} is now the service account (it may run safety-worker and load feeds)." : $"{who} is now a {r.Text()}.");
            return 0;
        }));

        var removeAccount = new Argument<string>("ACCOUNT") { Description = "The operator's OS login name." };
        var remove = new Command("remove", "Remove an operator, who becomes a viewer (supervisors only).") { removeAccount };
        remove.SetAction(CliApp.Guard(ctx, parse =>
        {
            using var db = ctx.OpenDb(parse);
            var who = parse.GetValue(removeAccount)!;
            Operators.Remove(db, ctx.Account, who, ctx.Now);
            ctx.Out.WriteLine($"{who} is no longer an operator (now a viewer).");
            return 0;
        }));

        cmd.Subcommands.Add(list);
        cmd.Subcommands.Add(add);
        cmd.Subcommands.Add(remove);
        return cmd;
    }
}
