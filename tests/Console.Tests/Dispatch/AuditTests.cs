using System.Text.Json;
using Dapper;
using SafetyConsole.Data.Enforcement;
using SafetyConsole.Data.Policy;

namespace SafetyConsole.Cli.Tests.Dispatch;

/// <summary>
/// R10 audit integrity on the command line: `--at` never forges when an entry was made (every event keeps its real
/// recorded time), times far from the clock are a supervisor's, late entries are marked and counted, and R6 no longer
/// strands a call whose only cover timed out.
/// </summary>
public class AuditTests
{
    /// <summary>Five minutes and one second before the runner's clock: just outside what anyone may enter.</summary>
    private static string Before(CliRunner cli, TimeSpan by) => cli.Time.GetUtcNow().Subtract(by).ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture);

    private static CliRunner WithDispatcher()
    {
        var cli = DemoCalls.DemoRunner();
        Assert.Equal(0, cli.Run("operators", "add", "dana", "dispatcher").ExitCode);
        return cli;
    }

    [Theory]
    [InlineData("assign")]
    [InlineData("cancel")]
    public void A_dispatcher_may_not_act_as_of_a_time_far_before_the_clock_and_the_refusal_is_recorded(string verb)
    {
        using var cli = WithDispatcher();
        var id = DemoCalls.Add(cli, "LHS", "FIGHT").ToString();
        var at = Before(cli, TimeSpan.FromDays(79));
        var r = verb == "assign"
            ? cli.RunAs("dana", "assign", id, "CSO-01", "--at", at)
            : cli.RunAs("dana", "cancel", id, "--reason", "test", "--at", at);
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("R10: dana is a dispatcher and may not", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("only a supervisor may enter a time more than 5 minutes before or 1 minute after the clock", r.Stderr, StringComparison.Ordinal);

        using var db = cli.OpenDb();
        Assert.Equal("NEW", db.Connection.ExecuteScalar<string>("SELECT status FROM calls WHERE id = @id", new { id = long.Parse(id) }));
        var refusal = db.Connection.QuerySingle<(string At, string RecordedAt, string Reason, string Detail)>(
            "SELECT at, recorded_at, reason, detail FROM events WHERE kind = 'refused' AND actor = 'dana'");
        Assert.Equal("2026-11-23T18:00:00.000Z", refusal.At); // recorded at the clock's time, not the forged one
        Assert.Equal(refusal.At, refusal.RecordedAt);
        Assert.StartsWith("R10:", refusal.Reason, StringComparison.Ordinal);
        Assert.Contains("2026-09-05", refusal.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_one_minute_ahead_or_five_minutes_behind_is_anyone_s_and_not_marked()
    {
        using var cli = WithDispatcher();
        var id = DemoCalls.Add(cli, "LHS", "FIGHT").ToString();
        Assert.Equal(0, cli.RunAs("dana", "assign", id, "CSO-01", "--at", Before(cli, TimeSpan.FromMinutes(5))).ExitCode);
        var ahead = cli.Time.GetUtcNow().AddMinutes(1).ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, cli.RunAs("dana", "ack", id, "--at", ahead).ExitCode);
        var tooFar = cli.Time.GetUtcNow().AddSeconds(61).ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, cli.RunAs("dana", "enroute", id, "--at", tooFar).ExitCode);

        var show = cli.Run("calls", "show", id);
        Assert.DoesNotContain("late entry", show.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_supervisor_s_late_entry_keeps_its_real_time_and_is_marked_in_calls_show_and_counted_in_compliance()
    {
        using var cli = WithDispatcher();
        var id = DemoCalls.Add(cli, "LHS", "FIGHT").ToString();
        Assert.Equal(0, cli.RunAs("dana", "assign", id, "CSO-01").ExitCode);
        var r = cli.Run("ack", id, "--at", "2026-11-23T09:10:00-08:00"); // 10:00 local now: 50 minutes late
        Assert.True(r.ExitCode == 0, r.ToString());

        var text = cli.Run("calls", "show", id).Stdout;
        var ackLine = text.Split('\n').Single(l => l.Contains("call.acknowledged", StringComparison.Ordinal));
        Assert.StartsWith("  11-23 09:10:00", ackLine, StringComparison.Ordinal);
        Assert.EndsWith("[late entry, recorded 2026-11-23 10:00]", ackLine, StringComparison.Ordinal);
        var assignLine = text.Split('\n').Single(l => l.Contains("call.assigned", StringComparison.Ordinal));
        Assert.DoesNotContain("late entry", assignLine, StringComparison.Ordinal);

        using var doc = JsonDocument.Parse(cli.Run("calls", "show", id, "--json").Stdout);
        var events = doc.RootElement.GetProperty("events").EnumerateArray().ToList();
        var ack = events.Single(e => e.GetProperty("kind").GetString() == "call.acknowledged");
        Assert.Equal("2026-11-23T09:10:00-08:00", ack.GetProperty("at").GetString());
        Assert.Equal("2026-11-23T10:00:00-08:00", ack.GetProperty("recordedAt").GetString());
        Assert.True(ack.GetProperty("lateEntry").GetBoolean());
        var assigned = events.Single(e => e.GetProperty("kind").GetString() == "call.assigned");
        Assert.False(assigned.GetProperty("lateEntry").GetBoolean());
        Assert.Equal(assigned.GetProperty("at").GetString(), assigned.GetProperty("recordedAt").GetString());

        var compliance = cli.Run("compliance");
        Assert.Contains("Late entries and replays in the event log (R10: entered with a time far from the clock; `calls show` marks them): 1 (tester 1)",
            compliance.Stdout, StringComparison.Ordinal);
        using var cj = JsonDocument.Parse(cli.Run("compliance", "--json").Stdout);
        var late = cj.RootElement.GetProperty("lateEntries");
        Assert.Equal(1, late.GetProperty("total").GetInt32());
        Assert.Equal("tester", late.GetProperty("byActor")[0].GetProperty("actor").GetString());
    }

    [Fact]
    public void Recommend_at_a_time_far_from_the_clock_stays_open_to_everyone()
    {
        using var cli = WithDispatcher();
        var id = DemoCalls.Add(cli, "LHS", "FIGHT").ToString();
        foreach (var account in new[] { "dana", "visitor" })
        {
            var r = cli.RunAs(account, "recommend", id, "--at", "2026-09-08T10:00:00-07:00");
            Assert.True(r.ExitCode == 0, r.ToString());
        }
    }

    [Fact]
    public void Events_written_before_the_upgrade_have_no_recorded_time_and_are_not_marked()
    {
        using var cli = WithDispatcher();
        var id = DemoCalls.Add(cli, "LHS", "FIGHT");
        using (var db = cli.OpenDb())
            db.Connection.Execute("INSERT INTO events(at, actor, kind, call_id) VALUES ('2026-01-01T00:00:00.000Z', 'old', 'call.note', @id)", new { id });
        using var doc = JsonDocument.Parse(cli.Run("calls", "show", id.ToString(), "--json").Stdout);
        var old = doc.RootElement.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("actor").GetString() == "old");
        Assert.Equal(JsonValueKind.Null, old.GetProperty("recordedAt").ValueKind);
        Assert.False(old.GetProperty("lateEntry").GetBoolean());
    }

    /// <summary>
    /// R6 with nobody else: LHS's FIGHT has CSO-01 as its only eligible officer (every other candidate is BUSY); CSO-01
    /// does not acknowledge, the worker releases it and escalates. Only a supervisor's written override assigns it again.
    /// </summary>
    [Fact]
    public void R6_a_supervisor_may_assign_the_officer_who_timed_out_with_a_written_reason_and_a_dispatcher_may_not()
    {
        using var cli = WithDispatcher();
        var id = DemoCalls.Add(cli, "LHS", "FIGHT");
        using (var rec = JsonDocument.Parse(cli.Run("recommend", id.ToString(), "--json").Stdout))
            foreach (var c in rec.RootElement.GetProperty("candidates").EnumerateArray().Skip(1))
                Assert.Equal(0, cli.Run("officer", "status", c.GetProperty("badge").GetString()!, "BUSY").ExitCode);
        Assert.Equal(0, cli.RunAs("dana", "assign", id.ToString(), "CSO-01").ExitCode);
        using (var db = cli.OpenDb())
        {
            var pass = EnforcementPass.Run(db, cli.Time.GetUtcNow().AddMinutes(2));
            Assert.Contains(pass.Actions, a => a.CallId == id && a.To == Data.Domain.CallStatus.Escalated);
        }
        cli.Time.Advance(TimeSpan.FromMinutes(2));

        var show = cli.Run("recommend", id.ToString());
        Assert.Contains("R6: did not acknowledge this call in time; skipped (a supervisor may assign with a written reason).", show.Stdout, StringComparison.Ordinal);

        var dispatcher = cli.RunAs("dana", "assign", id.ToString(), "CSO-01", "--override", "radio was down");
        Assert.Equal(1, dispatcher.ExitCode);
        Assert.Contains("Only a supervisor may assign with a written reason", dispatcher.Stderr, StringComparison.Ordinal);
        var noReason = cli.Run("assign", id.ToString(), "CSO-01");
        Assert.Equal(1, noReason.ExitCode);
        Assert.Contains("--override", noReason.Stderr, StringComparison.Ordinal);

        var ok = cli.Run("assign", id.ToString(), "CSO-01", "--override", "radio was down at LHS; CSO-01 confirmed by phone");
        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Equal($"Call {id} assigned to CSO-01 by R6 override (reason recorded).\n", ok.Stdout);
        using var check = cli.OpenDb();
        Assert.Equal("radio was down at LHS; CSO-01 confirmed by phone", check.Connection.ExecuteScalar<string>(
            "SELECT override_reason FROM assignments WHERE call_id = @id AND released_at IS NULL", new { id }));
        var over = check.Connection.QuerySingle<(string Actor, string Reason)>("SELECT actor, reason FROM events WHERE kind = 'override' AND call_id = @id", new { id });
        Assert.Equal("tester", over.Actor);
        Assert.StartsWith("R6 override: CSO-01 may be assigned", over.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_service_role_can_be_given_and_is_no_more_than_a_viewer_at_the_command_line()
    {
        using var cli = DemoCalls.DemoRunner();
        var add = cli.Run("operators", "add", "svc-safety", "service");
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Contains("service", cli.Run("operators", "list").Stdout, StringComparison.Ordinal);
        var id = DemoCalls.Add(cli, "LHS", "FIGHT").ToString();
        var r = cli.RunAs("svc-safety", "assign", id, "CSO-01");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("R10: svc-safety is the service account and may not assign officers", r.Stderr, StringComparison.Ordinal);
        // It feeds the system, as the inbox it reads: `feed load` is open to it.
        cli.Account = "svc-safety";
        var load = cli.RunWithInput("external_id,received_at,location,type\nS1,2026-11-23T09:59:00-08:00,LHS,FIGHT\n", "feed", "load", "-", "--format", "csv");
        Assert.True(load.ExitCode == 0, load.ToString());
    }
}
