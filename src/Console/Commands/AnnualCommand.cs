using System.CommandLine;
using SafetyConsole.Cli.Output;
using SafetyConsole.Cli.Output.Reports;
using SafetyConsole.Data.Accountability;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Reports;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Commands;

/// <summary>
/// `compliance annual --year 2026-27 [--format table|csv|json|html] [--output PATH]` (issue 16): the district's annual
/// accountability record, ending with what is missing; exit 1 while anything required is missing. Read-only, any
/// operator. R9: complaints appear as counts only. A file written with --output is 0600.
/// </summary>
public static class AnnualCommand
{
    public static Command Build(CliContext ctx)
    {
        var year = new Option<string?>("--year") { Description = "The school year, e.g. 2026-27 (September 1 to August 31; default: the current one).", HelpName = "YEAR" };
        var format = new Option<string?>("--format") { Description = "table (default), csv, json or html.", HelpName = "FORMAT" };
        var output = new Option<string?>("--output") { Description = "Write to this file (atomically, mode 0600) instead of standard output.", HelpName = "PATH" };
        var cmd = new Command("annual", "The annual accountability record: staff, agreements, outreach, training, complaints, activity, and what is missing (exit 1 while anything is).")
        {
            year, format, output,
        };
        cmd.SetAction(CliApp.Guard(ctx, parse =>
        {
            var fmt = ReportCommand.Choice(parse.GetValue(format), "--format", ReportCommand.Formats, "table");
            var path = parse.GetValue(output);
            if (path is { Length: 0 }) throw SafetyException.Usage("--output needs a file path, e.g. --output annual-2026-27.html.");
            var yearText = parse.GetValue(year);
            using var db = ctx.OpenDb(parse);
            var zone = db.DistrictZone();
            var schoolYear = yearText is null ? SchoolYear.Of(TimeText.LocalDate(ctx.Now, zone)) : SchoolYear.Parse(yearText, "--year");
            var report = AnnualFacts.Load(db, schoolYear, ctx.Now);
            if (path is null) Render(report, zone, fmt, ctx.Out, ctx.OutWidth);
            else
            {
                AtomicFile.Write(path, w => Render(report, zone, fmt, w, width: null));
                ctx.Out.WriteLine($"Wrote the {fmt} annual record for {report.Year} to {Path.GetFullPath(path)}.");
            }
            if (report.Missing.Count == 0) return 0;
            ctx.Err.WriteLine($"{report.Missing.Count} required {(report.Missing.Count == 1 ? "item is" : "items are")} missing for {report.Year}; the list ends the record: record them (agreement, outreach, complaint, district import) and run it again.");
            return 1;
        }));
        return cmd;
    }

    /// <summary>Writes the record; <paramref name="width"/> is the terminal's, or null for a file or a pipe (tables whole).</summary>
    public static void Render(AnnualReport r, TimeZoneInfo zone, string format, TextWriter w, int? width)
    {
        switch (format)
        {
            case "json": JsonOut.Write(w, AnnualJson.Of(r, zone)); break;
            case "csv":
                ReportCsv.Write(w,
                [
                    ("report", "district", r.District, "name", r.District),
                    ("report", "year", r.Year, "from", IsoDate.Text(r.From)),
                    ("report", "year", r.Year, "to", IsoDate.Text(r.To)),
                    ("report", "asOf", "", "asOf", IsoDate.Text(r.AsOf)),
                    ("report", "generatedAt", "", "generatedAt", TimeText.ToIso(r.GeneratedAt, zone)),
                    ("report", "missing", "", "count", r.Missing.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ], AnnualLayout.Build(r, zone));
                break;
            case "html":
                ReportHtml.Write(w, AnnualLayout.Title, $"{AnnualLayout.Title} — {r.District} — {r.Year}", AnnualLayout.Header(r, zone), AnnualLayout.Build(r, zone),
                    "Counts only for complaints (R9): no complaint summary, call description or other free text appears in this record. "
                    + "Override reasons are the operators' own written reasons (R7, R10).");
                break;
            default:
                TextOut.WriteTrimmed(w, width, console => ReportText.Write(console, AnnualLayout.Title, AnnualLayout.Header(r, zone), AnnualLayout.Build(r, zone), width));
                break;
        }
    }
}

/// <summary>`compliance annual --format json` (README): camelCase keys, dates yyyy-MM-dd, times ISO 8601 with offset.</summary>
public static class AnnualJson
{
    public sealed record OverrideJson(string At, string By, long CallId, string Type, string Location, string Badge, string Reason);

    public sealed record ActivityJson(DateOnly From, DateOnly To, int Calls, int Arrests, int Citations, int Referrals,
        int DivertedR2, int DivertedR3, int DivertedByDispatcher, int R2Overrides, IReadOnlyList<OverrideJson> R7Overrides);

    public sealed record Doc(
        string District, string Year, DateOnly From, DateOnly To, DateOnly AsOf, string GeneratedAt,
        IReadOnlyList<StaffRow> Staff, IReadOnlyList<AgreementRow> Agreements,
        IReadOnlyList<OutreachRow> Outreach, int AdvisoryBoardMeetings, int CommunityMeetings,
        IReadOnlyList<TrainingRow> Training, ComplaintFigures Complaints, ActivityJson Activity, IReadOnlyList<MissingItem> Missing);

    public static Doc Of(AnnualReport r, TimeZoneInfo zone)
    {
        var a = r.Activity;
        return new Doc(r.District, r.Year, r.From, r.To, r.AsOf, TimeText.ToIso(r.GeneratedAt, zone), r.Staff, r.Agreements, r.Outreach,
            r.AdvisoryBoardMeetings, r.CommunityMeetings, r.Training, r.Complaints,
            new ActivityJson(a.From, a.To, a.Calls, a.Arrests, a.Citations, a.Referrals, a.DivertedR2, a.DivertedR3, a.DivertedByDispatcher, a.R2Overrides,
                a.R7Overrides.Select(o => new OverrideJson(TimeText.ToIso(o.At, zone), o.By, o.CallId, o.Type, o.Location, o.Badge, o.Reason)).ToList()),
            r.Missing);
    }
}
