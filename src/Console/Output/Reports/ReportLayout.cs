using System.Globalization;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Reports;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Output.Reports;

/// <summary>A column of a report table. <see cref="Id"/> is the CSV metric name (camelCase, stable).</summary>
public sealed record LayoutColumn(string Id, string Header, bool Numeric = true);

/// <summary>A cell: <see cref="Text"/> for people (table, HTML), <see cref="Raw"/> for CSV (plain numbers, seconds, ISO times; "" when none).</summary>
public sealed record LayoutCell(string Text, string Raw);

public sealed record LayoutRow(string Key, string Label, IReadOnlyList<LayoutCell> Cells);

/// <summary>A bar chart of one numeric column (Spectre BarChart in `table`, inline SVG in `html`).</summary>
public sealed record LayoutChart(string Title, IReadOnlyList<(string Label, double Value, string ValueText)> Bars);

/// <summary>
/// One table of the report, the same for every format. <see cref="Id"/> is its CSV `section`; each row is one key with
/// its label; each cell one metric.
/// </summary>
public sealed record LayoutTable(
    string Id, string Title, string KeyHeader, string? LabelHeader, IReadOnlyList<LayoutColumn> Columns, IReadOnlyList<LayoutRow> Rows,
    LayoutChart? Chart = null, string Empty = "None.");

public sealed record LayoutSection(string Title, IReadOnlyList<string> Notes, IReadOnlyList<LayoutTable> Tables);

/// <summary>
/// The report as sections of tables, decided once for the `table`, `html` and `csv` formats (`json` has its own DTOs).
/// R9: it is built from the aggregates only; the one free text in it is the operators' override reasons (R7).
/// </summary>
public static class ReportLayout
{
    public static IReadOnlyList<LayoutSection> Build(ActivityReport r)
    {
        var by = GroupHeader(r.By);
        var t = r.Totals;
        var calls = new LayoutSection("Calls for service",
            [$"{t.Total} {Plural(t.Total, "call")} received: {t.Liaison} LIAISON (law enforcement), {t.Campus} CAMPUS (campus safety), {t.Discipline} routine discipline (R2)."
                + (r.Duplicates > 0 ? $" {r.Duplicates} more linked as duplicates of these (disposition 22) are not counted." : "")],
            [
                Table("callsByClass", "Calls by class", "Class", "Meaning", [Count("calls", "Calls")],
                    [
                        Row("LIAISON", "law-enforcement matter (SLO, SRO, SSO)", N(t.Liaison)),
                        Row("CAMPUS", "on-campus conduct with a safety element (CSO, CSS)", N(t.Campus)),
                        Row("NONE", "routine student discipline (R2: school administration)", N(t.Discipline)),
                    ], chart: "Calls by class", chartByKey: true),
                Table("callsByGroup", $"Calls by {by.ToLowerInvariant()}", by, "Name",
                    [Count("liaison", "LIAISON"), Count("campus", "CAMPUS"), Count("discipline", "Discipline"), Count("calls", "Calls"),
                     Count("arrests", "Arrests (03)"), Count("citations", "Citations (04)"), Count("referrals", "Referrals (15)")],
                    r.ByGroup.Select(g => Row(g.Key, g.Label, N(g.Calls.Liaison), N(g.Calls.Campus), N(g.Calls.Discipline), N(g.Calls.Total),
                        N(g.Arrests), N(g.Citations), N(g.Referrals))).ToList(),
                    chart: $"Calls by {by.ToLowerInvariant()}", chartColumn: 3, empty: "No calls in this period."),
                Table("callsByType", "Calls by type", "Type", "Name", [new LayoutColumn("class", "Class", false), Count("calls", "Calls")],
                    r.ByType.Select(x => Row(x.Type, x.Name, Word(x.Class.Text()), N(x.Calls))).ToList(),
                    chart: "Calls by type", chartColumn: 1, empty: "No calls in this period."),
            ]);

        var o = r.Outcomes;
        var outcomes = new LayoutSection("Outcomes (APCO dispositions)",
            [$"Arrests (03): {o.Arrests}. Citations (04): {o.Citations}. Referrals to partner agencies (15): {o.Referrals}, including calls referred outside the school-day window (R4)."],
            [
                Table("outcomes", "Law-enforcement outcomes", "Code", "Outcome", [Count("calls", "Calls")],
                    [Row("03", "Arrest", N(o.Arrests)), Row("04", "Citation", N(o.Citations)), Row("15", "Referred to partner agency", N(o.Referrals))],
                    chart: "Arrests, citations and referrals"),
                Table("outcomesByDisposition", "Calls by disposition", "Code", "Disposition", [Count("calls", "Calls")],
                    o.ByDisposition.Select(d => Row(d.Code, d.Name, N(d.Calls))).ToList(), empty: "No call has a disposition yet."),
                Table("outcomesWithoutDisposition", "Calls without a disposition, by status", "Status", null, [Count("calls", "Calls")],
                    o.WithoutDisposition.Select(s => Row(s.Status.Text(), "", N(s.Calls))).ToList(), empty: "Every call has a disposition."),
            ]);

        var response = new LayoutSection("First response (R5)",
            [
                $"Deadlines met: {r.FirstResponse[^1].Met}; missed: {r.FirstResponse[^1].Missed}; escalations to a supervisor: {r.Escalations}. Assisting officers sent: {r.Assists} (never a first response, R1).",
                "Times run from the call's receipt to its first assignment and to the first officer on scene. Median and 90th percentile by nearest rank (an observed value; with an even count the median is the lower middle one); — when no call got there.",
            ],
            [
                Table("firstResponse", "Deadlines by priority", "Priority", "Deadline",
                    [Count("calls", "Calls"), Count("met", "Met"), Count("missed", "Missed"), Count("notDue", "Not due"), Count("escalated", "Escalated")],
                    r.FirstResponse.Select(f => Row(Priority(f), DeadlineText(f), N(f.Calls), N(f.Met), N(f.Missed), N(f.NotDue), N(f.Escalated))).ToList(),
                    chart: "Deadlines missed by priority", chartColumn: 2, chartRows: 4, chartByKey: true),
                Table("responseTimes", "Time to assignment and to arrival", "Priority", "Deadline",
                    [Count("assigned", "Assigned"), Count("toAssignmentMedianSeconds", "Median"), Count("toAssignmentP90Seconds", "90th pct"),
                     Count("arrived", "On scene"), Count("toArrivalMedianSeconds", "Median"), Count("toArrivalP90Seconds", "90th pct")],
                    r.FirstResponse.Select(f => Row(Priority(f), DeadlineText(f),
                        N(f.ToAssignment.Count), Seconds(f.ToAssignment.Median), Seconds(f.ToAssignment.P90),
                        N(f.ToArrival.Count), Seconds(f.ToArrival.Median), Seconds(f.ToArrival.P90))).ToList(),
                    chart: "Median time to assignment by priority (seconds)", chartColumn: 1, chartRows: 4, chartByKey: true),
                Table("overrides", "Assignments against the recommendation (R7 and R6 overrides)", "#", "Call",
                    [new LayoutColumn("at", "When", false), new LayoutColumn("by", "By", false), new LayoutColumn("badge", "Officer", false),
                     new LayoutColumn("type", "Type", false), new LayoutColumn("location", "Location", false), new LayoutColumn("reason", "Reason given", false)],
                    r.Overrides.Select((x, i) => Row((i + 1).ToString(CultureInfo.InvariantCulture), $"call {x.CallId}",
                        Word(TimeText.ToIso(x.At, r.Zone)), Word(x.By), Word(x.Badge), Word(x.Type), Word(x.Location), Word(x.Reason))).ToList(),
                    empty: "No overrides."),
            ]);

        var d = r.Diverted;
        var f4 = r.Referred;
        var keptAway = new LayoutSection("Calls kept away from safety staff (R2, R3, R4)",
            [
                $"Diverted to school administration: {d.Calls} (R2, R3); {d.ReclassifiedAfterwards} more diverted and later reclassified by a supervisor.",
                $"Referred to the police agency with jurisdiction outside the school-day window: {f4.Calls} (R4); {f4.ReclassifiedAfterwards} more referred and later reclassified.",
            ],
            [
                Table("diverted", "Diverted to school administration, by reason", "Reason", "Meaning", [new LayoutColumn("rule", "Rule", false), Count("calls", "Calls")],
                    d.ByReason.Select(x => Row(ReasonKey(x.Reason), x.Label, Word(x.Rule), N(x.Calls))).ToList(), chart: "Diverted by reason", chartColumn: 1,
                    empty: "No call diverted."),
                Table("divertedBySchool", "Diverted, by school", "School", "Name", [Count("calls", "Calls")],
                    d.BySchool.Select(x => Row(x.Key, x.Label, N(x.Calls))).ToList(), empty: "No call diverted."),
                Table("referredByAgency", "Referred outside the school-day window, by agency", "Agency", "Name", [Count("calls", "Calls")],
                    f4.ByAgency.Select(x => Row(x.Key, x.Label, N(x.Calls))).ToList(), chart: "Referred by agency", empty: "No call referred."),
                Table("referredByDay", "Referred, by kind of day", "Day", "Meaning", [Count("calls", "Calls")],
                    f4.ByDay.Select(x => Row(x.Key, x.Label, N(x.Calls))).ToList(), empty: "No call referred."),
                Table("referredByClass", "Referred, by class", "Class", null, [Count("calls", "Calls")],
                    f4.ByClass.Select(x => Row(x.Key, "", N(x.Calls))).ToList(), empty: "No call referred."),
            ]);

        var duties = new LayoutSection("Scheduled duties (issue 15)",
            [$"Duties due in the period: {r.Duties.Sum(x => x.Total)}, {r.Duties.Sum(x => x.Done)} done, {r.Duties.Sum(x => x.Open)} open ({r.Duties.Sum(x => x.Overdue)} overdue). They have a due date, not an R5 deadline, and are not counted among the calls."],
            [
                Table("dutiesBySchool", "Duties, by school", "School", "Name", [Count("duties", "Duties"), Count("done", "Done"), Count("open", "Open"), Count("overdue", "Overdue")],
                    r.Duties.Select(x => Row(x.Location, x.Label, N(x.Total), N(x.Done), N(x.Open), N(x.Overdue))).ToList(), empty: "No duty due in this period."),
            ]);

        return [calls, outcomes, response, keptAway, duties];
    }

    /// <summary>The header lines: title, district, period, generation time.</summary>
    public static IReadOnlyList<(string Name, string Value)> Header(ActivityReport r) =>
    [
        ("District", r.District),
        ("Period", $"{ReportPeriodText(r.Period)} ({r.Period.Rule})"),
        ("Grouped by", GroupHeader(r.By).ToLowerInvariant()),
        ("Generated", TimeText.ToIso(r.GeneratedAt, r.Zone)),
    ];

    public const string Title = "Safety and security activity report";

    public static string ReportPeriodText(ReportPeriod p) =>
        $"{IsoDate.Text(p.From)} to {IsoDate.Text(p.To)}";

    public static string GroupHeader(ReportGrouping by) => by switch
    {
        ReportGrouping.School => "School",
        ReportGrouping.Zone => "Zone",
        ReportGrouping.Type => "Type",
        ReportGrouping.Agency => "Agency",
        _ => "Month",
    };

    public static string ReasonKey(DivertReason r) => r switch
    {
        DivertReason.Discipline => "discipline",
        DivertReason.NoBasis => "noBasis",
        _ => "byDispatcher",
    };

    /// <summary>"45 s", "3 min 05 s", "1 h 02 min".</summary>
    public static string Duration(TimeSpan t)
    {
        var s = (long)Math.Round(t.TotalSeconds, MidpointRounding.AwayFromZero);
        return s < 60 ? $"{s} s"
            : s < 3600 ? $"{s / 60} min {s % 60:00} s"
            : $"{s / 3600} h {s % 3600 / 60:00} min";
    }

    private static string Priority(FirstResponseRow f) => f.Priority is { } p ? $"P{p}" : "all";

    private static string DeadlineText(FirstResponseRow f) => f.Deadline is { } d ? Duration(d) : "";

    private static LayoutCell N(int n) => new(n.ToString(CultureInfo.InvariantCulture), n.ToString(CultureInfo.InvariantCulture));

    private static LayoutCell Word(string s) => new(s, s);

    private static LayoutCell Seconds(TimeSpan? t) =>
        t is { } v ? new(Duration(v), v.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)) : new("—", "");

    private static LayoutColumn Count(string id, string header) => new(id, header);

    private static LayoutRow Row(string key, string label, params LayoutCell[] cells) => new(key, label, cells);

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    private static string Plural(int n, string word) => n == 1 ? word : word + "s";

    private static LayoutTable Table(string id, string title, string keyHeader, string? labelHeader, IReadOnlyList<LayoutColumn> columns,
        IReadOnlyList<LayoutRow> rows, string? chart = null, int chartColumn = 0, int chartRows = int.MaxValue, string empty = "None.", bool chartByKey = false)
    {
        LayoutChart? c = null;
        if (chart is not null)
        {
            // Bars are named by the row's label (a school's or type's name) when it has one, else by its key (P1, LIAISON).
            var bars = rows.Take(chartRows)
                .Where(r => r.Cells[chartColumn].Raw.Length > 0)
                .Select(r => (Label: chartByKey || r.Label.Length == 0 ? r.Key : Clip(r.Label, 30),
                    Value: double.Parse(r.Cells[chartColumn].Raw, CultureInfo.InvariantCulture), ValueText: r.Cells[chartColumn].Text))
                .ToList();
            if (bars.Count > 0 && bars.Any(b => b.Value > 0)) c = new LayoutChart(chart, bars);
        }
        return new LayoutTable(id, title, keyHeader, labelHeader, columns, rows, c, empty);
    }
}
