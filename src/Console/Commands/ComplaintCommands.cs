using System.CommandLine;
using System.Globalization;
using SafetyConsole.Cli.Output;
using SafetyConsole.Data.Accountability;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Reports;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Commands;

/// <summary>
/// `complaint add|update|list|show` (issue 16; Policy 4311 clause A: the family complaint process). Supervisors record
/// and update (R10, each an event). R9: the summary is student-adjacent: `list` never shows it, `show` shows it to
/// dispatchers and supervisors only, and a viewer's attempt is refused and recorded.
/// </summary>
public static class ComplaintCommands
{
    public sealed record ComplaintJson(
        long Id, string? Ref, string Channel, string? AboutBadge, string? AboutAgency, long? CallId, string ReceivedOn, string Status,
        string? Finding, string? RespondedOn, int? DaysToResponse, int DaysOpen, bool Overdue);

    public sealed record ComplaintDetailJson(ComplaintJson Complaint, string Summary);

    public static Command Build(CliContext ctx)
    {
        var cmd = new Command("complaint", "Family complaints about safety and security staff (Policy 4311 clause A).");

        var channel = new Option<string>("--channel") { Description = "Where it was filed: school, agency or district.", Required = true, HelpName = "CHANNEL" };
        var about = new Option<string>("--about") { Description = "The officer's badge or the agency's code it is about.", Required = true, HelpName = "BADGE|AGENCY" };
        var call = new Option<long?>("--call") { Description = "The call it concerns, if any.", HelpName = "ID" };
        var received = AgreementCommands.Date("--received", "The date the complaint was received.");
        received.Required = true;
        var summary = new Option<string>("--summary") { Description = "What the family complained about (R9: never in reports; viewers cannot read it).", Required = true, HelpName = "TEXT" };
        var add = new Command("add", "Record a complaint (supervisors only).") { channel, about, call, received, summary };
        add.SetAction(CliApp.Guard(ctx, parse =>
        {
            var ch = Parse<ComplaintChannel>(parse.GetValue(channel), "--channel");
            var on = ReportPeriod.ParseDate(parse.GetValue(received), "--received")!.Value;
            using var db = ctx.OpenDb(parse);
            var id = AccountabilityWrites.AddComplaint(db, ctx.Account, ch, parse.GetValue(about)!.Trim(), parse.GetValue(call), on, parse.GetValue(summary)!, ctx.Now);
            var days = District(db)?.ComplaintResponseDays ?? Data.Domain.District.DefaultComplaintResponseDays;
            ctx.Out.WriteLine($"Recorded complaint {id}, received {IsoDate.Text(on)}; the district's response is due within {days} days.");
            return 0;
        }));

        var id = new Argument<long>("ID") { Description = "The complaint's number (`complaint list`)." };
        var status = new Option<string?>("--status") { Description = "investigating or resolved.", HelpName = "STATUS" };
        var finding = new Option<string?>("--finding") { Description = "sustained, not-sustained, unfounded or withdrawn (resolves the complaint).", HelpName = "FINDING" };
        var responded = AgreementCommands.Date("--responded", "The date the district responded to the family.");
        var update = new Command("update", "Move a complaint on, record its finding or the response date (supervisors only).") { id, status, finding, responded };
        update.SetAction(CliApp.Guard(ctx, parse =>
        {
            var st = parse.GetValue(status) is { } s ? Parse<ComplaintStatus>(s, "--status") : (ComplaintStatus?)null;
            if (st == ComplaintStatus.Received) throw SafetyException.Usage("--status received is where a complaint starts; use investigating or resolved.");
            var f = parse.GetValue(finding) is { } ft ? Parse<ComplaintFinding>(ft, "--finding") : (ComplaintFinding?)null;
            var r = ReportPeriod.ParseDate(parse.GetValue(responded), "--responded");
            using var db = ctx.OpenDb(parse);
            var after = AccountabilityWrites.UpdateComplaint(db, ctx.Account, parse.GetValue(id), st, f, r, ctx.Now);
            ctx.Out.WriteLine($"Complaint {after.Id} is {after.Status.Text()}" + (after.Finding is { } x ? $" ({x.Text()})" : "")
                + (after.DaysToResponse is { } d ? $"; responded {d} days after it was received." : "."));
            return 0;
        }));

        var json = CliOptions.Json();
        var list = new Command("list", "Complaints with their status, finding and days to response (no summaries, R9).") { json };
        list.SetAction(CliApp.Guard(ctx, parse =>
        {
            using var db = ctx.OpenDb(parse);
            var (today, days) = Today(db, ctx);
            var all = AccountabilityReads.Complaints(db).Select(c => Json(c, today, days)).ToList();
            if (parse.GetValue(json)) { JsonOut.Write(ctx.Out, all); return 0; }
            if (all.Count == 0) { ctx.Out.WriteLine("No complaint on record."); return 0; }
            var t = TextTable.Of("ID", "REF", "CHANNEL", "ABOUT", "CALL", "RECEIVED", "STATUS", "FINDING", "RESPONDED", "DAYS", "OVERDUE");
            foreach (var c in all)
                t.AddRow(N(c.Id), c.Ref ?? "", c.Channel, c.AboutBadge ?? c.AboutAgency, c.CallId is { } k ? N(k) : "", c.ReceivedOn, c.Status, c.Finding ?? "",
                    c.RespondedOn ?? "", N(c.DaysToResponse ?? c.DaysOpen), c.Overdue ? $"yes (over {days} days)" : "");
            t.Write(ctx);
            return 0;
        }));

        var showId = new Argument<long>("ID") { Description = "The complaint's number." };
        var showJson = CliOptions.Json();
        var show = new Command("show", "One complaint with its summary (dispatchers and supervisors; R9).") { showId, showJson };
        show.SetAction(CliApp.Guard(ctx, parse =>
        {
            using var db = ctx.OpenDb(parse);
            Operators.Require(db, ctx.Account, OperatorRole.Dispatcher, "read a complaint's summary (R9)", ctx.Now);
            var c = AccountabilityReads.Complaint(db, parse.GetValue(showId))
                ?? throw SafetyException.Usage($"There is no complaint {parse.GetValue(showId)}; `safety-console complaint list` shows their numbers.");
            var (today, days) = Today(db, ctx);
            var j = Json(c, today, days);
            if (parse.GetValue(showJson)) { JsonOut.Write(ctx.Out, new ComplaintDetailJson(j, c.Summary)); return 0; }
            ctx.Out.WriteLine($"Complaint {j.Id}{(j.Ref is null ? "" : $" ({j.Ref})")}: {j.Status}{(j.Finding is null ? "" : $", {j.Finding}")}");
            ctx.Out.WriteLine($"About {j.AboutBadge ?? j.AboutAgency}, filed with the {j.Channel}, received {j.ReceivedOn}{(j.CallId is { } k ? $", call {k}" : "")}.");
            ctx.Out.WriteLine(j.RespondedOn is null ? $"No response yet ({j.DaysOpen} days){(j.Overdue ? $": past the {days}-day response time" : "")}." : $"Responded {j.RespondedOn}, {j.DaysToResponse} days after receipt.");
            ctx.Out.WriteLine("Summary: " + c.Summary);
            return 0;
        }));

        cmd.Subcommands.Add(add);
        cmd.Subcommands.Add(update);
        cmd.Subcommands.Add(list);
        cmd.Subcommands.Add(show);
        return cmd;
    }

    private static ComplaintJson Json(Complaint c, DateOnly today, int days) => new(
        c.Id, c.Ref, c.Channel.Text(), c.AboutBadge, c.AboutAgency, c.CallId, IsoDate.Text(c.ReceivedOn), c.Status.Text(), c.Finding?.Text(),
        IsoDate.TextOrNull(c.RespondedOn), c.DaysToResponse, Math.Max(0, today.DayNumber - c.ReceivedOn.DayNumber), c.Overdue(today, days));

    private static (DateOnly Today, int ResponseDays) Today(SafetyDb db, CliContext ctx) =>
        (TimeText.LocalDate(ctx.Now, db.DistrictZone()), District(db)?.ComplaintResponseDays ?? Data.Domain.District.DefaultComplaintResponseDays);

    private static District? District(SafetyDb db) => Data.Districts.DistrictReads.District(db);

    internal static T Parse<T>(string? text, string option) where T : struct, Enum =>
        AccountabilityCodes.TryParseAny(text, out T value) ? value
            : throw SafetyException.Usage($"{option} '{text}' is not one of {AccountabilityCodes.Words<T>()}; choose one of them.");

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
}
