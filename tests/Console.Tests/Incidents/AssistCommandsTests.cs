using System.Text.Json;
using SafetyConsole.Cli.Tests.Dispatch;

namespace SafetyConsole.Cli.Tests.Incidents;

/// <summary>Issue 15 on the command line: `assign --assist`, per-officer progress with --badge, all officers in `calls show` and `status`.</summary>
public class AssistCommandsTests
{
    [Fact]
    public void An_assist_on_a_weapon_call_end_to_end()
    {
        using var cli = DemoCalls.DemoRunner();
        var call = DemoCalls.Add(cli, "LHS", "WEAPON");
        Assert.Equal(2, cli.Run("assign", $"{call}", "SGT-1", "--assist", "--override", "x").ExitCode);
        var early = cli.Run("assign", $"{call}", "SGT-1", "--assist");
        Assert.Equal(1, early.ExitCode);
        Assert.Contains("R1: an assist is never the first response", early.Stderr, StringComparison.Ordinal);

        Assert.True(cli.Run("assign", $"{call}", "SRO-1").ExitCode == 0);
        var assist = cli.Run("assign", $"{call}", "SGT-1", "--assist");
        Assert.True(assist.ExitCode == 0, assist.ToString());
        Assert.Equal($"SGT-1 assists on call {call} (first responder SRO-1).\n", assist.Stdout);
        Assert.Equal(0, cli.Run("enroute", $"{call}", "--badge", "SGT-1").ExitCode);

        using (var doc = JsonDocument.Parse(cli.Run("calls", "show", $"{call}", "--json").Stdout))
        {
            Assert.Equal("SRO-1", doc.RootElement.GetProperty("assignedTo").GetString());
            var officers = doc.RootElement.GetProperty("officers").EnumerateArray().ToList();
            Assert.Equal(["badge", "role", "assignedAt", "assignedBy", "ackedAt", "enRouteAt", "onSceneAt", "releasedAt", "releaseReason"],
                officers[0].EnumerateObject().Select(p => p.Name));
            Assert.Equal([("SRO-1", "first"), ("SGT-1", "assist")], officers.Select(o => (o.GetProperty("badge").GetString(), o.GetProperty("role").GetString())));
            Assert.NotEqual(JsonValueKind.Null, officers[1].GetProperty("enRouteAt").ValueKind);
        }
        Assert.Contains("assisting    SGT-1 (en route)", cli.Run("calls", "show", $"{call}").Stdout, StringComparison.Ordinal);
        using (var status = JsonDocument.Parse(cli.Run("status", "--json").Stdout))
            Assert.Equal(1, status.RootElement.GetProperty("assistsOnOpenCalls").GetInt32());

        Assert.Equal(0, cli.Run("ack", $"{call}").ExitCode);
        Assert.Equal(0, cli.Run("clear", $"{call}", "--disposition", "03").ExitCode);
        var officersAfter = cli.Run("officers", "list", "--json");
        using var roster = JsonDocument.Parse(officersAfter.Stdout);
        Assert.Equal("AVAILABLE", roster.RootElement.EnumerateArray().Single(o => o.GetProperty("badge").GetString() == "SGT-1").GetProperty("status").GetString());
        using var report = JsonDocument.Parse(cli.Run("report", "--format", "json").Stdout);
        Assert.Equal(1, report.RootElement.GetProperty("assists").GetInt32());
    }

    [Fact]
    public void Clear_with_the_badge_of_an_assist_releases_that_officer_only_and_clear_alone_still_needs_a_disposition()
    {
        using var cli = DemoCalls.DemoRunner();
        var call = DemoCalls.Add(cli, "LHS", "FIGHT");
        Assert.Equal(0, cli.Run("assign", $"{call}", "CSO-01").ExitCode);
        Assert.Equal(0, cli.Run("assign", $"{call}", "CSO-02", "--assist").ExitCode);
        var release = cli.Run("clear", $"{call}", "--badge", "CSO-02");
        Assert.True(release.ExitCode == 0, release.ToString());
        Assert.Equal($"CSO-02 cleared on call {call} (assisting).\n", release.Stdout);
        var noCode = cli.Run("clear", $"{call}");
        Assert.Equal(2, noCode.ExitCode);
        Assert.Contains("--disposition", noCode.Stderr, StringComparison.Ordinal);
        Assert.Contains("ASSIGNED", cli.Run("calls", "show", $"{call}").Stdout, StringComparison.Ordinal);
    }
}
