using System.Text.Json;
using Dapper;

namespace SafetyConsole.Cli.Tests.Dispatch;

/// <summary>The dispatch verbs of DESIGN §5: success, refusal, and exit codes (0 done, 1 refused, 2 bad usage).</summary>
public class DispatchCommandsTests
{
    [Fact]
    public void Recommend_json_has_the_documented_shape_and_puts_the_school_own_CSO_first()
    {
        using var cli = DemoCalls.DemoRunner();
        var id = DemoCalls.Add(cli, "LHS", "FIGHT");
        var r = cli.Run("recommend", id.ToString(), "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal(id, root.GetProperty("call").GetInt64());
        Assert.Equal("CAMPUS", root.GetProperty("class").GetString());
        var first = root.GetProperty("candidates")[0];
        Assert.Equal("CSO-01", first.GetProperty("badge").GetString()); // posted at LHS ranks first (§3)
        Assert.Equal("CSO", first.GetProperty("role").GetString());
        Assert.True(first.TryGetProperty("distanceMeters", out _));
        Assert.True(first.TryGetProperty("etaSeconds", out _));
        foreach (var x in root.GetProperty("excluded").EnumerateArray())
        {
            Assert.False(string.IsNullOrEmpty(x.GetProperty("badge").GetString()));
            Assert.False(string.IsNullOrEmpty(x.GetProperty("reason").GetString()));
        }
    }

    [Fact]
    public void A_call_goes_from_assignment_to_cleared_and_the_officer_is_free_again()
    {
        using var cli = DemoCalls.DemoRunner();
        var id = DemoCalls.Add(cli, "LHS", "FIGHT").ToString();
        Assert.Equal(0, cli.Run("assign", id, "CSO-01").ExitCode);
        Assert.Equal(0, cli.Run("ack", id).ExitCode);
        Assert.Equal(0, cli.Run("enroute", id).ExitCode);
        Assert.Equal(0, cli.Run("onscene", id).ExitCode);
        var clear = cli.Run("clear", id, "--disposition", "01");
        Assert.True(clear.ExitCode == 0, clear.ToString());

        using var doc = JsonDocument.Parse(cli.Run("calls", "show", id, "--json").Stdout);
        var call = doc.RootElement;
        Assert.Equal("CLEARED", call.GetProperty("status").GetString());
        Assert.Equal("01", call.GetProperty("disposition").GetString());
        var kinds = call.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString())
            .Where(k => k!.StartsWith("call.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["call.assigned", "call.acknowledged", "call.en_route", "call.on_scene", "call.cleared"], kinds);
        Assert.Contains("\"status\": \"AVAILABLE\"", cli.Run("officers", "list", "--json").Stdout.Split("CSO-02")[0], StringComparison.Ordinal);
    }

    [Fact]
    public void An_officer_already_on_a_call_cannot_be_assigned_to_another()
    {
        using var cli = DemoCalls.DemoRunner();
        var first = DemoCalls.Add(cli, "LHS", "FIGHT").ToString();
        var second = DemoCalls.Add(cli, "LHS", "WELFARE").ToString();
        Assert.Equal(0, cli.Run("assign", first, "CSO-01").ExitCode);
        var r = cli.Run("assign", second, "CSO-01");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("CSO-01", r.Stderr, StringComparison.Ordinal);
        Assert.Contains($"call {first}", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_viewer_is_refused_any_change_and_the_refusal_is_recorded()
    {
        using var cli = DemoCalls.DemoRunner();
        var id = DemoCalls.Add(cli, "LHS", "FIGHT");
        var r = cli.RunAs("visitor", "assign", id.ToString(), "CSO-01");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("R10: visitor is a viewer", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, cli.RunAs("visitor", "officer", "status", "CSO-02", "OFF_DUTY").ExitCode);
        using var db = cli.OpenDb();
        Assert.Equal(2, db.Connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE kind = 'refused' AND actor = 'visitor'"));
        Assert.Equal("NEW", db.Connection.ExecuteScalar<string>("SELECT status FROM calls WHERE id = @id", new { id }));
    }

    [Fact]
    public void A_dispatcher_may_act_once_a_supervisor_adds_them()
    {
        using var cli = DemoCalls.DemoRunner();
        Assert.Equal(0, cli.Run("operators", "add", "dana", "dispatcher").ExitCode);
        var id = DemoCalls.Add(cli, "LHS", "FIGHT").ToString();
        Assert.Equal(0, cli.RunAs("dana", "assign", id, "CSO-01").ExitCode);
        Assert.Equal(1, cli.RunAs("dana", "operators", "add", "eve", "supervisor").ExitCode); // R10: supervisors only
    }

    [Fact]
    public void Illegal_transitions_are_refused_naming_both_states()
    {
        using var cli = DemoCalls.DemoRunner();
        var id = DemoCalls.Add(cli, "LHS", "FIGHT").ToString();
        var r = cli.Run("onscene", id);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("is NEW with no officer", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, cli.Run("assign", id, "CSO-01").ExitCode);
        var clear = cli.Run("clear", id, "--disposition", "01");
        Assert.Equal(1, clear.ExitCode);
        Assert.Contains("ASSIGNED", clear.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("clear", "1")]                         // --disposition is required
    [InlineData("divert", "1")]                        // --reason is required
    [InlineData("assign", "abc", "CSO-01")]            // not a call number
    [InlineData("assign", "1", "CSO-01", "--at", "10:00")] // --at without a date and offset
    public void Bad_usage_exits_2(params string[] args)
    {
        using var cli = DemoCalls.DemoRunner();
        DemoCalls.Add(cli, "LHS", "FIGHT");
        var r = cli.Run(args);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.NotEqual("", r.Stderr);
    }

    [Fact]
    public void An_unknown_disposition_code_exits_2_and_lists_the_codes()
    {
        using var cli = DemoCalls.DemoRunner();
        var id = DemoCalls.Add(cli, "LHS", "FIGHT").ToString();
        cli.Run("assign", id, "CSO-01");
        cli.Run("onscene", id);
        var r = cli.Run("clear", id, "--disposition", "99");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("03 Arrest", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void R2_a_diverted_call_cannot_be_assigned_only_reclassified_by_a_supervisor()
    {
        using var cli = DemoCalls.DemoRunner();
        cli.Run("operators", "add", "dana", "dispatcher");
        var id = DemoCalls.Add(cli, "LHS", "DISCIPLINE", description: "phone out in class").ToString();
        var assign = cli.Run("assign", id, "CSO-01");
        Assert.Equal(1, assign.ExitCode);
        Assert.Contains("R2", assign.Stderr, StringComparison.Ordinal);

        Assert.Equal(0, cli.Run("divert", id, "--reason", "routine discipline").ExitCode);
        Assert.Equal(1, cli.Run("assign", id, "CSO-01", "--override", "please").ExitCode);
        Assert.Equal(1, cli.RunAs("dana", "reclassify", id, "FIGHT", "--reason", "it is a fight").ExitCode);
        var re = cli.Run("reclassify", id, "FIGHT", "--reason", "caller says it turned into a fight");
        Assert.True(re.ExitCode == 0, re.ToString());
        using var doc = JsonDocument.Parse(cli.Run("calls", "show", id, "--json").Stdout);
        Assert.Equal("NEW", doc.RootElement.GetProperty("status").GetString());
        Assert.Equal("FIGHT", doc.RootElement.GetProperty("type").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("priority").GetInt32());
        Assert.Contains(doc.RootElement.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "call.reclassified");
        Assert.Equal(0, cli.Run("assign", id, "CSO-01").ExitCode);
    }

    [Fact]
    public void R7_an_officer_with_lapsed_training_needs_a_supervisor_and_a_written_reason()
    {
        using var cli = DemoCalls.DemoRunner();
        cli.Run("operators", "add", "dana", "dispatcher");
        // CSO-07 is posted at MMS and its first-aid training lapsed on 2026-10-31 (demo data).
        var id = DemoCalls.Add(cli, "MMS", "FIGHT").ToString();
        var rec = cli.Run("recommend", id);
        Assert.Contains("CSO-07", rec.Stdout, StringComparison.Ordinal);
        Assert.Contains("first-aid", rec.Stdout, StringComparison.Ordinal);

        Assert.Equal(1, cli.RunAs("dana", "assign", id, "CSO-07", "--override", "only one on site").ExitCode);
        var noReason = cli.Run("assign", id, "CSO-07");
        Assert.Equal(1, noReason.ExitCode);
        Assert.Contains("--override", noReason.Stderr, StringComparison.Ordinal);
        var ok = cli.Run("assign", id, "CSO-07", "--override", "only officer on site; fight in progress");
        Assert.True(ok.ExitCode == 0, ok.ToString());
        using var db = cli.OpenDb();
        Assert.Equal("only officer on site; fight in progress",
            db.Connection.ExecuteScalar<string>("SELECT override_reason FROM assignments WHERE call_id = @id", new { id = long.Parse(id) }));
        Assert.Equal(1, db.Connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE kind = 'override' AND actor = 'tester'"));
    }

    [Fact]
    public void Cancel_releases_the_officer()
    {
        using var cli = DemoCalls.DemoRunner();
        var id = DemoCalls.Add(cli, "LHS", "FIGHT").ToString();
        cli.Run("assign", id, "CSO-01");
        Assert.Equal(0, cli.Run("cancel", id, "--reason", "caller says it is over").ExitCode);
        using var db = cli.OpenDb();
        Assert.Equal("AVAILABLE", db.Connection.ExecuteScalar<string>("SELECT status FROM officers WHERE badge = 'CSO-01'"));
        Assert.Equal("cancelled", db.Connection.ExecuteScalar<string>("SELECT release_reason FROM assignments"));
    }

    [Fact]
    public void Status_json_counts_the_queue()
    {
        using var cli = DemoCalls.DemoRunner();
        var a = DemoCalls.Add(cli, "LHS", "FIGHT");
        DemoCalls.Add(cli, "SHS", "THREATS");
        cli.Run("assign", a.ToString(), "CSO-01");
        cli.Time.Advance(TimeSpan.FromMinutes(5));
        var r = cli.Run("status", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        using var doc = JsonDocument.Parse(r.Stdout);
        var s = doc.RootElement;
        Assert.Equal(2, s.GetProperty("openTotal").GetInt32());
        Assert.Equal(1, s.GetProperty("openByStatus").GetProperty("ASSIGNED").GetInt32());
        Assert.Equal(1, s.GetProperty("openByPriority").GetProperty("P1").GetInt32());
        Assert.Equal(300, s.GetProperty("oldestWaiting").GetProperty("ageSeconds").GetInt32());
        Assert.Equal(1, s.GetProperty("officersByStatus").GetProperty("ASSIGNED").GetInt32());
        Assert.Equal("school day, in session", s.GetProperty("schoolDay").GetString());
        Assert.Equal(0, s.GetProperty("escalationsOpen").GetInt32());
    }

    [Fact]
    public void Status_text_fits_a_phone_at_80_columns()
    {
        using var cli = DemoCalls.DemoRunner();
        DemoCalls.Add(cli, "LHS", "FIGHT");
        var r = cli.Run("status");
        Assert.Equal(0, r.ExitCode);
        var lines = r.Stdout.Split('\n');
        Assert.All(lines, l => Assert.True(l.Length <= 80, l));
        Assert.True(lines.Length <= 24);
        Assert.Contains("Oldest waiting: call 1 FIGHT P1 at LHS", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Reclassifying_to_an_unknown_type_exits_2_and_lists_the_types()
    {
        using var cli = DemoCalls.DemoRunner();
        var id = DemoCalls.Add(cli, "LHS", "DISCIPLINE").ToString();
        var r = cli.Run("reclassify", id, "BRAWL", "--reason", "typo");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("use one of ABUSE, ALRBA", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("ALIEN", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Calls_show_carries_the_rule_trace_of_the_intake_decision()
    {
        using var cli = DemoCalls.DemoRunner();
        var id = DemoCalls.Add(cli, "LHS", "FIGHT").ToString();
        Assert.Equal(0, cli.Run("assign", id, "CSO-01").ExitCode); // a NEW call is decided at assignment (R1, R5)
        using var doc = JsonDocument.Parse(cli.Run("calls", "show", id, "--json").Stdout);
        var trace = doc.RootElement.GetProperty("trace").EnumerateArray().Select(t => t.GetString()!).ToList();
        Assert.Contains(trace, t => t.StartsWith("R1: ", StringComparison.Ordinal) && t.Contains("Lincoln High School", StringComparison.Ordinal));
        Assert.Contains(trace, t => t.StartsWith("R5: ", StringComparison.Ordinal));
        var text = cli.Run("calls", "show", id).Stdout;
        Assert.Contains("Rule trace:", text, StringComparison.Ordinal);
        Assert.Contains("  R1: ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void R9_a_viewer_reading_a_call_detail_is_recorded_a_dispatcher_is_not()
    {
        using var cli = DemoCalls.DemoRunner();
        cli.Run("operators", "add", "dana", "dispatcher");
        var id = DemoCalls.Add(cli, "LHS", "FIGHT", description: "student name here");
        Assert.Equal(0, cli.RunAs("visitor", "calls", "show", id.ToString()).ExitCode);
        Assert.Equal(0, cli.RunAs("dana", "calls", "show", id.ToString(), "--json").ExitCode);
        using var db = cli.OpenDb();
        var reads = db.Connection.Query<(string Actor, long CallId)>("SELECT actor, call_id FROM events WHERE kind = 'call.read'").ToList();
        Assert.Equal([("visitor", id)], reads);
    }
}
