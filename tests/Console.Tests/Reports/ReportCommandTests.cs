using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using SafetyConsole.Data.Tests.Reports;

namespace SafetyConsole.Cli.Tests.Reports;

/// <summary>`safety-console report` in-process on the hand-made October history (see ReportHistory.October).</summary>
public class ReportCommandTests
{
    private static readonly FakeTimeProvider Clock = new(ReportHistory.At("2026-11-02T12:00:00-08:00"));

    private static readonly string[] October = ["--from", "2026-10-01", "--to", "2026-10-31"];

    /// <summary>Runs `report` on the history's database as <paramref name="account"/> (default: an unlisted account, a viewer, R10).</summary>
    private static CliResult Report(ReportHistory h, string[] args, string account = "viewer.vic") =>
        CliRunner.Invoke(["report", .. args, "--db", h.T.FilePath], account, Clock);

    /// <summary>Issue 17: every grouping in every format prints byte for byte the same on SQLite and on PostgreSQL (sums, averages, percentiles, NULLs, orders).</summary>
    [Theory]
    [InlineData("table")]
    [InlineData("csv")]
    [InlineData("json")]
    [InlineData("html")]
    public void Every_grouping_prints_the_same_on_SQLite_and_on_PostgreSQL(string format)
    {
        using var sqlite = ReportHistory.October();
        using var postgres = ReportHistory.October(Data.Store.StoreBackend.Postgres);
        foreach (var by in new[] { "school", "zone", "type", "agency", "month" })
        {
            var a = Report(sqlite, [.. October, "--format", format, "--by", by]);
            var b = Report(postgres, [.. October, "--format", format, "--by", by]);
            Assert.True(a.ExitCode == 0, a.ToString());
            Assert.Equal(a, b);
        }
        Assert.Equal(Report(sqlite, ["--format", format]), Report(postgres, ["--format", format])); // the default period
    }

    [Theory]
    [InlineData("table")]
    [InlineData("csv")]
    [InlineData("json")]
    [InlineData("html")]
    public void No_description_or_other_feed_or_event_text_appears_in_any_format_R9(string format)
    {
        using var h = ReportHistory.October();
        foreach (var by in new[] { "school", "zone", "type", "agency", "month" })
        {
            var (exit, stdout, stderr) = Report(h, [.. October, "--format", format, "--by", by]);
            Assert.Equal(0, exit);
            Assert.Equal("", stderr);
            Assert.DoesNotContain(ReportHistory.Marker, stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(ReportHistory.EventMarker, stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("student name", stdout, StringComparison.Ordinal);
            // The one free text allowed: the supervisor's own override reason (R7).
            Assert.Contains("Only officer nearby", stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Html_is_one_self_contained_printable_page()
    {
        using var h = ReportHistory.October();
        var (exit, html, _) = Report(h, [.. October, "--format", "html"]);
        Assert.Equal(0, exit);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Safety and security activity report</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<dd>Narrows School District</dd>", html, StringComparison.Ordinal);
        // Issue 16: plain words, key figures and a trend chart first.
        Assert.Contains("<dd>2026-10-01 to 2026-10-31 (the dates asked for)</dd>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("--", html[..html.IndexOf("<footer>", StringComparison.Ordinal)].Replace("<!--", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(html.IndexOf("<h2>At a glance</h2>", StringComparison.Ordinal) < html.IndexOf("<h2>Calls for service</h2>", StringComparison.Ordinal));
        Assert.Contains("<h3>Calls each week</h3>", html, StringComparison.Ordinal);
        Assert.Contains("answered in time", html, StringComparison.Ordinal);
        Assert.Contains("<dd>2026-11-02T12:00:00-08:00</dd>", html, StringComparison.Ordinal);
        Assert.Contains("Pierce County Sheriff&#39;s Office", html, StringComparison.Ordinal); // encoded, never raw
    }

    [Fact]
    public void Html_encodes_district_data()
    {
        using var h = ReportHistory.October();
        h.Db.Connection.Execute("UPDATE locations SET name = '<img src=x onerror=alert(1)>' WHERE code = 'BHS'");
        var (_, html, _) = Report(h, [.. October, "--format", "html"]);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_has_the_documented_camel_case_keys_and_the_hand_worked_figures()
    {
        using var h = ReportHistory.October();
        var (exit, json, _) = Report(h, [.. October, "--format", "json"]);
        Assert.Equal(0, exit);
        var root = JsonDocument.Parse(json).RootElement;
        Assert.Equal(
            ["district", "from", "to", "periodRule", "generatedAt", "by", "calls", "callsByType", "callsByGroup", "outcomes", "firstResponse", "overrides", "keptAway", "duties", "assists", "duplicates"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-10-01", root.GetProperty("from").GetString());
        Assert.Equal("school", root.GetProperty("by").GetString());
        Assert.Equal(11, root.GetProperty("calls").GetProperty("calls").GetInt32());
        var outcomes = root.GetProperty("outcomes");
        Assert.Equal((1, 1, 3), (outcomes.GetProperty("arrests").GetInt32(), outcomes.GetProperty("citations").GetInt32(), outcomes.GetProperty("referrals").GetInt32()));
        var fr = root.GetProperty("firstResponse");
        Assert.Equal("nearest-rank", fr.GetProperty("percentileMethod").GetString());
        Assert.Equal((2, 3, 1), (fr.GetProperty("met").GetInt32(), fr.GetProperty("missed").GetInt32(), fr.GetProperty("escalations").GetInt32())); // call 3 was assigned exactly at its deadline: missed (R5)
        var all = fr.GetProperty("byPriority")[4];
        Assert.Equal("all", all.GetProperty("priority").GetString());
        Assert.Equal(JsonValueKind.Null, all.GetProperty("deadlineSeconds").ValueKind);
        Assert.Equal(90, all.GetProperty("toAssignment").GetProperty("medianSeconds").GetDouble());
        Assert.Equal(180, all.GetProperty("toAssignment").GetProperty("p90Seconds").GetDouble());
        var p4 = fr.GetProperty("byPriority")[3];
        Assert.Equal(JsonValueKind.Null, p4.GetProperty("toArrival").GetProperty("medianSeconds").ValueKind);
        var o = Assert.Single(root.GetProperty("overrides").EnumerateArray());
        Assert.Equal("2026-10-14T10:01:40-07:00", o.GetProperty("at").GetString());
        Assert.Equal("sgt.kim", o.GetProperty("by").GetString());
        Assert.Equal("CSO-2", o.GetProperty("badge").GetString());
        var kept = root.GetProperty("keptAway");
        Assert.Equal(2, kept.GetProperty("diverted").GetProperty("calls").GetInt32());
        Assert.Equal("noBasis", kept.GetProperty("diverted").GetProperty("byReason")[1].GetProperty("reason").GetString());
        Assert.Equal(2, kept.GetProperty("referred").GetProperty("calls").GetInt32());
    }

    [Fact]
    public void Csv_is_one_long_table_with_a_section_column()
    {
        using var h = ReportHistory.October();
        var (exit, csv, _) = Report(h, [.. October, "--format", "csv", "--by", "zone"]);
        Assert.Equal(0, exit);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("section,key,label,metric,value", lines[0]);
        Assert.Contains("report,district,Narrows School District,name,Narrows School District", lines);
        Assert.Contains("callsByGroup,NHS,Narrows High School,calls,8", lines);
        Assert.Contains("callsByGroup,BHS,Bayview High School,referrals,2", lines);
        Assert.Contains("outcomes,03,Arrest,calls,1", lines);
        Assert.Contains("responseTimes,all,,toAssignmentMedianSeconds,90", lines);
        Assert.Contains("responseTimes,P4,1 h 00 min,toAssignmentMedianSeconds,", lines);
        Assert.Contains("overrides,1,call 9,by,sgt.kim", lines);
        Assert.Contains("overrides,1,call 9,reason,Only officer nearby; renewal booked for 10-20", lines);
        Assert.Contains("diverted,discipline,\"routine discipline, to school administration\",calls,1", lines);
        Assert.Contains("referredByDay,weekend,weekend,calls,1", lines);
    }

    [Fact]
    public void Csv_escapes_cells_a_spreadsheet_would_run_as_formulas()
    {
        using var h = ReportHistory.October();
        h.Db.Connection.Execute("UPDATE assignments SET override_reason = '=HYPERLINK(\"x\")' WHERE override_reason IS NOT NULL");
        var (_, csv, _) = Report(h, [.. October, "--format", "csv"]);
        Assert.DoesNotContain(",=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=HYPERLINK", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_has_bar_charts_and_prints_data_literally_never_as_markup()
    {
        using var h = ReportHistory.October();
        h.Db.Connection.Execute("UPDATE locations SET name = 'Bay [red]High[/]' WHERE code = 'BHS'");
        var (exit, text, stderr) = Report(h, October);
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.Contains("Safety and security activity report", text, StringComparison.Ordinal);
        Assert.Contains("Calls by school", text, StringComparison.Ordinal);
        Assert.Contains("Bay [red]High[/]", text, StringComparison.Ordinal);
        Assert.Contains("Bay [red]High[/]  █", text, StringComparison.Ordinal); // the chart's label
        Assert.Contains("█", text, StringComparison.Ordinal);                    // the bars
        Assert.DoesNotContain("\u001b[", text, StringComparison.Ordinal);        // piped: no colours
    }

    [Fact]
    public void Output_writes_the_file_atomically_and_leaves_no_temporary_file()
    {
        using var h = ReportHistory.October();
        var path = Path.Combine(h.T.Folder, "board.html");
        File.WriteAllText(path, "old");
        var (exit, stdout, _) = Report(h, [.. October, "--format", "html", "--output", path]);
        Assert.Equal(0, exit);
        Assert.Equal($"Wrote the html report for 2026-10-01 to 2026-10-31 to {path}.\n", stdout);
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(h.T.Folder, "*.tmp"));
    }

    [Theory]
    [InlineData(new[] { "--from", "2026-10-32" }, "--from '2026-10-32' is not a date; write it as YYYY-MM-DD, e.g. 2026-09-01.")]
    [InlineData(new[] { "--to", "yesterday" }, "--to 'yesterday' is not a date; write it as YYYY-MM-DD, e.g. 2026-09-01.")]
    [InlineData(new[] { "--from", "2026-10-02", "--to", "2026-10-01" }, "The period starts 2026-10-02 after it ends 2026-10-01; give a --from on or before --to (dates are YYYY-MM-DD, both inclusive).")]
    [InlineData(new[] { "--by", "teacher" }, "--by 'teacher' is not one of school, zone, type, agency, month; choose one of them.")]
    [InlineData(new[] { "--format", "pdf" }, "--format 'pdf' is not one of table, csv, json, html; choose one of them.")]
    public void Bad_arguments_are_one_sentence_and_exit_2(string[] args, string message)
    {
        using var h = ReportHistory.October();
        var (exit, stdout, stderr) = Report(h, args);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Equal(message + "\n", stderr);
    }

    [Fact]
    public void An_output_folder_that_does_not_exist_is_exit_2()
    {
        using var h = ReportHistory.October();
        var path = Path.Combine(h.T.Folder, "missing", "r.csv");
        var (exit, _, stderr) = Report(h, ["--format", "csv", "--output", path]);
        Assert.Equal(2, exit);
        Assert.StartsWith($"Cannot write {path}: the folder", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_viewer_may_run_reports_and_nothing_is_written_R9_R10()
    {
        using var h = ReportHistory.October();
        var events = h.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM events");
        var (exit, _, _) = Report(h, [.. October, "--format", "json"], account: "nobody");
        Assert.Equal(0, exit);
        Assert.Equal(events, h.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM events"));
    }
}
