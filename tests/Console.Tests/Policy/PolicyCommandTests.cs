using System.Text.Json;
using Dapper;
using SafetyConsole.Cli.Tests.Dispatch;

namespace SafetyConsole.Cli.Tests.Policy;

/// <summary>`policy [show] [--json]` for anyone, `policy set KEY VALUE --reason TEXT` for supervisors (issue 13, R10).</summary>
public class PolicyCommandTests
{
    [Fact]
    public void Show_lists_every_number_with_its_rule_and_policy_alone_is_show()
    {
        using var cli = DemoCalls.DemoRunner();
        var show = cli.RunAs("guest", "policy", "show"); // a viewer may read it
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains("deadline_p3_seconds", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("15 min", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("road_factor", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("lead_minutes", show.Stdout, StringComparison.Ordinal);
        Assert.Equal(show.Stdout, cli.RunAs("guest", "policy").Stdout);
    }

    [Fact]
    public void Show_json_is_one_object_of_camel_case_keys_in_their_units()
    {
        using var cli = DemoCalls.DemoRunner();
        var r = cli.Run("policy", "show", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        var o = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.Equal(
            ["deadlineP1Seconds", "deadlineP2Seconds", "deadlineP3Seconds", "deadlineP4Seconds", "ackTimeoutSeconds",
             "pingFreshnessSeconds", "roadFactor", "speedKmh", "leadMinutes", "tailMinutes", "duplicateWindowSeconds"],
            o.EnumerateObject().Select(p => p.Name));
        Assert.Equal((60, 900, 1.4, 30, 60), (o.GetProperty("deadlineP1Seconds").GetInt32(), o.GetProperty("deadlineP3Seconds").GetInt32(),
            o.GetProperty("roadFactor").GetDouble(), o.GetProperty("leadMinutes").GetInt32(), o.GetProperty("tailMinutes").GetInt32()));
        Assert.Equal(r.Stdout, cli.Run("policy", "--json").Stdout);
    }

    [Fact]
    public void A_supervisor_sets_a_number_and_the_event_keeps_old_new_and_reason()
    {
        using var cli = DemoCalls.DemoRunner();
        var r = cli.Run("policy", "set", "deadline_p3_seconds", "10min", "--reason", "board decision 2026-41");
        Assert.Equal((0, "deadline_p3_seconds is now 600 (10 min), was 900 (15 min); the board, the command line and the worker use it from their next decision.\n", ""),
            (r.ExitCode, r.Stdout, r.Stderr));
        Assert.Contains("\"deadlineP3Seconds\": 600", cli.Run("policy", "--json").Stdout, StringComparison.Ordinal);
        using var db = cli.OpenDb();
        var e = db.Connection.QuerySingle<(string Actor, string From, string To, string Reason)>(
            "SELECT actor, from_status, to_status, reason FROM events WHERE kind = 'policy.set'");
        Assert.Equal((CliRunner.DefaultAccount, "900", "600", "R5: deadline_p3_seconds 15 min -> 10 min: board decision 2026-41"), e);
        Assert.Equal("deadline_p3_seconds is already 600 (10 min); nothing changed.\n",
            cli.Run("policy", "set", "deadline_p3_seconds", "600", "--reason", "again").Stdout);
    }

    [Fact]
    public void A_dispatcher_is_refused_with_exit_1_R10()
    {
        using var cli = DemoCalls.DemoRunner();
        Assert.Equal(0, cli.Run("operators", "add", "dana", "dispatcher").ExitCode);
        var r = cli.RunAs("dana", "policy", "set", "road_factor", "1.2", "--reason", "shorter");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("R10: dana is a dispatcher and may not change the policy;", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("\"roadFactor\": 1.4", cli.Run("policy", "--json").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_value_is_one_sentence_and_exit_2()
    {
        using var cli = DemoCalls.DemoRunner();
        var r = cli.Run("policy", "set", "ack_timeout_seconds", "soon", "--reason", "x");
        Assert.Equal((2, "", "ack_timeout_seconds 'soon' is not a duration; write seconds like 90, or with a unit like 90s, 3min or 1h.\n"),
            (r.ExitCode, r.Stdout, r.Stderr));
        var noReason = cli.Run("policy", "set", "ack_timeout_seconds", "120");
        Assert.Equal(2, noReason.ExitCode);
    }
}
