using System.Globalization;
using Microsoft.Extensions.Configuration;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Worker;

/// <summary>
/// The worker's own, process-local settings: its rhythm (pass and poll intervals), its inbox, and (through the
/// host) its log level. Read from appsettings.json and SAFETY_WORKER_* environment variables and validated at start:
/// a bad value is one sentence naming the key, the value and what to write instead (exit 2). The policy numbers
/// (R5 deadlines, R6 ack timeout, §3 routing constants) are not settings: they live in the database, the same for
/// every process (issue 13), and a setting that tries to change one stops the worker rather than being ignored.
/// </summary>
public sealed record WorkerSettings
{
    /// <summary>Environment variables with this prefix override appsettings.json (SAFETY_WORKER_PASSINTERVAL=2s).</summary>
    public const string EnvironmentPrefix = "SAFETY_WORKER_";

    /// <summary>The settings that once set a policy number, and the policy key that now holds it (`safety-console policy set`).</summary>
    public static IReadOnlyList<(string Setting, PolicyKey Key)> FormerPolicySettings { get; } =
    [
        ("DeadlineP1", PolicyKeys.DeadlineP1), ("DeadlineP2", PolicyKeys.DeadlineP2), ("DeadlineP3", PolicyKeys.DeadlineP3),
        ("DeadlineP4", PolicyKeys.DeadlineP4), ("AckTimeout", PolicyKeys.AckTimeout), ("PingFreshness", PolicyKeys.PingFreshness),
        ("RoadFactor", PolicyKeys.RoadFactor), ("SpeedKmh", PolicyKeys.SpeedKmh), ("LeadMinutes", PolicyKeys.LeadMinutes),
        ("TailMinutes", PolicyKeys.TailMinutes),
    ];

    /// <summary>About how often a pass runs when nothing changes (default 1 s).</summary>
    public TimeSpan PassInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often PRAGMA data_version is polled to notice changes at once (default 150 ms).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>The inbox folder from the settings (the `Inbox` key); --inbox wins.</summary>
    public string? Inbox { get; init; }

    /// <summary>Reads and validates the settings; throws <see cref="SafetyException"/> (exit 2) at the first bad value.</summary>
    public static WorkerSettings From(IConfiguration config)
    {
        // One policy for every process (issue 13): a worker-only deadline or routing constant would disagree with
        // the board and the command line, so it is refused at start, never silently ignored.
        foreach (var (setting, key) in FormerPolicySettings)
        {
            if (config[setting] is not null)
                throw SafetyException.Usage(
                    $"The setting {setting} (in appsettings.json or as {EnvironmentPrefix}{setting.ToUpperInvariant()}) is a policy number, which every process now reads from the database; remove it and have a supervisor run `safety-console policy set {key.Name} VALUE --reason TEXT`.");
        }
        return new WorkerSettings
        {
            PassInterval = Duration(config, "PassInterval", TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1)),
            PollInterval = Duration(config, "PollInterval", TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(10)),
            Inbox = config["Inbox"] is { Length: > 0 } inbox ? inbox : null,
        };
    }

    private static TimeSpan Duration(IConfiguration config, string key, TimeSpan fallback, TimeSpan min, TimeSpan max)
    {
        if (config[key] is not { } text || text.Length == 0) return fallback;
        if (!DurationText.TryParse(text, out var value))
            throw Bad(key, text, "is not a duration; write seconds like 90, or 90s, 3min, 1h, or 00:01:30");
        if (value < min || value > max)
            throw Bad(key, text, $"is out of range; it must be from {Show(min)} to {Show(max)}");
        return value;
    }

    private static SafetyException Bad(string key, string text, string what) =>
        SafetyException.Usage(
            $"The setting {key} ('{Printable(text)}') {what} (set it in appsettings.json or as {EnvironmentPrefix}{key.ToUpperInvariant()}).");

    private static string Printable(string s)
    {
        var clean = new string(s.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return clean.Length > 40 ? clean[..40] + "…" : clean;
    }

    private static string Show(TimeSpan t) =>
        t.TotalHours >= 1 && t.TotalHours % 1 == 0 ? $"{t.TotalHours.ToString(CultureInfo.InvariantCulture)}h"
        : t.TotalSeconds >= 1 ? $"{t.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s"
        : $"{t.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms";
}
