using System.Globalization;

namespace SafetyConsole.Data.Policy;

/// <summary>How a policy number is written: a whole number of seconds or minutes (durations), or a plain number.</summary>
public enum PolicyUnit { Seconds, Minutes, Number }

/// <summary>
/// One policy number a supervisor may set (`safety-console policy set KEY VALUE`, or the district.csv column of the
/// same name). <see cref="Name"/> is the key, the district.csv column and the store's column; <see cref="Min"/>,
/// <see cref="Max"/> and <see cref="Example"/> (the documented default, quoted in messages) are in the key's unit. <see cref="InDistrictRow"/>: kept in the district row (R1 lead and tail,
/// district.csv's original columns) rather than the policy row.
/// </summary>
public sealed record PolicyKey(string Name, PolicyUnit Unit, double Min, double Max, double Example, string Rule, string Meaning, bool InDistrictRow = false)
{
    /// <summary>The key in JSON: camelCase (deadline_p1_seconds → deadlineP1Seconds).</summary>
    public string JsonName => string.Concat(Name.Split('_').Select((w, i) => i == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));

    /// <summary>
    /// Reads a value as typed by a person: durations accept the worker's forms (90, 90s, 3min, 1h, 00:01:30; a bare
    /// number is in the key's unit) and must come to a whole number of the key's unit; numbers use a decimal point.
    /// On failure, <paramref name="reason"/> and <paramref name="todo"/> make the one sentence "reason; todo.".
    /// </summary>
    public bool TryParse(string text, out double value, out string reason, out string todo)
    {
        value = 0;
        reason = todo = "";
        var t = text.Trim();
        if (Unit == PolicyUnit.Number)
        {
            if (!double.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
                return Fail($"{Name} '{Shown(text)}' is not a number", $"write one with a decimal point, like {Format(Example)}", out reason, out todo);
        }
        else
        {
            var unit = Unit == PolicyUnit.Seconds ? TimeSpan.FromSeconds(1) : TimeSpan.FromMinutes(1);
            var unitName = Unit == PolicyUnit.Seconds ? "seconds" : "minutes";
            if (!DurationText.TryParse(t, out var span, unit))
                return Fail($"{Name} '{Shown(text)}' is not a duration", $"write {unitName} like {Format(Example)}, or with a unit like 90s, 3min or 1h", out reason, out todo);
            value = span / unit;
            if (value != Math.Floor(value))
                return Fail($"{Name} '{Shown(text)}' is not a whole number of {unitName}", $"round it to whole {unitName}", out reason, out todo);
        }
        if (value < Min || value > Max)
            return Fail($"{Name} {Shown(t)} is out of range", $"it must be from {Describe(Min)} to {Describe(Max)} ({Rule})", out reason, out todo);
        return true;
    }

    /// <summary>The value as stored and shown in the key's unit: "900", "1.4".</summary>
    public string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The value as people say it: "15 min", "90 s", "1.4", "35 km/h".</summary>
    public string Describe(double value) => Unit switch
    {
        PolicyUnit.Seconds => DurationText.Show(TimeSpan.FromSeconds(value)),
        PolicyUnit.Minutes => DurationText.Show(TimeSpan.FromMinutes(value)),
        _ => Format(value),
    };

    private static bool Fail(string r, string t, out string reason, out string todo)
    {
        (reason, todo) = (r, t);
        return false;
    }

    /// <summary>Typed text as quoted in a message: control characters dropped, at most 40 characters.</summary>
    internal static string Shown(string s)
    {
        var clean = new string(s.Where(c => !char.IsControl(c)).ToArray());
        return clean.Length > 40 ? clean[..40] + "…" : clean;
    }
}

/// <summary>
/// The district's policy numbers (issue 13: one policy for every process), in the order `policy show` lists them,
/// and how they map to <see cref="PolicySettings"/>. The store keeps them (table policy; lead and tail in the
/// district row); every process reads them from there, none from its own settings.
/// </summary>
public static class PolicyKeys
{
    private const double Day = 86_400;

    public static readonly PolicyKey DeadlineP1 = new("deadline_p1_seconds", PolicyUnit.Seconds, 1, Day, 60, "R5", "first-response deadline of a P1 call, after receipt");
    public static readonly PolicyKey DeadlineP2 = new("deadline_p2_seconds", PolicyUnit.Seconds, 1, Day, 180, "R5", "first-response deadline of a P2 call, after receipt");
    public static readonly PolicyKey DeadlineP3 = new("deadline_p3_seconds", PolicyUnit.Seconds, 1, Day, 900, "R5", "first-response deadline of a P3 call, after receipt");
    public static readonly PolicyKey DeadlineP4 = new("deadline_p4_seconds", PolicyUnit.Seconds, 1, Day, 3_600, "R5", "first-response deadline of a P4 call, after receipt");
    public static readonly PolicyKey AckTimeout = new("ack_timeout_seconds", PolicyUnit.Seconds, 1, 3_600, 90, "R6", "how long an assigned officer has to acknowledge");
    public static readonly PolicyKey PingFreshness = new("ping_freshness_seconds", PolicyUnit.Seconds, 1, Day, 600, "§3", "a position ping younger than this is used, else the post");
    public static readonly PolicyKey RoadFactor = new("road_factor", PolicyUnit.Number, 1, 3, 1.4, "§3", "straight-line distance times this estimates road distance");
    public static readonly PolicyKey SpeedKmh = new("speed_kmh", PolicyUnit.Number, 1, 150, 35, "§3", "travel speed in km/h for the ETA");
    public static readonly PolicyKey DuplicateWindow = new("duplicate_window_seconds", PolicyUnit.Seconds, 0, Day, 600, "intake", "a call at a location with an open call of a related type received this recently is flagged a possible duplicate (0: never)");
    public static readonly PolicyKey LeadMinutes = new("lead_minutes", PolicyUnit.Minutes, 0, 720, 30, "R1", "the school-day window opens this long before the first bell", InDistrictRow: true);
    public static readonly PolicyKey TailMinutes = new("tail_minutes", PolicyUnit.Minutes, 0, 720, 60, "R1", "the school-day window closes this long after the last bell", InDistrictRow: true);

    public static IReadOnlyList<PolicyKey> All { get; } =
        [DeadlineP1, DeadlineP2, DeadlineP3, DeadlineP4, AckTimeout, PingFreshness, RoadFactor, SpeedKmh, LeadMinutes, TailMinutes, DuplicateWindow];

    /// <summary>The keys kept in the policy row (all but lead and tail).</summary>
    public static IReadOnlyList<PolicyKey> InPolicyRow { get; } = All.Where(k => !k.InDistrictRow).ToArray();

    /// <summary>"deadline_p1_seconds, …, tail_minutes", for messages.</summary>
    public static string Names => string.Join(", ", All.Select(k => k.Name));

    public static PolicyKey? Find(string name) =>
        All.FirstOrDefault(k => string.Equals(k.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The settings the rules read, from the policy row's values by key name.</summary>
    public static PolicySettings ToSettings(Func<PolicyKey, double> value) => new()
    {
        P1Deadline = TimeSpan.FromSeconds(value(DeadlineP1)),
        P2Deadline = TimeSpan.FromSeconds(value(DeadlineP2)),
        P3Deadline = TimeSpan.FromSeconds(value(DeadlineP3)),
        P4Deadline = TimeSpan.FromSeconds(value(DeadlineP4)),
        AckTimeout = TimeSpan.FromSeconds(value(AckTimeout)),
        PingFreshness = TimeSpan.FromSeconds(value(PingFreshness)),
        RoadFactor = value(RoadFactor),
        SpeedKmh = value(SpeedKmh),
        DuplicateWindow = TimeSpan.FromSeconds(value(DuplicateWindow)),
    };

    /// <summary>A policy-row key's value in <paramref name="settings"/>, in the key's unit.</summary>
    public static double ValueIn(PolicySettings settings, PolicyKey key) => key.Name switch
    {
        "deadline_p1_seconds" => settings.P1Deadline.TotalSeconds,
        "deadline_p2_seconds" => settings.P2Deadline.TotalSeconds,
        "deadline_p3_seconds" => settings.P3Deadline.TotalSeconds,
        "deadline_p4_seconds" => settings.P4Deadline.TotalSeconds,
        "ack_timeout_seconds" => settings.AckTimeout.TotalSeconds,
        "ping_freshness_seconds" => settings.PingFreshness.TotalSeconds,
        "road_factor" => settings.RoadFactor,
        "speed_kmh" => settings.SpeedKmh,
        "duplicate_window_seconds" => settings.DuplicateWindow.TotalSeconds,
        _ => throw new ArgumentException($"{key.Name} is kept in the district row, not in the policy settings.", nameof(key)),
    };
}
