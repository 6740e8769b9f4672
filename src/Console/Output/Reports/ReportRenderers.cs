using System.Globalization;
using System.Net;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Reports;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SafetyConsole.Cli.Output.Reports;

/// <summary>
/// `report --format table`: tables through the commands' one table writer (<see cref="TextTable"/>: fitted to the
/// terminal's <c>width</c>, whole when it is null) and Spectre bar charts; every piece of data is literal text, never markup.
/// </summary>
public static class ReportText
{
    public static void Write(IAnsiConsole console, ActivityReport r, int? width) =>
        Write(console, ReportLayout.Title, ReportLayout.Header(r), ReportLayout.Build(r), width);

    /// <summary>Any report made of sections of tables (the activity report, `compliance annual`).</summary>
    public static void Write(IAnsiConsole console, string title, IEnumerable<(string Name, string Value)> headerLines, IEnumerable<LayoutSection> sections, int? width)
    {
        console.Write(new Rule(Markup.Escape(title)) { Justification = Justify.Left });
        var header = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        foreach (var (name, value) in headerLines) header.AddRow(new Text(name), new Text(value));
        console.Write(header);
        foreach (var section in sections)
        {
            console.WriteLine();
            console.Write(new Rule(Markup.Escape(section.Title)) { Justification = Justify.Left });
            foreach (var note in section.Notes) console.Write(new Paragraph(note + "\n"));
            foreach (var table in section.Tables) Write(console, table, width);
        }
    }

    private static void Write(IAnsiConsole console, LayoutTable t, int? width)
    {
        console.WriteLine();
        console.Write(new Text(t.Title + "\n", new Style(decoration: Decoration.Bold)));
        if (t.Rows.Count == 0)
        {
            console.Write(new Text("  " + t.Empty + "\n"));
            return;
        }
        // Keys and numbers keep their width; the label and text columns (names, override reasons) give way to fit.
        var columns = new List<TextColumn> { new(t.KeyHeader, 16, 6) };
        if (t.LabelHeader is not null) columns.Add(new(t.LabelHeader, 40, 8));
        // Numbers may give up header room too ("Arrest…"): the report's wide tables then still show every column at 80.
        columns.AddRange(t.Columns.Select(c => c.Numeric ? new TextColumn(c.Header, 14, 6, Justify.Right) : new TextColumn(c.Header, 60, 8)));
        var table = new TextTable([.. columns]);
        foreach (var row in t.Rows)
        {
            var cells = new List<string> { row.Key };
            if (t.LabelHeader is not null) cells.Add(row.Label);
            cells.AddRange(row.Cells.Select(c => c.Text));
            table.AddRow([.. cells]);
        }
        console.Write(table.Renderable(width));
        if (t.Chart is { } chart)
        {
            // BarChart labels are markup: escape them so district data prints literally.
            var bars = new BarChart().Width(Math.Min(72, console.Profile.Width)).Label(Markup.Escape(chart.Title));
            foreach (var (label, value, _) in chart.Bars) bars.AddItem(Markup.Escape(label), Math.Round(value, 1), Color.Default);
            console.Write(bars);
        }
    }
}

/// <summary>
/// `report --format csv`: one long table, a row per figure, columns section,key,label,metric,value (RFC 4180 via CsvHelper).
/// `section` is the table id (callsByGroup, firstResponse, overrides, ...), `metric` the column id; durations are
/// seconds, times ISO 8601 with offset, a missing value empty. The first rows (section "report") name the district,
/// the period and when it was generated. Cells that a spreadsheet would run as a formula are escaped.
/// </summary>
public static class ReportCsv
{
    public static void Write(TextWriter w, ActivityReport r)
    {
        List<(string, string, string, string, string)> preamble =
        [
            ("report", "district", r.District, "name", r.District),
            ("report", "period", ReportLayout.ReportPeriodText(r.Period), "from", IsoDate.Text(r.Period.From)),
            ("report", "period", ReportLayout.ReportPeriodText(r.Period), "to", IsoDate.Text(r.Period.To)),
            ("report", "period", r.Period.Rule, "rule", r.Period.Rule),
            ("report", "by", ReportLayout.GroupHeader(r.By), "by", ReportLayout.GroupHeader(r.By).ToLowerInvariant()),
            ("report", "generatedAt", "", "generatedAt", Data.Store.TimeText.ToIso(r.GeneratedAt, r.Zone)),
        ];
        Write(w, preamble, ReportLayout.Build(r));
    }

    /// <summary>Any report made of sections of tables: the preamble rows, then a row per figure.</summary>
    public static void Write(TextWriter w, IEnumerable<(string Section, string Key, string Label, string Metric, string Value)> preamble, IEnumerable<LayoutSection> sections)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape, NewLine = "\n" };
        using var csv = new CsvWriter(w, config, leaveOpen: true);
        foreach (var h in new[] { "section", "key", "label", "metric", "value" }) csv.WriteField(h);
        csv.NextRecord();
        void Record(string section, string key, string label, string metric, string value)
        {
            csv.WriteField(section);
            csv.WriteField(key);
            csv.WriteField(label);
            csv.WriteField(metric);
            csv.WriteField(value);
            csv.NextRecord();
        }
        foreach (var (section, key, label, metric, value) in preamble) Record(section, key, label, metric, value);
        foreach (var table in sections.SelectMany(s => s.Tables))
            foreach (var row in table.Rows)
                for (var i = 0; i < table.Columns.Count; i++)
                    Record(table.Id, row.Key, row.Label, table.Columns[i].Id, row.Cells[i].Raw);
        csv.Flush();
    }
}

/// <summary>
/// `report --format html`: ONE self-contained page for a school board meeting: inline CSS (with print rules) and inline
/// SVG bar charts drawn here; no script, no web font, no external reference. Every value is HTML-encoded.
/// </summary>
public static class ReportHtml
{
    private const string Css = """
        :root { color-scheme: light; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #111; margin: 2rem auto; max-width: 64rem; padding: 0 1rem; line-height: 1.4; }
        h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
        h2 { font-size: 1.3rem; border-bottom: 2px solid #333; padding-bottom: .2rem; margin-top: 2rem; }
        h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
        dl.meta { display: grid; grid-template-columns: max-content auto; gap: .1rem 1rem; margin: 0 0 1rem; }
        dl.meta dt { font-weight: bold; }
        dl.meta dd { margin: 0; }
        table { border-collapse: collapse; margin: .3rem 0 .8rem; font-size: .9rem; }
        th, td { border: 1px solid #999; padding: .2rem .5rem; text-align: left; vertical-align: top; }
        th { background: #eee; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        p.note { margin: .3rem 0; }
        p.empty { font-style: italic; }
        svg { display: block; margin: .2rem 0 1rem; max-width: 100%; height: auto; }
        svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 12px; fill: #111; }
        .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(10.5rem, 1fr)); gap: .6rem; margin: 1rem 0; }
        .figure { border: 1px solid #bbb; border-radius: 6px; padding: .5rem .7rem; break-inside: avoid; }
        .figure .value { font-size: 1.8rem; font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; }
        .figure .name { font-size: .85rem; color: #333; }
        .figure .more { font-size: .75rem; color: #555; }
        svg rect.trend { fill: #2f5d8a; }
        svg rect.trend2 { fill: #c26b1a; }
        svg rect.bar { fill: #2f5d8a; }
        footer { margin-top: 2rem; font-size: .8rem; color: #444; }
        @page { size: letter; margin: 15mm; }
        @media print {
          body { margin: 0; max-width: none; }
          h2 { break-after: avoid; }
          .block { break-inside: avoid; }
          th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          svg rect.bar, svg rect.trend, svg rect.trend2 { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          .figures { grid-template-columns: repeat(4, 1fr); }
        }
        """;

    /// <summary>The activity report as a dashboard (issue 16, Lake Washington's "data dashboard for law enforcement
    /// activities"): the key figures and a trend chart first, in plain words, then the sections.</summary>
    public static void Write(TextWriter w, ActivityReport r) =>
        Write(w, ReportLayout.Title, $"{ReportLayout.Title} — {r.District} — {ReportLayout.ReportPeriodText(r.Period)}", ReportDashboard.Header(r), ReportLayout.Build(r),
            "Aggregates only (R9): no call description, complaint or other free text appears in this report. "
            + "Override reasons are the operators' own written reasons (R7, R10).", h => ReportDashboard.Write(h, r));

    /// <summary>Any report made of sections of tables as one self-contained printable page.</summary>
    public static void Write(TextWriter w, string title, string pageTitle, IEnumerable<(string Name, string Value)> headerLines,
        IEnumerable<LayoutSection> sections, string footer, Action<StringBuilder>? lead = null)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<title>").Append(E(pageTitle)).Append("</title>\n");
        h.Append("<style>\n").Append(Css).Append("\n</style>\n</head>\n<body>\n");
        h.Append("<header>\n<h1>").Append(E(title)).Append("</h1>\n<dl class=\"meta\">\n");
        foreach (var (name, value) in headerLines)
            h.Append("<dt>").Append(E(name)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");
        h.Append("</dl>\n</header>\n");
        lead?.Invoke(h);
        foreach (var section in sections)
        {
            h.Append("<section>\n<h2>").Append(E(section.Title)).Append("</h2>\n");
            foreach (var note in section.Notes) h.Append("<p class=\"note\">").Append(E(note)).Append("</p>\n");
            foreach (var table in section.Tables) Table(h, table);
            h.Append("</section>\n");
        }
        h.Append("<footer>").Append(E(footer)).Append("</footer>\n</body>\n</html>\n");
        w.Write(h.ToString());
    }

    private static void Table(StringBuilder h, LayoutTable t)
    {
        h.Append("<div class=\"block\">\n<h3>").Append(E(t.Title)).Append("</h3>\n");
        if (t.Rows.Count == 0)
        {
            h.Append("<p class=\"empty\">").Append(E(t.Empty)).Append("</p>\n</div>\n");
            return;
        }
        h.Append("<table>\n<thead><tr><th scope=\"col\">").Append(E(t.KeyHeader)).Append("</th>");
        if (t.LabelHeader is not null) h.Append("<th scope=\"col\">").Append(E(t.LabelHeader)).Append("</th>");
        foreach (var c in t.Columns) h.Append("<th scope=\"col\">").Append(E(c.Header)).Append("</th>");
        h.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in t.Rows)
        {
            h.Append("<tr><th scope=\"row\">").Append(E(row.Key)).Append("</th>");
            if (t.LabelHeader is not null) h.Append("<td>").Append(E(row.Label)).Append("</td>");
            for (var i = 0; i < row.Cells.Count; i++)
                h.Append(t.Columns[i].Numeric ? "<td class=\"n\">" : "<td>").Append(E(row.Cells[i].Text)).Append("</td>");
            h.Append("</tr>\n");
        }
        h.Append("</tbody>\n</table>\n");
        if (t.Chart is { } chart) Svg(h, chart);
        h.Append("</div>\n");
    }

    /// <summary>A horizontal bar chart: a label column, bars scaled to the largest value, the value at each bar's end.</summary>
    private static void Svg(StringBuilder h, LayoutChart chart)
    {
        const int labelWidth = 230, barArea = 380, valueWidth = 110, rowHeight = 22, top = 22;
        var width = labelWidth + barArea + valueWidth;
        var height = top + chart.Bars.Count * rowHeight + 6;
        var max = chart.Bars.Max(b => b.Value);
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        h.Append($"<svg role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" aria-label=\"").Append(E(chart.Title)).Append("\">\n");
        h.Append("<title>").Append(E(chart.Title)).Append("</title>\n");
        h.Append("<text x=\"0\" y=\"14\" font-weight=\"bold\">").Append(E(chart.Title)).Append("</text>\n");
        for (var i = 0; i < chart.Bars.Count; i++)
        {
            var (label, value, text) = chart.Bars[i];
            var y = top + i * rowHeight;
            var w = max <= 0 ? 0 : value / max * barArea;
            h.Append($"<text x=\"{labelWidth - 6}\" y=\"{y + 15}\" text-anchor=\"end\">").Append(E(label)).Append("</text>");
            h.Append($"<rect class=\"bar\" x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{F(w)}\" height=\"{rowHeight - 6}\"></rect>");
            h.Append($"<text x=\"{F(labelWidth + w + 6)}\" y=\"{y + 15}\">").Append(E(text)).Append("</text>\n");
        }
        h.Append("</svg>\n");
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
