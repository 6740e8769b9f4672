using System.Text.Json;

namespace SafetyConsole.Cli.Tests.Accountability;

/// <summary>Issue 16 in-process: the agreement, complaint, outreach and training commands, and `compliance annual`.</summary>
public class AccountabilityCommandsTests
{
    private static CliRunner Demo()
    {
        var cli = new CliRunner();
        Assert.Equal(0, cli.Run("init", "--demo").ExitCode);
        return cli;
    }

    private static JsonElement Json(CliResult r) => JsonDocument.Parse(r.Stdout).RootElement;

    [Fact]
    public void Agreement_add_then_list_json_and_a_viewer_is_refused_R10()
    {
        using var cli = Demo();
        var add = cli.Run("agreement", "add", "NCSO", "--adopted", "2026-11-18", "--review-due", "2027-11-30", "--clause-a", "§2", "--clause-c", "§6",
            "--stakeholder-review", "2026-11-04", "--parents", "5", "--students", "4", "--community", "3");
        Assert.Equal("", add.Stderr);
        Assert.Equal("Recorded NCSO's agreement adopted 2026-11-18, review due 2027-11-30 (R7). Clause B is missing (Policy 4311).\n", add.Stdout);

        var list = Json(cli.Run("agreement", "list", "--json"));
        Assert.Equal(3, list.GetArrayLength());
        var latest = list.EnumerateArray().Last();
        Assert.Equal(["agency", "adoptedOn", "reviewDue", "clauseA", "clauseB", "clauseC", "trainingPlanDue", "stakeholderReviewOn", "parents", "students", "community", "missingClauses"],
            latest.EnumerateObject().Select(p => p.Name));
        Assert.Equal("B", latest.GetProperty("missingClauses")[0].GetString());

        var viewer = cli.RunAs("vic", "agreement", "add", "HVPD", "--adopted", "2026-11-18", "--review-due", "2027-11-30");
        Assert.Equal(1, viewer.ExitCode);
        Assert.StartsWith("R10: vic is a viewer and may not record agreements;", viewer.Stderr, StringComparison.Ordinal);

        var bad = cli.Run("agreement", "add", "HVPD", "--adopted", "2026-11-18", "--review-due", "2026-11-01");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("--review-due 2026-11-01 is not after --adopted 2026-11-18; give the date the agreement is next due for review (R7).\n", bad.Stderr);
    }

    [Fact]
    public void Complaints_are_listed_without_summaries_and_a_viewer_cannot_read_one_R9()
    {
        using var cli = Demo();
        var add = cli.Run("complaint", "add", "--channel", "school", "--about", "CSO-06", "--received", "2026-11-20", "--summary", "The officer shouted at a student at lunch.");
        Assert.Equal(0, add.ExitCode);
        Assert.Equal("Recorded complaint 6, received 2026-11-20; the district's response is due within 30 days.\n", add.Stdout);
        var update = cli.Run("complaint", "update", "6", "--finding", "sustained", "--responded", "2026-11-23");
        Assert.Equal("Complaint 6 is resolved (sustained); responded 3 days after it was received.\n", update.Stdout);

        var list = cli.Run("complaint", "list", "--json");
        Assert.DoesNotContain("shouted", list.Stdout, StringComparison.Ordinal);
        var rows = Json(list);
        Assert.Equal(6, rows.GetArrayLength());
        Assert.True(rows[2].GetProperty("overdue").GetBoolean()); // HV-2026-003: no response after 48 days
        Assert.Equal(48, rows[2].GetProperty("daysOpen").GetInt32());
        Assert.DoesNotContain(rows[0].EnumerateObject(), p => p.Name == "summary");

        var viewer = cli.RunAs("vic", "complaint", "show", "6");
        Assert.Equal(1, viewer.ExitCode);
        Assert.Equal("", viewer.Stdout);
        Assert.StartsWith("R10: vic is a viewer and may not read a complaint's summary (R9);", viewer.Stderr, StringComparison.Ordinal);
        var shown = cli.Run("complaint", "show", "6", "--json");
        Assert.Equal("The officer shouted at a student at lunch.", Json(shown).GetProperty("summary").GetString());

        var bad = cli.Run("complaint", "update", "5", "--status", "closed");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("--status 'closed' is not one of received, investigating or resolved; choose one of them.\n", bad.Stderr);
    }

    [Fact]
    public void Outreach_log_and_list_and_the_training_catalogue()
    {
        using var cli = Demo();
        var log = cli.Run("outreach", "log", "--kind", "student-presentation", "--location", "TRAE", "--date", "2026-11-20", "--attendees", "310");
        Assert.Equal("Logged the student-presentation at TRAE on 2026-11-20.\n", log.Stdout);
        var list = Json(cli.Run("outreach", "list", "--year", "2026-27", "--json"));
        Assert.Contains(list.EnumerateArray(), o => o.GetProperty("location").GetString() == "TRAE" && o.GetProperty("attendees").GetInt32() == 310);

        var topics = Json(cli.Run("training", "topics", "--json"));
        Assert.Equal(18, topics.GetProperty("topics").GetArrayLength());
        Assert.Contains(topics.GetProperty("annualHours").EnumerateArray(), h => h.GetProperty("role").GetString() == "CSO" && h.GetProperty("annualHours").GetDouble() == 60);
        var records = Json(cli.Run("training", "list", "--badge", "SLO-1", "--json"));
        Assert.Contains(records.EnumerateArray(), r => r.GetProperty("topic").GetString() == "rcw-ferpa" && r.GetProperty("hours").GetDouble() == 3);
    }

    [Fact]
    public void Compliance_annual_json_ends_with_what_is_missing_and_exits_1()
    {
        using var cli = Demo();
        var r = cli.RunAs("vic", "compliance", "annual", "--year", "2026-27", "--format", "json");
        Assert.Equal(1, r.ExitCode);
        Assert.EndsWith("required items are missing for 2026-27; the list ends the record: record them (agreement, outreach, complaint, district import) and run it again.\n", r.Stderr, StringComparison.Ordinal);
        var doc = Json(r);
        Assert.Equal(["district", "year", "from", "to", "asOf", "generatedAt", "staff", "agreements", "outreach", "advisoryBoardMeetings", "communityMeetings",
            "training", "complaints", "activity", "missing"], doc.EnumerateObject().Select(p => p.Name));
        var sections = doc.GetProperty("missing").EnumerateArray().Select(m => m.GetProperty("section").GetString()).Distinct().ToList();
        Assert.Equal(["agreements", "outreach", "training", "complaints"], sections);
        Assert.DoesNotContain("held in an office", r.Stdout, StringComparison.Ordinal); // a complaint summary (R9)
    }

    [Fact]
    public void Compliance_annual_html_file_is_0600_self_contained_and_has_no_summaries()
    {
        using var cli = Demo();
        var path = Path.Combine(cli.Folder, "annual.html");
        var r = cli.Run("compliance", "annual", "--year", "2026-27", "--format", "html", "--output", path);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"Wrote the html annual record for 2026-27 to {path}.\n", r.Stdout);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var html = File.ReadAllText(path);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http", html, StringComparison.Ordinal);
        Assert.Contains("<h2>What is missing</h2>", html, StringComparison.Ordinal);
        Assert.Contains("RCW 28A.320.124", html, StringComparison.Ordinal);
        Assert.DoesNotContain("held in an office", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Compliance_annual_table_and_csv_and_a_bad_year()
    {
        using var cli = Demo();
        var table = cli.Run("compliance", "annual", "--year", "2026-27");
        Assert.Equal(1, table.ExitCode);
        Assert.Contains("Agreements with police agencies and security companies (RCW 28A.320.1242; Policy 4311 clauses A, B and C)", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("MISSING", table.Stdout, StringComparison.Ordinal);
        var csv = cli.Run("compliance", "annual", "--year", "2026-27", "--format", "csv");
        Assert.StartsWith("section,key,label,metric,value\nreport,district,Harbor Valley School District,name,Harbor Valley School District\n", csv.Stdout, StringComparison.Ordinal);
        Assert.Contains("\nmissing,", csv.Stdout, StringComparison.Ordinal);
        var bad = cli.Run("compliance", "annual", "--year", "2026");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("--year '2026' is not a school year; write it like 2026-27 (September 1, 2026 to August 31, 2027).\n", bad.Stderr);
    }

    [Fact]
    public void Overdue_complaints_show_in_compliance_and_in_status_for_supervisors_only()
    {
        using var cli = Demo();
        var compliance = Json(cli.RunAs("vic", "compliance", "--json"));
        Assert.Equal(30, compliance.GetProperty("complaintResponseDays").GetInt32());
        var overdue = compliance.GetProperty("complaintsOverdue");
        Assert.Equal(1, overdue.GetArrayLength());
        Assert.Equal((3L, "CSO-11", 48), (overdue[0].GetProperty("id").GetInt64(), overdue[0].GetProperty("about").GetString(), overdue[0].GetProperty("daysOpen").GetInt32()));

        Assert.Contains("Family complaints past the response time: 1 (`complaint list`)", cli.Run("status").Stdout, StringComparison.Ordinal);
        Assert.Equal(1, Json(cli.Run("status", "--json")).GetProperty("complaintsOverdue").GetInt32());
        Assert.DoesNotContain("complaints", cli.RunAs("vic", "status").Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(JsonValueKind.Null, Json(cli.RunAs("vic", "status", "--json")).GetProperty("complaintsOverdue").ValueKind);
    }

    [Fact]
    public void Report_output_files_are_0600_too()
    {
        using var cli = Demo();
        var path = Path.Combine(cli.Folder, "report.html");
        Assert.Equal(0, cli.Run("report", "--format", "html", "--output", path).ExitCode);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Contains("family complaints", File.ReadAllText(path), StringComparison.Ordinal);
    }
}
