using System.Globalization;
using System.Net;
using System.Text;
using SafetyConsole.Data.Reports;

namespace SafetyConsole.Cli.Output.Reports;

/// <summary>
/// The opening of `report --format html` for a board member or a community meeting (issue 16): the key figures at a
/// glance and a trend chart by week or month, in plain words (no command-line terms), inline SVG, no script. R9:
/// aggregates only.
/// </summary>
public static class ReportDashboard
{
    /// <summary>The header lines in plain words (the period says how it was chosen without option names).</summary>
    public static IReadOnlyList<(string Name, string Value)> Header(ActivityReport r) =>
        ReportLayout.Header(r).Select(x => x.Name == "Period" ? (x.Name, $"{ReportLayout.ReportPeriodText(r.Period)} ({PlainRule(r.Period.Rule)})") : x)
            .Where(x => x.Name != "Grouped by")
            .Append(("Tables grouped by", ReportLayout.GroupHeader(r.By).ToLowerInvariant()))
            .ToList();

    /// <summary>"--from to --to" → "the dates asked for", and so on.</summary>
    public static string PlainRule(string rule) => rule switch
    {
        "--from to --to" => "the dates asked for",
        "from --from to today" => "from the date asked for to today",
        "school year to --to" => "school year to the date asked for",
        _ => rule,
    };

    public static void Write(StringBuilder h, ActivityReport r)
    {
        var t = r.Totals;
        var all = r.FirstResponse[^1];
        var decided = all.Met + all.Missed;
        var o = r.Outcomes;
        h.Append("<section class=\"dashboard\">\n<h2>At a glance</h2>\n<div class=\"figures\">\n");
        Figure(h, N(t.Total), "calls for service", $"{t.Liaison} law enforcement, {t.Campus} campus safety, {t.Discipline} routine discipline");
        Figure(h, decided == 0 ? "—" : Percent(all.Met, decided), "answered in time",
            decided == 0 ? "no first-response deadline has come yet" : $"{all.Met} of {decided} first-response deadlines met (R5)");
        Figure(h, N(o.Arrests), "arrests", "APCO disposition 03");
        Figure(h, N(o.Citations), "citations", "APCO disposition 04");
        Figure(h, N(o.Referrals), "referrals", "to a partner agency, including after hours (R4)");
        Figure(h, N(r.Diverted.Calls), "kept away from safety staff", "routine discipline and requests without a basis, sent to school administration (R2, R3)");
        Figure(h, N(r.Overrides.Count), "assignments overriding a warning", "training or agreement out of date, with a written reason (R7)");
        Figure(h, r.Complaints is { } c ? N(c) : "—", "family complaints", "received about safety and security staff");
        h.Append("</div>\n");
        Trend(h, r.Trend);
        h.Append("</section>\n");
    }

    private static void Figure(StringBuilder h, string value, string name, string more) =>
        h.Append("<div class=\"figure\"><div class=\"value\">").Append(E(value)).Append("</div><div class=\"name\">").Append(E(name))
            .Append("</div><div class=\"more\">").Append(E(more)).Append("</div></div>\n");

    /// <summary>Vertical bars per week or month: calls, and beside them arrests, citations and referrals.</summary>
    private static void Trend(StringBuilder h, IReadOnlyList<TrendPoint> points)
    {
        if (points.Count == 0) return;
        var weekly = points.Count > 1 && points[1].Start.DayNumber - points[0].Start.DayNumber == 7;
        var title = weekly ? "Calls each week" : "Calls each month";
        const int left = 40, top = 34, plot = 180, bottom = 46;
        var slot = Math.Max(18, Math.Min(60, 900 / points.Count));
        var width = left + points.Count * slot + 10;
        var height = top + plot + bottom;
        var max = Math.Max(1, points.Max(p => p.Calls));
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        h.Append("<div class=\"block\">\n<h3>").Append(E(title)).Append("</h3>\n");
        h.Append($"<svg role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" aria-label=\"").Append(E(title)).Append("\">\n");
        h.Append("<title>").Append(E(title + ", with arrests, citations and referrals")).Append("</title>\n");
        h.Append($"<rect class=\"trend\" x=\"{left}\" y=\"6\" width=\"10\" height=\"10\"></rect><text x=\"{left + 14}\" y=\"15\">calls</text>");
        h.Append($"<rect class=\"trend2\" x=\"{left + 60}\" y=\"6\" width=\"10\" height=\"10\"></rect><text x=\"{left + 74}\" y=\"15\">arrests, citations, referrals</text>\n");
        h.Append($"<line x1=\"{left}\" y1=\"{top + plot}\" x2=\"{width - 5}\" y2=\"{top + plot}\" stroke=\"#333\"></line>");
        h.Append($"<text x=\"{left - 4}\" y=\"{top + 4}\" text-anchor=\"end\">{max}</text><text x=\"{left - 4}\" y=\"{top + plot}\" text-anchor=\"end\">0</text>\n");
        var labelEvery = Math.Max(1, (int)Math.Ceiling(points.Count / 16.0));
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var x = left + i * slot;
            var barW = (slot - 4) * 0.62;
            var hCalls = (double)p.Calls / max * plot;
            var hOut = (double)p.Outcomes / max * plot;
            h.Append($"<rect class=\"trend\" x=\"{F(x + 2)}\" y=\"{F(top + plot - hCalls)}\" width=\"{F(barW)}\" height=\"{F(hCalls)}\"><title>")
                .Append(E($"{p.Label}: {p.Calls} calls, {p.Outcomes} arrests, citations or referrals")).Append("</title></rect>");
            h.Append($"<rect class=\"trend2\" x=\"{F(x + 2 + barW)}\" y=\"{F(top + plot - hOut)}\" width=\"{F((slot - 4) * 0.3)}\" height=\"{F(hOut)}\"></rect>");
            if (i % labelEvery == 0)
                h.Append($"<text x=\"{F(x + slot / 2.0)}\" y=\"{top + plot + 16}\" text-anchor=\"middle\">").Append(E(p.Label)).Append("</text>");
            h.Append('\n');
        }
        h.Append("</svg>\n</div>\n");
    }

    private static string Percent(int part, int whole) => (100.0 * part / whole).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
