using System.Text.Json;
using SafetyConsole.Cli.Tests.Dispatch;

namespace SafetyConsole.Cli.Tests.Incidents;

/// <summary>Issue 15 on the command line: a duplicate fight call flagged at intake, linked, shown, counted apart, unlinked.</summary>
public class LinkCommandsTests
{
    [Fact]
    public void A_duplicate_fight_call_is_flagged_linked_shown_and_left_out_of_the_report_then_unlinked()
    {
        using var cli = DemoCalls.DemoRunner();
        var feed = """
            {"external_id":"F1","received_at":"2026-11-23T17:58:00Z","location":"LHS","type":"FIGHT","reporter_role":"teacher","description":"Fight in the cafeteria"}
            {"external_id":"F2","received_at":"2026-11-23T17:59:00Z","location":"LHS","type":"DISORD","reporter_role":"student","description":"Kids yelling in the cafeteria"}
            """ + "\n";
        Assert.Equal(0, cli.RunWithInput(feed, "feed", "load", "-", "--format", "jsonl", "--source", "911").ExitCode);
        using (var db = cli.OpenDb()) Data.Enforcement.EnforcementPass.Run(db, cli.Time.GetUtcNow()); // the worker's intake pass

        var flagged = cli.Run("calls", "show", "2");
        Assert.Contains("possible duplicate of call 1 (`link 2 1`)", flagged.Stdout, StringComparison.Ordinal);
        Assert.Contains("Possible duplicate of call 1", flagged.Stdout, StringComparison.Ordinal);

        var link = cli.Run("link", "2", "1");
        Assert.True(link.ExitCode == 0, link.ToString());
        Assert.Equal("Call 2 linked as a duplicate of call 1 and cleared (disposition 22).\n", link.Stdout);
        using (var doc = JsonDocument.Parse(cli.Run("calls", "show", "2", "--json").Stdout))
        {
            Assert.Equal(("CLEARED", "22", 1), (doc.RootElement.GetProperty("status").GetString(), doc.RootElement.GetProperty("disposition").GetString(),
                doc.RootElement.GetProperty("duplicateOf").GetInt32()));
        }
        using (var doc = JsonDocument.Parse(cli.Run("calls", "show", "1", "--json").Stdout))
        {
            Assert.Equal([2], doc.RootElement.GetProperty("duplicates").EnumerateArray().Select(x => x.GetInt32()));
            Assert.Contains(doc.RootElement.GetProperty("events").EnumerateArray(),
                e => e.GetProperty("kind").GetString() == "call.duplicate" && e.GetProperty("detail").GetString() == "Kids yelling in the cafeteria");
        }
        Assert.Contains("call.duplicate", cli.Run("calls", "show", "1", "--timeline").Stdout, StringComparison.Ordinal);

        using (var report = JsonDocument.Parse(cli.Run("report", "--format", "json").Stdout))
        {
            Assert.Equal(1, report.RootElement.GetProperty("duplicates").GetInt32());
            Assert.Equal(1, report.RootElement.GetProperty("calls").GetProperty("calls").GetInt32());
        }

        Assert.Equal(0, cli.Run("operators", "add", "dana", "dispatcher").ExitCode);
        Assert.Equal(1, cli.RunAs("dana", "unlink", "2", "--reason", "different fight").ExitCode);
        Assert.Equal(2, cli.Run("unlink", "2").ExitCode);
        var unlink = cli.Run("unlink", "2", "--reason", "a different fight");
        Assert.True(unlink.ExitCode == 0, unlink.ToString());
        using var after = JsonDocument.Parse(cli.Run("calls", "show", "2", "--json").Stdout);
        Assert.Equal(("NEW", JsonValueKind.Null), (after.RootElement.GetProperty("status").GetString(), after.RootElement.GetProperty("duplicateOf").ValueKind));
    }
}
