using System.Text.Json;

namespace SafetyConsole.Cli.Tests.Reports;

/// <summary>`safety-console coverage` (issue 14) on the demo district: exit 1 exactly when a location has nobody.</summary>
public class CoverageCommandTests
{
    [Fact]
    public void The_demo_district_is_covered_today_and_the_sheriffs_feeder_patterns_are_not_once_its_agreement_lapses()
    {
        using var cli = new CliRunner();
        Assert.Equal(0, cli.Run("init", "--demo").ExitCode);

        var today = cli.Run("coverage");
        Assert.True(today.ExitCode == 0, today.ToString());
        Assert.Contains("Coverage gaps (a location and class nobody could ever answer first): 0 of 102", today.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"\nNHS\s+NHS\s+NCSO\s+SLO-2\s+CSO-05 CSS-5\s+SSO-2\n", today.Stdout); // the shared table writer: no indent, no trailing spaces

        var january = cli.Run("coverage", "--at", "2027-01-04T09:00:00-08:00", "--json");
        Assert.True(january.ExitCode == 1, january.ToString());
        var root = JsonDocument.Parse(january.Stdout).RootElement;
        Assert.Equal(["district", "at", "locations", "gaps", "byLocation"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2027-01-04T09:00:00-08:00", root.GetProperty("at").GetString());
        var gaps = root.GetProperty("gaps").EnumerateArray().ToList();
        Assert.Equal(19, gaps.Count);
        Assert.All(gaps, g => Assert.Equal("LIAISON", g.GetProperty("class").GetString()));
        var cove = root.GetProperty("byLocation").EnumerateArray().Single(l => l.GetProperty("code").GetString() == "COVE");
        Assert.Equal(["CSO-24", "CSS-5"], cove.GetProperty("campus").GetProperty("responders").EnumerateArray().Select(x => x.GetString()));
        Assert.StartsWith("R7: every officer who covers it is kept out", cove.GetProperty("liaison").GetProperty("gap").GetString(), StringComparison.Ordinal);

        // compliance carries the same findings for that date.
        var compliance = cli.Run("compliance", "--at", "2027-01-04");
        Assert.Equal(0, compliance.ExitCode);
        Assert.Contains("Coverage gaps (a location and class nobody could ever answer first): 19 of 102", compliance.Stdout, StringComparison.Ordinal);
        Assert.Contains("  COVE (zone NHS, NCSO) LIAISON: R7: every officer who covers it is kept out (SLO-2: NCSO's agreement", compliance.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_time_is_one_sentence_and_exit_2()
    {
        using var cli = new CliRunner();
        Assert.Equal(0, cli.Run("init", "--demo").ExitCode);
        var r = cli.Run("coverage", "--at", "2027-01-04");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--at '2027-01-04' is not an ISO 8601 time with an offset", r.Stderr, StringComparison.Ordinal);
    }
}
