using System.CommandLine;
using SafetyConsole.Cli.Output;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Commands;

/// <summary>
/// `policy [show] [--json]` (anyone) and `policy set KEY VALUE --reason TEXT` (supervisors, R10): the district's
/// policy numbers, kept in the database so the board, the command line and the worker use the same ones (issue 13).
/// </summary>
public static class PolicyCommand
{
    public static Command Build(CliContext ctx)
    {
        var json = CliOptions.Json();
        var cmd = new Command("policy", "The district's policy numbers (R5 deadlines, R6 ack timeout, §3 routing, R1 lead and tail): show them, or set one (supervisors only).") { json };
        cmd.SetAction(CliApp.Guard(ctx, parse => Show(ctx, parse, parse.GetValue(json))));

        var showJson = CliOptions.Json();
        var show = new Command("show", "List the policy numbers every process uses, with their rule and meaning.") { showJson };
        show.SetAction(CliApp.Guard(ctx, parse => Show(ctx, parse, parse.GetValue(showJson))));

        var key = new Argument<string>("KEY") { Description = "The policy key, e.g. deadline_p3_seconds or road_factor (`policy show` lists them)." };
        var value = new Argument<string>("VALUE") { Description = "The new value: durations as 90, 90s, 3min or 1h (a bare number is in the key's unit); numbers like 1.4." };
        var reason = new Option<string>("--reason")
        {
            Description = "Why; recorded in the event log with the old and new value (R10).",
            HelpName = "TEXT",
            Required = true,
        };
        var set = new Command("set", "Change one policy number (supervisors only, R10); every process uses it from its next decision.") { key, value, reason };
        set.SetAction(CliApp.Guard(ctx, parse =>
        {
            using var db = ctx.OpenDb(parse);
            var change = PolicyStore.Set(db, ctx.Account, parse.GetValue(key)!, parse.GetValue(value)!, parse.GetValue(reason)!, ctx.Now);
            var k = change.Key;
            var now = $"{k.Format(change.New)} ({k.Describe(change.New)})";
            ctx.Out.WriteLine(change.Changed
                ? $"{k.Name} is now {now}, was {(change.Old is { } o ? $"{k.Format(o)} ({k.Describe(o)})" : "unset")}; the board, the command line and the worker use it from their next decision."
                : $"{k.Name} is already {now}; nothing changed.");
            return 0;
        }));

        cmd.Subcommands.Add(show);
        cmd.Subcommands.Add(set);
        return cmd;
    }

    private static int Show(CliContext ctx, ParseResult parse, bool json)
    {
        using var db = ctx.OpenDb(parse);
        var entries = PolicyStore.Show(db);
        if (json)
        {
            // {"deadlineP1Seconds": 60, …, "leadMinutes": 30}: the key in camelCase, the value in its unit (null: no district yet).
            JsonOut.Write(ctx.Out, entries.ToDictionary(e => e.Key.JsonName, e => e.Value));
            return 0;
        }
        var t = TextTable.Of("KEY", "VALUE", "AS", "RULE", "MEANING");
        foreach (var e in entries)
            t.AddRow(e.Key.Name, e.Value is { } v ? e.Key.Format(v) : "-", e.Value is { } w ? e.Key.Describe(w) : "no district yet", e.Key.Rule, e.Key.Meaning);
        t.Write(ctx);
        return 0;
    }
}
