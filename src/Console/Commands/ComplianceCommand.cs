using System.CommandLine;
using System.Globalization;
using SafetyConsole.Cli.Output;
using SafetyConsole.Cli.Output.Reports;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Reports;
using SafetyConsole.Data.Staffing;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Commands;

/// <summary>
/// `compliance [--at DATE] [--json]` (R7): training lapsed or lapsing within 60 days (by topic), police agreements past
/// their review date or due within 30 or 60 days, and the officers this keeps out of recommendations on that date;
/// family complaints past the district's response time (issue 16); and (R10) how many events of the log were entered
/// with a time far from the clock. `compliance annual` is its subcommand.
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
            var report = Compliance.Compute(snap, date ?? snap.LocalDate(ctx.Now), Data.Accountability.AccountabilityReads.Complaints(db))
                with { LateEntries = LateEntries.Count(db) };
            // Issue 14: the coverage audit's gaps as of midday on the same date (R7 judges by the date).
            var coverage = Coverage.Compute(snap, date is { } d ? snap.ToInstant(d, new TimeOnly(12, 0)) : ctx.Now, snap.Policy);
            if (parse.GetValue(json)) JsonOut.Write(ctx.Out, ReportJson.Of(report) with { CoverageGaps = CoverageCommand.Gaps(coverage) });
            else
            {
                Text(ctx, report);
                ctx.Out.WriteLine();
                CoverageCommand.WriteGaps(ctx, coverage);
            }
            return 0;
        }));
        cmd.Subcommands.Add(AnnualCommand.Build(ctx));
        return cmd;
    }

    private static void Text(CliContext ctx, ComplianceReport r)
    {
        var o = ctx.Out;
        TextOut.Line(ctx, $"{r.District}: R7 compliance as of {IsoDate.Text(r.At)} (looking {Compliance.HorizonDays} days ahead)");
        o.WriteLine();
        TextOut.Line(ctx, $"Training lapsed or lapsing within {Compliance.HorizonDays} days: {r.Training.Count}");
        if (r.Training.Count > 0)
        {
            var t = new TextTable(new("BADGE", 10, 6), new("NAME", 24, 8), new("ROLE", 7), new("TOPIC", 24, 6), new("COMPLETED", 10),
                new("EXPIRES", 10), TextColumn.Number("DAYS", 5), new("STATE", 18, 8));
            foreach (var x in r.Training)
                t.AddRow(x.Badge, x.Name, x.Role.Text(), x.Topic, IsoDate.Text(x.CompletedOn), IsoDate.Text(x.ExpiresOn), x.DaysLeft.ToString(CultureInfo.InvariantCulture),
                    x.State == DueState.PastDue ? "lapsed" : x.State.Text());
            t.Write(ctx);
        }
        o.WriteLine();
        TextOut.Line(ctx, $"Police agreements past review or due within {Compliance.HorizonDays} days: {r.Agreements.Count}");
        if (r.Agreements.Count > 0)
        {
            var t = new TextTable(new("AGENCY", 10, 4), new("NAME", 36, 8), new("REVIEW DUE", 10), TextColumn.Number("DAYS", 5), new("STATE", 18, 8),
                TextColumn.Number("OFFICERS", 8));
            foreach (var a in r.Agreements)
                t.AddRow(a.Agency, a.Name, IsoDate.Text(a.ReviewDue), a.DaysLeft.ToString(CultureInfo.InvariantCulture), a.State.Text(), a.Officers.ToString(CultureInfo.InvariantCulture));
            t.Write(ctx);
        }
        o.WriteLine();
        TextOut.Line(ctx, $"Officers kept out of recommendations now (R7; a supervisor may still assign with a written reason): {r.KeptOut.Count}");
        if (r.KeptOut.Count > 0)
        {
            var t = new TextTable(new("BADGE", 10, 6), new("NAME", 24, 8), new("ROLE", 7), new("AGENCY", 10, 4), new("WHY", 400, 16));
            foreach (var k in r.KeptOut) t.AddRow(k.Badge, k.Name, k.Role.Text(), k.Agency, string.Join("; ", k.Reasons));
            t.Write(ctx);
        }
        var overdue = r.ComplaintsOverdue ?? [];
        o.WriteLine();
        TextOut.Line(ctx, $"Family complaints past the district's response time of {r.ComplaintResponseDays} days (Policy 4311 clause A): {overdue.Count}");
        if (overdue.Count > 0)
        {
            var t = TextTable.Of("COMPLAINT", "ABOUT", "RECEIVED", "DAYS OPEN", "STATUS");
            foreach (var c in overdue) t.AddRow(c.Id.ToString(CultureInfo.InvariantCulture), c.About, IsoDate.Text(c.ReceivedOn), c.DaysOpen.ToString(CultureInfo.InvariantCulture), c.Status);
            t.Write(ctx);
        }
        o.WriteLine();
        var by = r.LateEntries.ByActor.Count == 0 ? "" : " (" + string.Join(", ", r.LateEntries.ByActor.Select(a => $"{a.Actor} {a.Count}")) + ")";
        TextOut.Line(ctx, $"Late entries and replays in the event log (R10: entered with a time far from the clock; `calls show` marks them): {r.LateEntries.Total}{by}");
    }
}
