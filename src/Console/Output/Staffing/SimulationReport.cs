using System.Globalization;
using System.Net;
using System.Text;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Reports;
using SafetyConsole.Data.Simulation.Staffing;

namespace SafetyConsole.Cli.Output.Staffing;

/// <summary>The rosters of one `simulate` run, side by side: the first is the baseline every difference is taken from. Aggregates only (R9).</summary>
public sealed record SimulationReport(string District, DateOnly From, DateOnly To, int Seed, int Calls, IReadOnlyList<StaffingResult> Rosters);

/// <summary>`simulate`'s three formats: a table, JSON (a documented contract) and one self-contained HTML page with charts.</summary>
public static class SimulationRenderers
{
    private static readonly string[] Classes = ["LIAISON", "CAMPUS", "NONE"];

    // ---- the rows every format shows ---------------------------------------------------------------------

    private sealed record Row(string Label, Func<StaffingResult, double?> Value, Func<double?, string> Show, bool Header = false);

    private static IEnumerable<Row> Rows(SimulationReport r)
    {
        yield return new("Officers", x => x.Officers, Int);
        yield return new("Officer-hours on duty", x => x.OfficerHours, Int);
        foreach (var cls in Classes)
        {
            if (!r.Rosters.Any(x => x.ByClassAndOutcome.ContainsKey(cls))) continue;
            yield return new($"{cls} calls", _ => null, _ => "", Header: true);
            foreach (var o in StaffingResult.Outcomes)
            {
                if (r.Rosters.All(x => x.Count(cls, o) == 0)) continue;
                yield return new($"  {OutcomeLabel(o)}", x => x.Count(cls, o), Int);
            }
        }
        yield return new("Liaison calls escalated", x => x.LiaisonEscalated, Int);
        yield return new("First-response deadlines (R5)", _ => null, _ => "", Header: true);
        yield return new("  met", x => x.DeadlinesMet, Int);
        yield return new("  missed", x => x.DeadlinesMissed, Int);
        foreach (var p in r.Rosters.SelectMany(x => x.DeadlinesByPriority).Select(d => d.Key).Distinct().Order(StringComparer.Ordinal))
            yield return new($"  {p} met", x => Share(x.DeadlinesByPriority, p), Percent);
        foreach (var z in r.Rosters.SelectMany(x => x.DeadlinesByZone).Select(d => d.Key).Distinct().Order(StringComparer.Ordinal))
            yield return new($"  zone {z} met", x => Share(x.DeadlinesByZone, z), Percent);
        yield return new("Time to assignment", _ => null, _ => "", Header: true);
        yield return new("  median", x => Seconds(x.ToAssignment.Median), Duration);
        yield return new("  90th percentile", x => Seconds(x.ToAssignment.P90), Duration);
        yield return new("Time to arrival", _ => null, _ => "", Header: true);
        yield return new("  median", x => Seconds(x.ToArrival.Median), Duration);
        yield return new("  90th percentile", x => Seconds(x.ToArrival.P90), Duration);
        yield return new("Utilisation (time on calls / on duty)", _ => null, _ => "", Header: true);
        foreach (var role in r.Rosters.SelectMany(x => x.Roles).Select(u => u.Role).Distinct().Order())
            yield return new($"  {role}", x => x.Roles.FirstOrDefault(u => u.Role == role) is { OnDutyHours: > 0 } u ? u.Utilisation : null, Percent);
    }

    private static string OutcomeLabel(string o) => o switch
    {
        "referred" => "referred (R4)",
        "diverted" => "diverted (R2, R3)",
        "escalated" => "escalated (R5, R6)",
        "other" => "other (refused R8, unclassified)",
        _ => o,
    };

    private static double? Share(IReadOnlyList<DeadlineCount> counts, string key) =>
        counts.FirstOrDefault(d => d.Key == key) is { } d && d.Met + d.Missed > 0 ? (double)d.Met / (d.Met + d.Missed) : null;

    private static double? Seconds(TimeSpan? t) => t?.TotalSeconds;

    private static string Int(double? v) => v is { } x ? Math.Round(x).ToString("N0", CultureInfo.InvariantCulture) : "-";

    private static string Percent(double? v) => v is { } x ? (x * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";

    private static string Duration(double? v)
    {
        if (v is not { } s) return "-";
        var t = TimeSpan.FromSeconds(Math.Round(s));
        return t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}" : $"{t.Minutes}:{t.Seconds:00}";
    }

    private static string Difference(Row row, double? value, double? baseline)
    {
        if (value is not { } v || baseline is not { } b) return "";
        var d = v - b;
        if (Math.Abs(d) < 1e-9) return "";
        var sign = d > 0 ? "+" : "-";
        return $" ({sign}{row.Show(Math.Abs(d))})";
    }

    // ---- table -------------------------------------------------------------------------------------------

    public static void Table(TextWriter w, SimulationReport r)
    {
        w.WriteLine($"{r.District}: {r.Calls.ToString("N0", CultureInfo.InvariantCulture)} calls received {IsoDate.Text(r.From)} to {IsoDate.Text(r.To)}, replayed against {r.Rosters.Count} roster{(r.Rosters.Count == 1 ? "" : "s")} (seed {r.Seed}; differences from {r.Rosters[0].Roster})");
        w.WriteLine();
        var rows = Rows(r).ToList();
        var cells = rows.Select(row => r.Rosters.Select((x, i) =>
        {
            var v = row.Value(x);
            return row.Header ? "" : row.Show(v) + (i == 0 ? "" : Difference(row, v, row.Value(r.Rosters[0])));
        }).ToArray()).ToList();
        var labelWidth = Math.Max(rows.Max(x => x.Label.Length), 6);
        var widths = r.Rosters.Select((x, i) => Math.Max(x.Roster.Length, cells.Max(c => c[i].Length))).ToArray();
        w.WriteLine("".PadRight(labelWidth) + string.Concat(r.Rosters.Select((x, i) => "  " + x.Roster.PadLeft(widths[i]))));
        for (var k = 0; k < rows.Count; k++)
            w.WriteLine(rows[k].Label.PadRight(labelWidth) + string.Concat(cells[k].Select((c, i) => "  " + c.PadLeft(widths[i]))).TrimEnd());
    }

    // ---- json --------------------------------------------------------------------------------------------

    public sealed record DurationJson(int Count, double? MedianSeconds, double? P90Seconds);
    public sealed record DeadlineJson(string Key, int Met, int Missed);
    public sealed record RoleJson(string Role, int Officers, double OnDutyHours, double BusyHours, double Utilisation);
    public sealed record DifferenceJson(int Officers, double OfficerHours, int DeadlinesMet, int DeadlinesMissed, int LiaisonEscalated, double? ToArrivalMedianSeconds);
    public sealed record RosterJson(
        string Name, int Officers, double OfficerHours, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> CallsByClass,
        int LiaisonCalls, int LiaisonEscalated, int DeadlinesMet, int DeadlinesMissed, IReadOnlyList<DeadlineJson> DeadlinesByPriority,
        IReadOnlyList<DeadlineJson> DeadlinesByZone, DurationJson ToAssignment, DurationJson ToArrival, IReadOnlyList<RoleJson> Utilisation,
        DifferenceJson Difference);
    public sealed record SimulationJson(string District, string From, string To, int Seed, int Calls, IReadOnlyList<RosterJson> Rosters);

    public static SimulationJson Json(SimulationReport r)
    {
        var first = r.Rosters[0];
        return new(r.District, IsoDate.Text(r.From), IsoDate.Text(r.To), r.Seed, r.Calls, r.Rosters.Select(x => new RosterJson(
            x.Roster, x.Officers, Round(x.OfficerHours), x.ByClassAndOutcome, x.LiaisonCalls, x.LiaisonEscalated, x.DeadlinesMet, x.DeadlinesMissed,
            x.DeadlinesByPriority.Select(D).ToList(), x.DeadlinesByZone.Select(D).ToList(), Dur(x.ToAssignment), Dur(x.ToArrival),
            x.Roles.Select(u => new RoleJson(u.Role.ToString(), u.Officers, Round(u.OnDutyHours), Round(u.BusyHours), Math.Round(u.Utilisation, 4))).ToList(),
            new DifferenceJson(x.Officers - first.Officers, Round(x.OfficerHours - first.OfficerHours), x.DeadlinesMet - first.DeadlinesMet,
                x.DeadlinesMissed - first.DeadlinesMissed, x.LiaisonEscalated - first.LiaisonEscalated,
                x.ToArrival.Median is { } m && first.ToArrival.Median is { } fm ? (m - fm).TotalSeconds : null))).ToList());

        static DeadlineJson D(DeadlineCount d) => new(d.Key, d.Met, d.Missed);
        static DurationJson Dur(DurationStats d) => new(d.Count, d.Median?.TotalSeconds, d.P90?.TotalSeconds);
        static double Round(double h) => Math.Round(h, 2);
    }

    // ---- html --------------------------------------------------------------------------------------------

    /// <summary>One self-contained page (no scripts, no external files): the table, and bar charts of the headline figures.</summary>
    public static void Html(TextWriter w, SimulationReport r)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Staffing simulation — ").Append(E(r.District)).Append("</title>\n<style>")
          .Append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse}td,th{padding:.2rem .6rem;text-align:right}")
          .Append("td:first-child,th:first-child{text-align:left}tr.h td{font-weight:bold;padding-top:.6rem}.bar{fill:#3b6ea5}.lbl{font-size:12px}")
          .Append("</style></head><body>\n<h1>Staffing simulation: ").Append(E(r.District)).Append("</h1>\n<p>")
          .Append(r.Calls.ToString("N0", CultureInfo.InvariantCulture)).Append(" calls received ").Append(IsoDate.Text(r.From)).Append(" to ").Append(IsoDate.Text(r.To))
          .Append(", replayed through the real intake, router and worker pass against each roster (seed ").Append(r.Seed)
          .Append("). Aggregates only (R9); differences are from ").Append(E(r.Rosters[0].Roster)).Append(".</p>\n");
        Chart(sb, "First-response deadlines met (R5)", r, x => x.DeadlinesMet + x.DeadlinesMissed > 0 ? (double)x.DeadlinesMet / (x.DeadlinesMet + x.DeadlinesMissed) : 0, Percent);
        Chart(sb, "Liaison calls escalated", r, x => x.LiaisonEscalated, Int);
        Chart(sb, "Median time to arrival", r, x => x.ToArrival.Median?.TotalSeconds ?? 0, Duration);
        Chart(sb, "Officer-hours on duty", r, x => x.OfficerHours, Int);
        sb.Append("<h2>All figures</h2>\n<table><tr><th></th>");
        foreach (var x in r.Rosters) sb.Append("<th>").Append(E(x.Roster)).Append("</th>");
        sb.Append("</tr>\n");
        foreach (var row in Rows(r))
        {
            sb.Append(row.Header ? "<tr class=\"h\">" : "<tr>").Append("<td>").Append(E(row.Label.Trim())).Append("</td>");
            for (var i = 0; i < r.Rosters.Count; i++)
            {
                var v = row.Value(r.Rosters[i]);
                sb.Append("<td>").Append(row.Header ? "" : E(row.Show(v) + (i == 0 ? "" : Difference(row, v, row.Value(r.Rosters[0]))))).Append("</td>");
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</table>\n</body></html>\n");
        w.Write(sb.ToString());
    }

    private static void Chart(StringBuilder sb, string title, SimulationReport r, Func<StaffingResult, double> value, Func<double?, string> show)
    {
        const int barHeight = 22, width = 420, labelWidth = 180;
        var max = Math.Max(r.Rosters.Max(value), 1e-9);
        sb.Append("<h2>").Append(WebUtility.HtmlEncode(title)).Append("</h2>\n<svg width=\"").Append(labelWidth + width + 90)
          .Append("\" height=\"").Append(r.Rosters.Count * barHeight + 4).Append("\" role=\"img\">");
        for (var i = 0; i < r.Rosters.Count; i++)
        {
            var v = value(r.Rosters[i]);
            var y = i * barHeight;
            var len = (int)Math.Round(width * v / max);
            sb.Append(CultureInfo.InvariantCulture, $"<text class=\"lbl\" x=\"0\" y=\"{y + 15}\">{WebUtility.HtmlEncode(r.Rosters[i].Roster)}</text>")
              .Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{len}\" height=\"{barHeight - 6}\"/>")
              .Append(CultureInfo.InvariantCulture, $"<text class=\"lbl\" x=\"{labelWidth + len + 6}\" y=\"{y + 15}\">{WebUtility.HtmlEncode(show(v))}</text>");
        }
        sb.Append("</svg>\n");
    }
}
