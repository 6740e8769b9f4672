using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Worker;

/// <summary>
/// The worker's settings: the policy numbers it enforces (R5 deadlines, R6 ack timeout, §3 routing constants) and
/// its own rhythm. Read from appsettings.json and SAFETY_WORKER_* environment variables and validated at start:
/// a bad value is one sentence naming the key, the value and what to write instead (exit 2).
/// </summary>
public sealed partial record WorkerSettings
{
    /// <summary>Environment variables with this prefix override appsettings.json (SAFETY_WORKER_ACKTIMEOUT=120).</summary>
    public const string EnvironmentPrefix = "SAFETY_WORKER_";

    public PolicySettings Policy { get; init; } = PolicySettings.Default;

    /// <summary>About how often a pass runs when nothing changes (default 1 s).</summary>
    public TimeSpan PassInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often PRAGMA data_version is polled to notice changes at once (default 150 ms).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>The inbox folder from the settings (the `Inbox` key); --inbox wins.</summary>
    public string? Inbox { get; init; }

    /// <summary>Reads and validates the settings; throws <see cref="SafetyException"/> (exit 2) at the first bad value.</summary>
    public static WorkerSettings From(IConfiguration config)
    {
        var d = PolicySettings.Default;
        var day = TimeSpan.FromDays(1);
        return new WorkerSettings
        {
            Policy = d with
            {
                P1Deadline = Duration(config, "DeadlineP1", d.P1Deadline, TimeSpan.FromSeconds(1), day),
                P2Deadline = Duration(config, "DeadlineP2", d.P2Deadline, TimeSpan.FromSeconds(1), day),
                P3Deadline = Duration(config, "DeadlineP3", d.P3Deadline, TimeSpan.FromSeconds(1), day),
                P4Deadline = Duration(config, "DeadlineP4", d.P4Deadline, TimeSpan.FromSeconds(1), day),
                AckTimeout = Duration(config, "AckTimeout", d.AckTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)),
                PingFreshness = Duration(config, "PingFreshness", d.PingFreshness, TimeSpan.FromSeconds(1), day),
                RoadFactor = Number(config, "RoadFactor", d.RoadFactor, 1, 3),
                SpeedKmh = Number(config, "SpeedKmh", d.SpeedKmh, 1, 150),
            },
            PassInterval = Duration(config, "PassInterval", TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1)),
            PollInterval = Duration(config, "PollInterval", TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(10)),
            Inbox = config["Inbox"] is { Length: > 0 } inbox ? inbox : null,
        };
    }

    /// <summary>"90", "90s", "1.5min", "3min", "1h", "250ms" or "00:01:30".</summary>
    internal static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = default;
        var m = DurationPattern().Match(text.Trim());
        if (m.Success)
        {
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var seconds = m.Groups[2].Value.ToLowerInvariant() switch
            {
                "ms" => n / 1000,
                "min" or "m" => n * 60,
                "h" => n * 3600,
                _ => n,
            };
            if (double.IsFinite(seconds) && seconds < TimeSpan.MaxValue.TotalSeconds) value = TimeSpan.FromSeconds(seconds);
            return double.IsFinite(seconds) && seconds < TimeSpan.MaxValue.TotalSeconds;
        }
        return text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(text.Trim(), CultureInfo.InvariantCulture, out value);
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*(ms|s|min|m|h)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    private static TimeSpan Duration(IConfiguration config, string key, TimeSpan fallback, TimeSpan min, TimeSpan max)
    {
        if (config[key] is not { } text || text.Length == 0) return fallback;
        if (!TryParseDuration(text, out var value))
            throw Bad(key, text, "is not a duration; write seconds like 90, or 90s, 3min, 1h, or 00:01:30");
        if (value < min || value > max)
            throw Bad(key, text, $"is out of range; it must be from {Show(min)} to {Show(max)}");
        return value;
    }

    private static double Number(IConfiguration config, string key, double fallback, double min, double max)
    {
        if (config[key] is not { } text || text.Length == 0) return fallback;
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw Bad(key, text, "is not a number; write one like 1.4");
        if (value < min || value > max)
            throw Bad(key, text, $"is out of range; it must be from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
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
