using System.CommandLine;
using System.Globalization;
using SafetyConsole.Cli.Output;
using SafetyConsole.Data.Accountability;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Reports;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Commands;

/// <summary>
/// `outreach log|list` (issue 16): start-of-year presentations to students and notices to families at each school with
/// safety staff (RCW 28A.320.124), Tacoma's Student Advisory Board, Lake Washington's Community Connectors meetings.
/// Logging is for supervisors (R10) and recorded as an event.
/// </summary>
public static class OutreachCommands
{
    public sealed record OutreachJson(string Kind, string Location, string Date, int? Attendees);

    public static Command Build(CliContext ctx)
    {
        var cmd = new Command("outreach", "Presentations to students, notices to families, advisory board and community meetings (RCW 28A.320.124).");

        var kind = new Option<string>("--kind") { Description = "student-presentation, family-notice, advisory-board or community-meeting.", Required = true, HelpName = "KIND" };
        var location = new Option<string>("--location") { Description = "The school's location code, or DISTRICT.", Required = true, HelpName = "L|DISTRICT" };
        var date = AgreementCommands.Date("--date", "The day it was held or sent.");
        date.Required = true;
        var attendees = AgreementCommands.Count("--attendees", "How many attended (or received the notice).");
        var log = new Command("log", "Record an outreach event (supervisors only); again for the same kind, place and date updates it.") { kind, location, date, attendees };
        log.SetAction(CliApp.Guard(ctx, parse =>
        {
            var k = ComplaintCommands.Parse<OutreachKind>(parse.GetValue(kind), "--kind");
            var on = ReportPeriod.ParseDate(parse.GetValue(date), "--date")!.Value;
            var entry = new OutreachEntry(k, parse.GetValue(location)!.Trim(), on, parse.GetResult(attendees) is null ? null : parse.GetValue(attendees));
            using var db = ctx.OpenDb(parse);
            var isNew = AccountabilityWrites.LogOutreach(db, ctx.Account, entry, ctx.Now);
            ctx.Out.WriteLine($"{(isNew ? "Logged" : "Updated")} the {k.Text()} at {entry.Location} on {IsoDate.Text(on)}.");
            return 0;
        }));

        var year = new Option<string?>("--year") { Description = "Only this school year, e.g. 2026-27.", HelpName = "YEAR" };
        var json = CliOptions.Json();
        var list = new Command("list", "Outreach on record, oldest first.") { year, json };
        list.SetAction(CliApp.Guard(ctx, parse =>
        {
            var y = parse.GetValue(year) is { } text ? SchoolYear.Parse(text, "--year") : null;
            using var db = ctx.OpenDb(parse);
            var all = AccountabilityReads.Outreach(db).Where(o => y is null || y.Contains(o.HeldOn))
                .Select(o => new OutreachJson(o.Kind.Text(), o.Location, IsoDate.Text(o.HeldOn), o.Attendees)).ToList();
            if (parse.GetValue(json)) { JsonOut.Write(ctx.Out, all); return 0; }
            if (all.Count == 0) { ctx.Out.WriteLine("No outreach on record."); return 0; }
            var t = TextTable.Of("DATE", "KIND", "LOCATION", "ATTENDEES");
            foreach (var o in all) t.AddRow(o.Date, o.Kind, o.Location, o.Attendees?.ToString(CultureInfo.InvariantCulture) ?? "");
            t.Write(ctx);
            return 0;
        }));

        cmd.Subcommands.Add(log);
        cmd.Subcommands.Add(list);
        return cmd;
    }
}
