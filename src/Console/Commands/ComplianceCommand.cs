using System.CommandLine;
using System.Globalization;
using SafetyConsole.Cli.Output;
using SafetyConsole.Cli.Output.Reports;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Reports;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Commands;

/// <summary>
/// `compliance [--at DATE] [--json]` (R7): training lapsed or lapsing within 60 days (by topic), police agreements past
/// their review date or due within 30 or 60 days, the officers this keeps out of recommendations on that date, and (R10)
/// how many events of the log were entered with a time far from the clock.
/// Read-only; any operator may run it.
/// </summary>
public static class ComplianceCommand
{
    public static Command Build(CliContext ctx)
    {
        var at = new Option<string?>("--at") { Description = "As of this district-local date, YYYY-MM-DD (default: today).", HelpName = "DATE" };
        var json = CliOptions.Json();
        var cmd = new Command("compliance", "R7: training and police agreements lapsed or due within 60 days, and the officers kept out of recommendations.") { at, json };
        cmd.SetAction(CliApp.Guard(ctx, parse =>
        {
            var date = ReportPeriod.ParseDate(parse.GetValue(at), "--at");
            using var db = ctx.OpenDb(parse);
            var snap = SnapshotLoader.Load(db, ctx.Now);
            var report = Compliance.Compute(snap, date ?? snap.LocalDate(ctx.Now)) with { LateEntries = LateEntries.Count(db) };
            if (parse.GetValue(json)) JsonOut.Write(ctx.Out, ReportJson.Of(report));
            else Text(ctx, report);
            return 0;
        }));
        return cmd;
    }

    private static void Text(CliContext ctx, ComplianceReport r)
    {
        var o = ctx.Out;
        o.WriteLine($"{r.District}: R7 compliance as of {Iso(r.At)} (looking {Compliance.HorizonDays} days ahead)");
        o.WriteLine();
        o.WriteLine($"Training lapsed or lapsing within {Compliance.HorizonDays} days: {r.Training.Count}");
        if (r.Training.Count > 0)
        {
            var t = TextOut.Table("BADGE", "NAME", "ROLE", "TOPIC", "COMPLETED", "EXPIRES", "DAYS", "STATE");
            foreach (var x in r.Training)
                t.AddRow(x.Badge, x.Name, x.Role.Text(), x.Topic, Iso(x.CompletedOn), Iso(x.ExpiresOn), x.DaysLeft.ToString(CultureInfo.InvariantCulture),
                    x.State == DueState.PastDue ? "lapsed" : x.State.Text());
            TextOut.Write(ctx, t);
        }
        o.WriteLine();
        o.WriteLine($"Police agreements past review or due within {Compliance.HorizonDays} days: {r.Agreements.Count}");
        if (r.Agreements.Count > 0)
        {
            var t = TextOut.Table("AGENCY", "NAME", "REVIEW DUE", "DAYS", "STATE", "OFFICERS");
            foreach (var a in r.Agreements)
                t.AddRow(a.Agency, a.Name, Iso(a.ReviewDue), a.DaysLeft.ToString(CultureInfo.InvariantCulture), a.State.Text(), a.Officers.ToString(CultureInfo.InvariantCulture));
            TextOut.Write(ctx, t);
        }
        o.WriteLine();
        o.WriteLine($"Officers kept out of recommendations now (R7; a supervisor may still assign with a written reason): {r.KeptOut.Count}");
        if (r.KeptOut.Count > 0)
        {
            var t = TextOut.Table("BADGE", "NAME", "ROLE", "AGENCY", "WHY");
            foreach (var k in r.KeptOut) t.AddRow(k.Badge, k.Name, k.Role.Text(), k.Agency, string.Join("; ", k.Reasons));
            TextOut.Write(ctx, t);
        }
        o.WriteLine();
        var by = r.LateEntries.ByActor.Count == 0 ? "" : " (" + string.Join(", ", r.LateEntries.ByActor.Select(a => $"{a.Actor} {a.Count}")) + ")";
        o.WriteLine($"Late entries and replays in the event log (R10: entered with a time far from the clock; `calls show` marks them): {r.LateEntries.Total}{by}");
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
