using Microsoft.Extensions.Configuration;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Worker.Tests;

public class WorkerSettingsTests
{
    private static WorkerSettings From(params (string Key, string Value)[] pairs) =>
        WorkerSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)))
            .Build());

    [Fact]
    public void Defaults_are_the_documented_intervals()
    {
        var s = From();
        Assert.Equal(TimeSpan.FromSeconds(1), s.PassInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(150), s.PollInterval);
        Assert.Null(s.Inbox);
    }

    [Fact]
    public void The_shipped_appsettings_json_holds_the_defaults_and_no_policy_number()
    {
        var config = WorkerHost.Configuration(AppContext.BaseDirectory);
        Assert.Equal(From(), WorkerSettings.From(config));
        Assert.All(WorkerSettings.FormerPolicySettings, p => Assert.Null(config[p.Setting]));
    }

    [Fact]
    public void Values_override_per_key()
    {
        var s = From(("PassInterval", "500ms"), ("PollInterval", "50ms"), ("Inbox", "/srv/inbox"));
        Assert.Equal((TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(50), "/srv/inbox"), (s.PassInterval, s.PollInterval, s.Inbox));
    }

    [Theory]
    [InlineData("PassInterval", "soon", "The setting PassInterval ('soon') is not a duration; write seconds like 90, or 90s, 3min, 1h, or 00:01:30 (set it in appsettings.json or as SAFETY_WORKER_PASSINTERVAL).")]
    [InlineData("PollInterval", "0", "The setting PollInterval ('0') is out of range; it must be from 10ms to 10s (set it in appsettings.json or as SAFETY_WORKER_POLLINTERVAL).")]
    public void A_bad_value_is_one_sentence_and_exit_code_2(string key, string value, string message)
    {
        var e = Assert.Throws<SafetyException>(() => From((key, value)));
        Assert.Equal(2, e.ExitCode);
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("DeadlineP1", "45", "deadline_p1_seconds")]
    [InlineData("AckTimeout", "2min", "ack_timeout_seconds")]
    [InlineData("RoadFactor", "1.2", "road_factor")]
    [InlineData("SpeedKmh", "", "speed_kmh")]
    public void A_policy_number_in_the_settings_stops_the_worker_and_names_the_policy_command(string key, string value, string policyKey)
    {
        // Issue 13: one policy for every process. A worker-only deadline used to make the worker disagree with the board.
        var e = Assert.Throws<SafetyException>(() => From((key, value)));
        Assert.Equal(2, e.ExitCode);
        Assert.Equal(
            $"The setting {key} (in appsettings.json or as SAFETY_WORKER_{key.ToUpperInvariant()}) is a policy number, which every process now reads from the database; remove it and have a supervisor run `safety-console policy set {policyKey} VALUE --reason TEXT`.",
            e.Message);
    }

    [Fact]
    public void Command_line_mistakes_are_one_sentence_and_exit_code_2()
    {
        Assert.Equal(2, Assert.Throws<SafetyException>(() => WorkerCommand.Parse(["--fast"])).ExitCode);
        Assert.StartsWith("--at only goes with --once", Assert.Throws<SafetyException>(() => WorkerCommand.Parse(["--at", "2026-11-23T10:00:00Z"])).Message, StringComparison.Ordinal);
        Assert.StartsWith("--at '10:00' is not an ISO 8601 time", Assert.Throws<SafetyException>(() => WorkerCommand.Parse(["--once", "--at", "10:00"])).Message, StringComparison.Ordinal);
        Assert.StartsWith("--db needs a value", Assert.Throws<SafetyException>(() => WorkerCommand.Parse(["--db"])).Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", Assert.Throws<SafetyException>(() => WorkerCommand.Parse(["--inbox", "/nonexistent/inbox"])).Message, StringComparison.Ordinal);
        var ok = WorkerCommand.Parse(["--db", "x.db", "--once", "--at", "2026-11-23T10:00:00-08:00"]);
        Assert.Equal(("x.db", true, new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero)), (ok.DbPath, ok.Once, ok.At!.Value));
    }
}
