using System.CommandLine;
using SafetyConsole.Cli.Output;
using SafetyConsole.Cli.Output.Reports;
using SafetyConsole.Data.Reports;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Commands;

/// <summary>
/// `report [--from DATE] [--to DATE] [--by school|zone|type|agency|month] [--format table|csv|json|html] [--output PATH]`:
/// the law-enforcement activity report (issue 9). Aggregates only (R9). Any operator may run it, viewers included
/// (R10: it changes nothing). It is not recorded as a read of call detail (R9): it shows no call's detail — no
/// description, reporter or other feed text — only counts, codes, times and the operators' override reasons.
/// </summary>
public static class ReportCommand
{
    public static readonly string[] Groupings = ["school", "zone", "type", "agency", "month"];
    public static readonly string[] Formats = ["table", "csv", "json", "html"];

    public static Command Build(CliContext ctx)
    {
        var from = new Option<string?>("--from") { Description = "First district-local date, YYYY-MM-DD, inclusive (default: the school year's first day, or 30 days back outside it).", HelpName = "DATE" };
        var to = new Option<string?>("--to") { Description = "Last district-local date, YYYY-MM-DD, inclusive (default: today).", HelpName = "DATE" };
        var by = new Option<string?>("--by") { Description = "Group calls by school, zone, type, agency or month (default: school).", HelpName = "GROUP" };
        var format = new Option<string?>("--format") { Description = "table (default), csv, json or html.", HelpName = "FORMAT" };
        var output = new Option<string?>("--output") { Description = "Write to this file (atomically) instead of standard output.", HelpName = "PATH" };
        var cmd = new Command("report", "Law-enforcement activity for a period: calls, outcomes, first response, overrides, calls kept away from safety staff (aggregates only, R9).")
        {
            from, to, by, format, output,
        };
        cmd.SetAction(CliApp.Guard(ctx, parse =>
        {
            var fromDate = ReportPeriod.ParseDate(parse.GetValue(from), "--from");
            var toDate = ReportPeriod.ParseDate(parse.GetValue(to), "--to");
            var grouping = Choice(parse.GetValue(by), "--by", Groupings, "school");
            var fmt = Choice(parse.GetValue(format), "--format", Formats, "table");
            var path = parse.GetValue(output);
            if (path is { Length: 0 }) throw SafetyException.Usage("--output needs a file path, e.g. --output report.html.");

            using var db = ctx.OpenDb(parse);
            var report = ReportFacts.Load(db, fromDate, toDate, Enum.Parse<ReportGrouping>(grouping, ignoreCase: true), ctx.Now);
            if (path is null)
            {
                Render(report, fmt, ctx.Out, ctx.OutIsTerminal);
                return 0;
            }
            // 0600: a report may carry operators' override reasons (DESIGN §7: reports with any free text are 0600).
            AtomicFile.Write(path, w => Render(report, fmt, w, isTerminal: false), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            ctx.Out.WriteLine($"Wrote the {fmt} report for {ReportLayout.ReportPeriodText(report.Period)} to {Path.GetFullPath(path)}.");
            return 0;
        }));
        return cmd;
    }

    public static void Render(ActivityReport report, string format, TextWriter w, bool isTerminal)
    {
        switch (format)
        {
            case "json": JsonOut.Write(w, ReportJson.Of(report)); break;
            case "csv": ReportCsv.Write(w, report); break;
            case "html": ReportHtml.Write(w, report); break;
            default:
                var console = TextOut.ConsoleFor(w, isTerminal);
                if (!isTerminal) console.Profile.Width = 120;
                ReportText.Write(console, report);
                break;
        }
    }

    /// <summary>One of <paramref name="allowed"/> (case-insensitive), else one sentence, exit 2.</summary>
    internal static string Choice(string? value, string option, string[] allowed, string fallback)
    {
        if (value is null) return fallback;
        var v = value.Trim().ToLowerInvariant();
        if (allowed.Contains(v, StringComparer.Ordinal)) return v;
        throw SafetyException.Usage($"{option} '{value}' is not one of {string.Join(", ", allowed)}; choose one of them.");
    }
}
