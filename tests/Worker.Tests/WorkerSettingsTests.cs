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
    public void Defaults_are_the_documented_R5_R6_numbers()
    {
        var s = From();
        Assert.Equal(TimeSpan.FromSeconds(60), s.Policy.P1Deadline);
        Assert.Equal(TimeSpan.FromMinutes(60), s.Policy.P4Deadline);
        Assert.Equal(TimeSpan.FromSeconds(90), s.Policy.AckTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), s.PassInterval);
        Assert.Null(s.Inbox);
    }

    [Fact]
    public void The_shipped_appsettings_json_holds_the_defaults()
    {
        var s = WorkerSettings.From(WorkerHost.Configuration(AppContext.BaseDirectory));
        Assert.Equal(From() with { Policy = s.Policy }, s);
        Assert.Equal(SafetyConsole.Data.Policy.PolicySettings.Default, s.Policy);
    }

    [Theory]
    [InlineData("90", 90)]
    [InlineData("90s", 90)]
    [InlineData("3min", 180)]
    [InlineData("1.5min", 90)]
    [InlineData("1h", 3600)]
    [InlineData("250ms", 0.25)]
    [InlineData("00:01:30", 90)]
    public void Durations_are_seconds_or_with_a_unit_or_hh_mm_ss(string text, double seconds)
    {
        Assert.True(WorkerSettings.TryParseDuration(text, out var t));
        Assert.Equal(seconds, t.TotalSeconds, 6);
    }

    [Fact]
    public void Values_override_per_key()
    {
        var s = From(("AckTimeout", "2min"), ("DeadlineP1", "45"), ("PassInterval", "500ms"), ("RoadFactor", "1.2"));
        Assert.Equal((TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(45), TimeSpan.FromMilliseconds(500), 1.2),
            (s.Policy.AckTimeout, s.Policy.P1Deadline, s.PassInterval, s.Policy.RoadFactor));
    }

    [Theory]
    [InlineData("AckTimeout", "soon", "The setting AckTimeout ('soon') is not a duration; write seconds like 90, or 90s, 3min, 1h, or 00:01:30 (set it in appsettings.json or as SAFETY_WORKER_ACKTIMEOUT).")]
    [InlineData("DeadlineP2", "0", "The setting DeadlineP2 ('0') is out of range; it must be from 1s to 24h (set it in appsettings.json or as SAFETY_WORKER_DEADLINEP2).")]
    [InlineData("SpeedKmh", "fast", "The setting SpeedKmh ('fast') is not a number; write one like 1.4 (set it in appsettings.json or as SAFETY_WORKER_SPEEDKMH).")]
    public void A_bad_value_is_one_sentence_and_exit_code_2(string key, string value, string message)
    {
        var e = Assert.Throws<SafetyException>(() => From((key, value)));
        Assert.Equal(2, e.ExitCode);
        Assert.Equal(message, e.Message);
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
