using System.CommandLine;
using SafetyConsole.Cli.Output;
using SafetyConsole.Cli.Output.Staffing;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Reports;
using SafetyConsole.Data.Simulation.Staffing;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Commands;

/// <summary>
/// `simulate [--from DATE] [--to DATE] [--roster DIR …] [--calls FILE] [--seed N] [--format table|json|html] [--output PATH]`
/// (issue 14): replays the district's calls of a period (or a feed file's) against the current roster and each proposed
/// one, through the real intake, router and worker pass in a scratch database, and prints them side by side. Aggregates
/// only (R9). Read-only on the district's database.
/// </summary>
public static class SimulateCommand
{
    public static readonly string[] Formats = ["table", "json", "html"];

    public static Command Build(CliContext ctx)
    {
        var from = new Option<string?>("--from") { Description = "First district-local date of calls to replay, YYYY-MM-DD, inclusive (default: as `report`).", HelpName = "DATE" };
        var to = new Option<string?>("--to") { Description = "Last district-local date, YYYY-MM-DD, inclusive (default: today).", HelpName = "DATE" };
        var roster = new Option<string[]>("--roster") { Description = "A folder with officers.csv and optionally training.csv (district-import format) to compare with the current roster; repeatable.", HelpName = "DIR", AllowMultipleArgumentsPerToken = false };
        var calls = new Option<string?>("--calls") { Description = "Replay the calls of this feed file (CSV or JSON Lines, as `feed load`) instead of the stored ones.", HelpName = "FILE" };
        var seed = new Option<int>("--seed") { Description = "The simulated officers' and dispatchers' random choices (the same seed gives the same run).", DefaultValueFactory = _ => 1 };
        var format = new Option<string?>("--format") { Description = "table (default), json or html.", HelpName = "FORMAT" };
        var output = new Option<string?>("--output") { Description = "Write to this file (atomically) instead of standard output.", HelpName = "PATH" };
        var cmd = new Command("simulate", "Replay calls against the current roster and proposed ones through the real rules: deadlines met, arrival times, escalations (aggregates only, R9).")
        {
            from, to, roster, calls, seed, format, output,
        };
        cmd.SetAction(CliApp.Guard(ctx, parse =>
        {
            var fromDate = ReportPeriod.ParseDate(parse.GetValue(from), "--from");
            var toDate = ReportPeriod.ParseDate(parse.GetValue(to), "--to");
            var fmt = ReportCommand.Choice(parse.GetValue(format), "--format", Formats, "table");
            var path = parse.GetValue(output);
            if (path is { Length: 0 }) throw SafetyException.Usage("--output needs a file path, e.g. --output staffing.html.");

            using var db = ctx.OpenDb(parse);
            var snap = SnapshotLoader.LoadCalendar(db) ?? throw SafetyException.Refused(
                "This database has no district yet; run `safety-console district import DIR` (or `safety-console init --demo`) first.");
            var period = ReportPeriod.Resolve(fromDate, toDate, snap.District, snap.LocalDate(ctx.Now));
            var (start, end) = (period.Start(snap), period.End(snap));

            var rosters = new List<Roster> { StaffingInput.CurrentRoster(db) };
            var agencies = DistrictReads.Agencies(db);
            var locations = DistrictReads.Locations(db);
            foreach (var dir in parse.GetValue(roster) ?? []) rosters.Add(LoadRoster(dir, agencies, locations));
            if (rosters[0].Officers.Count == 0 && rosters.Count == 1)
                throw SafetyException.Usage("The district has no officers to simulate; give a roster with --roster DIR (officers.csv and optionally training.csv).");
            if (rosters[0].Officers.Count == 0) rosters.RemoveAt(0);

            IReadOnlyList<SimCall> replay;
            if (parse.GetValue(calls) is { } feed)
            {
                var (all, _) = StaffingInput.FeedCalls(db, feed, ctx.Account, ctx.Now);
                replay = all.Where(c => c.ReceivedAt >= start && c.ReceivedAt < end).ToList();
            }
            else
            {
                replay = StaffingInput.StoredCalls(db, start, end);
            }
            if (replay.Count == 0)
                throw SafetyException.Usage($"No calls were received from {IsoDate.Text(period.From)} to {IsoDate.Text(period.To)}{(parse.GetValue(calls) is { } f ? $" in {f}" : "")}; choose a period with calls (--from, --to).");

            var input = StaffingInput.FromStore(db, replay);
            var seedValue = parse.GetValue(seed);
            var results = rosters.Select(r => StaffingSimulation.Run(input, r, seedValue, snap.Policy, ctx.Account)).ToList();
            var report = new SimulationReport(snap.District.Name, period.From, period.To, seedValue, replay.Count, results);
            if (path is null)
            {
                Render(report, fmt, ctx.Out);
                return 0;
            }
            AtomicFile.Write(path, w => Render(report, fmt, w));
            ctx.Out.WriteLine($"Wrote the {fmt} staffing simulation of {replay.Count} calls against {results.Count} rosters to {Path.GetFullPath(path)}.");
            return 0;
        }));
        return cmd;
    }

    private static void Render(SimulationReport report, string format, TextWriter w)
    {
        switch (format)
        {
            case "json": JsonOut.Write(w, SimulationRenderers.Json(report)); break;
            case "html": SimulationRenderers.Html(w, report); break;
            default: SimulationRenderers.Table(w, report); break;
        }
    }

    /// <summary>A roster folder, checked against the district's agencies and locations; a bad one is one sentence naming it (exit 2).</summary>
    private static Roster LoadRoster(string dir, IReadOnlyList<Data.Domain.Agency> agencies, IReadOnlyList<Data.Domain.Location> locations)
    {
        var source = DistrictSource.Folder(dir);
        try
        {
            var (officers, training) = DistrictParser.ParseRoster(source, agencies, locations);
            return new Roster(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir))), officers, training);
        }
        catch (SafetyException e) when (e.ExitCode == 2 && !e.Message.StartsWith("The folder", StringComparison.Ordinal))
        {
            throw SafetyException.Usage($"Roster {Path.GetFullPath(dir)}: {e.Message}");
        }
    }
}
