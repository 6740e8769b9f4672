using System.CommandLine;
using SafetyConsole.Cli.Output;
using SafetyConsole.Cli.Output.Reports;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Staffing;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Commands;

/// <summary>
/// `coverage [--at TIME] [--json]` (issue 14): for every location and call class, who could be the first responder
/// inside the school-day window (R1, §3 posts and jurisdiction, R7 as of TIME; live status ignored) and what R4 does
/// outside it. Exit 1 when a gap exists: a location and class for which nobody could ever be eligible. Read-only.
/// </summary>
public static class CoverageCommand
{
    public sealed record CellJson(IReadOnlyList<string> Responders, IReadOnlyList<KeptOutJson> KeptOut, string? Gap, string OutsideWindow);

    public sealed record KeptOutJson(string Badge, string Reason);

    public sealed record LocationJson(string Code, string Name, string Zone, string Agency, CellJson Liaison, CellJson Campus);

    public sealed record CoverageJson(string District, string At, int Locations, IReadOnlyList<ReportJson.CoverageGapJson> Gaps, IReadOnlyList<LocationJson> ByLocation);

    public static Command Build(CliContext ctx)
    {
        var at = CliOptions.At();
        at.Description = "Judge training and agreements (R7) as of this ISO 8601 time with offset, e.g. 2027-01-04T08:00:00-08:00 (default: now).";
        var json = CliOptions.Json();
        var cmd = new Command("coverage", "Who could answer each location's LIAISON and CAMPUS calls (R1, R4, R7, §3); exit 1 when a location has nobody.") { at, json };
        cmd.SetAction(CliApp.Guard(ctx, parse =>
        {
            var when = parse.AtOrNow(at, ctx);
            using var db = ctx.OpenDb(parse);
            var snap = SnapshotLoader.Load(db, when);
            var report = Coverage.Compute(snap, when, snap.Policy);
            if (parse.GetValue(json)) JsonOut.Write(ctx.Out, Json(report, snap.TimeZone));
            else Text(ctx, report, snap.TimeZone);
            return report.Gaps.Count > 0 ? 1 : 0;
        }));
        return cmd;
    }

    public static CoverageJson Json(CoverageReport r, TimeZoneInfo zone) => new(
        r.District, TimeText.ToIso(r.At, zone), r.Locations.Count,
        Gaps(r),
        r.Locations.Select(l => new LocationJson(l.Code, l.Name, l.Zone, l.Agency, Cell(l.Liaison), Cell(l.Campus))).ToList());

    public static List<ReportJson.CoverageGapJson> Gaps(CoverageReport r) =>
        r.Gaps.Select(g => new ReportJson.CoverageGapJson(g.Location.Code, g.Location.Zone, g.Cell.Class.Text(), g.Cell.Gap!)).ToList();

    private static CellJson Cell(CoverageCell c) =>
        new(c.Responders, c.KeptOut.Select(k => new KeptOutJson(k.Badge, k.Reason)).ToList(), c.Gap, c.OutsideWindow);

    private static void Text(CliContext ctx, CoverageReport r, TimeZoneInfo zone)
    {
        var o = ctx.Out;
        TextOut.Line(ctx, $"{r.District}: first-response coverage as of {TimeText.ToIso(r.At, zone)} (R1, R4, R7, §3; live status ignored)");
        o.WriteLine();
        WriteGaps(ctx, r);
        o.WriteLine();
        TextOut.Line(ctx, "Inside the school-day window, who could answer first (rank order from the post); outside it R4 refers LIAISON calls to the agency:");
        var t = TextTable.Of("LOCATION", "ZONE", "AGENCY", "LIAISON", "CAMPUS", "KEPT OUT (R7)");
        foreach (var l in r.Locations)
            t.AddRow(l.Code, l.Zone, l.Agency, Who(l.Liaison), Who(l.Campus),
                string.Join(" ", l.Cells.SelectMany(c => c.KeptOut).Select(k => k.Badge).Distinct(StringComparer.Ordinal)));
        t.Write(ctx);
    }

    /// <summary>The gap lines, shared with `compliance`.</summary>
    public static void WriteGaps(CliContext ctx, CoverageReport r)
    {
        var gaps = r.Gaps;
        TextOut.Line(ctx, $"Coverage gaps (a location and class nobody could ever answer first): {gaps.Count} of {r.Locations.Count * 2}");
        // One line each (the reasons are long sentences; a table would squeeze them).
        foreach (var (l, c) in gaps) TextOut.Line(ctx, $"  {l.Code} (zone {l.Zone}, {l.Agency}) {c.Class.Text()}: {c.Gap}");
    }

    private static string Who(CoverageCell c) => c.Gap is not null ? "GAP" : string.Join(" ", c.Responders.Take(3)) + (c.Responders.Count > 3 ? $" +{c.Responders.Count - 3}" : "");
}
