using System.CommandLine;
using SafetyConsole.Cli.Output;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Duties;
using SafetyConsole.Data.Reports;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Commands;

/// <summary>
/// `duty add|list|done` (issue 15): scheduled duties (facility safety assessments, truancy and no-trespass paperwork
/// service, trainings on request, threat-assessment team meetings) with a due date, not an R5 deadline. Adding and
/// marking done are for dispatchers and supervisors, like assign (R10); listing is for anyone, the notes (free text,
/// R9) for dispatchers and supervisors only.
/// </summary>
public static class DutyCommands
{
    /// <summary>A duty in `duty list --json` (README's JSON contract). note is null for a viewer (R9).</summary>
    public sealed record DutyJson(long Id, string Type, string Location, string DueOn, string State, string? Officer, string? Note,
        string AddedBy, string? DoneBy, string? DoneAt, string? Source);

    public static Command Build(CliContext ctx)
    {
        var cmd = new Command("duty", "Scheduled duties: assessments, paperwork service, trainings, team meetings (a due date, never an R5 deadline).");

        var type = new Argument<string>("TYPE") { Description = "A duty type: ASSESS, TRUANT, NOTRESP, TATMEET or TRAINREQ." };
        var location = new Option<string>("--location") { Description = "The location code, e.g. LHS.", Required = true, HelpName = "L" };
        var due = AgreementCommands.Date("--due", "The day it is due.");
        due.Required = true;
        var officer = new Option<string?>("--officer") { Description = "The officer who will do it.", HelpName = "BADGE" };
        var note = new Option<string?>("--note") { Description = "A short note (free text: R9).", HelpName = "TEXT" };
        var add = new Command("add", "Add a scheduled duty (dispatchers and supervisors).") { type, location, due, officer, note };
        add.SetAction(CliApp.Guard(ctx, parse =>
        {
            var on = ReportPeriod.ParseDate(parse.GetValue(due), "--due")!.Value;
            using var db = ctx.OpenDb(parse);
            var id = DutyStore.Add(db, ctx.Account, parse.GetValue(type)!, parse.GetValue(location)!, on, parse.GetValue(officer), parse.GetValue(note), ctx.Now);
            ctx.Out.WriteLine($"Duty {id} added: {parse.GetValue(type)!.Trim().ToUpperInvariant()} at {parse.GetValue(location)!.Trim().ToUpperInvariant()}, due {IsoDate.Text(on)}.");
            return 0;
        }));

        var dueBy = AgreementCommands.Date("--due-by", "Only duties due on or before this day.");
        var json = CliOptions.Json();
        var list = new Command("list", "Open duties, oldest due first.") { dueBy, json };
        list.SetAction(CliApp.Guard(ctx, parse =>
        {
            var by = ReportPeriod.ParseDate(parse.GetValue(dueBy), "--due-by");
            using var db = ctx.OpenDb(parse);
            var today = TimeText.LocalDate(ctx.Now, db.DistrictZone());
            var mayReadNotes = Operators.RoleOf(db, ctx.Account) is OperatorRole.Dispatcher or OperatorRole.Supervisor;
            var all = DutyStore.Open(db, by).Select(d => new DutyJson(d.Id, d.Type, d.Location, IsoDate.Text(d.DueOn),
                DutyRules.StateOf(d, today).Text(), d.Officer, mayReadNotes ? d.Note : null, d.AddedBy, d.DoneBy,
                d.DoneAt is { } t ? TimeText.ToDb(t) : null, d.Source)).ToList();
            if (parse.GetValue(json)) { JsonOut.Write(ctx.Out, all); return 0; }
            if (all.Count == 0) { ctx.Out.WriteLine("No open duties."); return 0; }
            var table = TextTable.Of("ID", "DUE", "STATE", "TYPE", "LOCATION", "OFFICER", "NOTE");
            foreach (var d in all)
                table.AddRow(d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), d.DueOn, d.State, d.Type, d.Location, d.Officer ?? "",
                    d.Note ?? "(dispatchers only, R9)");
            table.Write(ctx);
            return 0;
        }));

        var id = new Argument<long>("ID") { Description = "The duty's number (`duty list`)." };
        var done = new Command("done", "Mark a duty done (dispatchers and supervisors).") { id };
        done.SetAction(CliApp.Guard(ctx, parse =>
        {
            using var db = ctx.OpenDb(parse);
            var d = DutyStore.Done(db, ctx.Account, parse.GetValue(id), ctx.Now);
            ctx.Out.WriteLine($"Duty {d.Id} done: {d.Type} at {d.Location}, due {IsoDate.Text(d.DueOn)}.");
            return 0;
        }));

        cmd.Subcommands.Add(add);
        cmd.Subcommands.Add(list);
        cmd.Subcommands.Add(done);
        return cmd;
    }
}
