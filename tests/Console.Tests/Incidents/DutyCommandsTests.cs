using System.Text.Json;
using SafetyConsole.Cli.Tests.Dispatch;

namespace SafetyConsole.Cli.Tests.Incidents;

/// <summary>Issue 15 on the command line: `duty add|list|done`, and duties in `status` and `report`.</summary>
public class DutyCommandsTests
{
    [Fact]
    public void Add_list_and_done_end_to_end_with_the_documented_json()
    {
        using var cli = DemoCalls.DemoRunner();
        var add = cli.Run("duty", "add", "ASSESS", "--location", "LHS", "--due", "2026-11-23", "--officer", "CSO-01", "--note", "fence walk-through");
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Equal("Duty 1 added: ASSESS at LHS, due 2026-11-23.\n", add.Stdout);
        Assert.Equal(0, cli.Run("duty", "add", "TATMEET", "--location", "SHS", "--due", "2026-11-20").ExitCode);
        Assert.Equal(0, cli.Run("duty", "add", "TRAINREQ", "--location", "SHS", "--due", "2026-12-01").ExitCode);

        var list = cli.Run("duty", "list", "--due-by", "2026-11-23", "--json");
        using (var doc = JsonDocument.Parse(list.Stdout))
        {
            var rows = doc.RootElement.EnumerateArray().ToList();
            Assert.Equal(2, rows.Count);
            Assert.Equal(["id", "type", "location", "dueOn", "state", "officer", "note", "addedBy", "doneBy", "doneAt", "source"],
                rows[0].EnumerateObject().Select(p => p.Name));
            Assert.Equal(("overdue", "TATMEET"), (rows[0].GetProperty("state").GetString(), rows[0].GetProperty("type").GetString()));
            Assert.Equal(("due-today", "fence walk-through"), (rows[1].GetProperty("state").GetString(), rows[1].GetProperty("note").GetString()));
        }

        using (var status = JsonDocument.Parse(cli.Run("status", "--json").Stdout))
        {
            Assert.Equal(1, status.RootElement.GetProperty("dutiesDueToday").GetInt32());
            Assert.Equal(1, status.RootElement.GetProperty("dutiesOverdue").GetInt32());
        }
        Assert.Contains("Scheduled duties due today 1, overdue 1 (`duty list`)", cli.Run("status").Stdout, StringComparison.Ordinal);

        var done = cli.Run("duty", "done", "1");
        Assert.True(done.ExitCode == 0, done.ToString());
        var twice = cli.Run("duty", "done", "1");
        Assert.Equal(1, twice.ExitCode);
        Assert.Contains("Duty 1 was already done", twice.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, cli.Run("duty", "done", "99").ExitCode);

        using var report = JsonDocument.Parse(cli.Run("report", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "json").Stdout);
        var duties = report.RootElement.GetProperty("duties").EnumerateArray().ToList();
        Assert.Equal(["LHS", "SHS"], duties.Select(d => d.GetProperty("location").GetString()));
        Assert.Equal((1, 1, 0), (duties[0].GetProperty("duties").GetInt32(), duties[0].GetProperty("done").GetInt32(), duties[0].GetProperty("open").GetInt32()));
        Assert.Equal(1, duties[1].GetProperty("overdue").GetInt32());
        Assert.Contains("Duties, by school", cli.Run("report", "--from", "2026-11-01", "--to", "2026-11-30").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_viewer_reads_duties_without_their_notes_and_may_not_add_one()
    {
        using var cli = DemoCalls.DemoRunner();
        Assert.Equal(0, cli.Run("duty", "add", "TRUANT", "--location", "LHS", "--due", "2026-11-24", "--note", "petition for a student").ExitCode);
        var refused = cli.RunAs("visitor", "duty", "add", "TRUANT", "--location", "LHS", "--due", "2026-11-24");
        Assert.Equal(1, refused.ExitCode);
        var list = cli.RunAs("visitor", "duty", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.DoesNotContain("petition", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("(dispatchers only, R9)", list.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("duty", "add", "FIGHT", "--location", "LHS", "--due", "2026-11-24")]
    [InlineData("duty", "add", "ASSESS", "--location", "LHS", "--due", "tomorrow")]
    [InlineData("duty", "add", "ASSESS", "--due", "2026-11-24")]
    public void Bad_usage_exits_2_with_one_sentence(params string[] args)
    {
        using var cli = DemoCalls.DemoRunner();
        var r = cli.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
    }
}
