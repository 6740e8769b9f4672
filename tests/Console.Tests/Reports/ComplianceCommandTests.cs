using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Tests.Reports;
using SafetyConsole.Data.Tests.TestDistricts;

namespace SafetyConsole.Cli.Tests.Reports;

/// <summary>`safety-console compliance` in-process: R7 training and agreements at the 30/60-day boundaries.</summary>
public class ComplianceCommandTests
{
    private static readonly FakeTimeProvider Clock = new(ReportHistory.At("2026-10-01T09:00:00-07:00"));

    private static ReportHistory History()
    {
        // THE test district, imported with these agreement dates and trainings (R7 boundaries around 2026-10-01).
        return new ReportHistory(d => d
            .Agreement(TestDistrictBuilder.Police, new DateOnly(2026, 9, 30))
            .Agreement(TestDistrictBuilder.Sheriff, new DateOnly(2026, 10, 31))
            .Training(new TrainingRecord("CSO-1", "first-aid", new DateOnly(2024, 9, 30), new DateOnly(2026, 9, 30)))
            .Training(new TrainingRecord("CSO-1", "cpr", new DateOnly(2024, 11, 30), new DateOnly(2026, 11, 30)))
            .Training(new TrainingRecord("CSO-2", "first-aid", new DateOnly(2024, 12, 1), new DateOnly(2026, 12, 1))));
    }

    private static CliResult Compliance(ReportHistory h, params string[] args) =>
        CliRunner.Invoke(["compliance", .. args, "--db", h.T.FilePath], "viewer.vic", Clock);

    [Fact]
    public void Json_lists_training_agreements_and_the_officers_kept_out_R7()
    {
        using var h = History();
        var (exit, json, stderr) = Compliance(h, "--json");
        Assert.Equal("", stderr);
        Assert.Equal(0, exit);
        var root = JsonDocument.Parse(json).RootElement;
        Assert.Equal(["district", "at", "horizonDays", "training", "agreements", "keptOut", "complaintResponseDays", "complaintsOverdue", "lateEntries", "coverageGaps"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-10-01", root.GetProperty("at").GetString());
        Assert.Equal(
            ["CSO-1 first-aid 2026-09-30 -1 pastDue", "CSO-1 cpr 2026-11-30 60 within60Days"],
            root.GetProperty("training").EnumerateArray().Select(t =>
                $"{t.GetProperty("badge").GetString()} {t.GetProperty("topic").GetString()} {t.GetProperty("expiresOn").GetString()} {t.GetProperty("daysLeft").GetInt32()} {t.GetProperty("state").GetString()}"));
        Assert.Equal(
            ["TPD 2026-09-30 -1 pastDue 1", "PCSO 2026-10-31 30 within30Days 0"],
            root.GetProperty("agreements").EnumerateArray().Select(a =>
                $"{a.GetProperty("agency").GetString()} {a.GetProperty("reviewDue").GetString()} {a.GetProperty("daysLeft").GetInt32()} {a.GetProperty("state").GetString()} {a.GetProperty("officers").GetInt32()}"));
        Assert.Equal(["CSO-1", "SRO-1"], root.GetProperty("keptOut").EnumerateArray().Select(k => k.GetProperty("badge").GetString()));
        Assert.Equal("R7: TPD's agreement with the district was due for review 2026-09-30",
            root.GetProperty("keptOut")[1].GetProperty("reasons")[0].GetString());
    }

    [Fact]
    public void At_a_later_date_more_is_due()
    {
        using var h = History();
        var (_, json, _) = Compliance(h, "--at", "2026-10-02", "--json");
        var training = JsonDocument.Parse(json).RootElement.GetProperty("training");
        Assert.Equal(3, training.GetArrayLength()); // CSO-2's first-aid is now 60 days away
        Assert.Equal("within60Days", training[2].GetProperty("state").GetString());
    }

    [Fact]
    public void Text_names_the_sections()
    {
        using var h = History();
        var (exit, text, _) = Compliance(h);
        Assert.Equal(0, exit);
        Assert.Contains("Narrows School District: R7 compliance as of 2026-10-01 (looking 60 days ahead)", text, StringComparison.Ordinal);
        Assert.Contains("Training lapsed or lapsing within 60 days: 2", text, StringComparison.Ordinal);
        Assert.Contains("Police agreements past review or due within 60 days: 2", text, StringComparison.Ordinal);
        Assert.Contains("Officers kept out of recommendations now", text, StringComparison.Ordinal);
        Assert.Contains("lapsed", text, StringComparison.Ordinal);
        Assert.Contains("due within 30 days", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_date_is_one_sentence_and_exit_2()
    {
        using var h = History();
        var (exit, _, stderr) = Compliance(h, "--at", "2026-02-30");
        Assert.Equal(2, exit);
        Assert.Equal("--at '2026-02-30' is not a date; write it as YYYY-MM-DD, e.g. 2026-09-01.\n", stderr);
    }
}
