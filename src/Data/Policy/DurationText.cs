using System.Globalization;
using System.Text.RegularExpressions;

namespace SafetyConsole.Data.Policy;

/// <summary>
/// The duration forms an operator types, shared by the worker's settings and the policy numbers (`policy set`,
/// district.csv): "90", "90s", "1.5min", "3min", "1h", "250ms" or "00:01:30". A bare number is in the caller's unit.
/// </summary>
public static partial class DurationText
{
    /// <summary>Parses <paramref name="text"/>; a bare number counts <paramref name="bareUnit"/>s (seconds unless said).</summary>
    public static bool TryParse(string text, out TimeSpan value, TimeSpan? bareUnit = null)
    {
        value = default;
        var m = Pattern().Match(text.Trim());
        if (m.Success)
        {
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var seconds = m.Groups[2].Value.ToLowerInvariant() switch
            {
                "ms" => n / 1000,
                "s" => n,
                "min" or "m" => n * 60,
                "h" => n * 3600,
                _ => n * (bareUnit ?? TimeSpan.FromSeconds(1)).TotalSeconds,
            };
            var ok = double.IsFinite(seconds) && seconds < TimeSpan.MaxValue.TotalSeconds;
            if (ok) value = TimeSpan.FromSeconds(seconds);
            return ok;
        }
        return text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(text.Trim(), CultureInfo.InvariantCulture, out value);
    }

    /// <summary>"90 s", "15 min", "1 h", "1 h 30 min": a whole number of seconds as people say it.</summary>
    public static string Show(TimeSpan t)
    {
        var s = (long)t.TotalSeconds;
        if (s < 120 || s % 60 != 0) return $"{s.ToString(CultureInfo.InvariantCulture)} s";
        var min = s / 60;
        if (min < 60 || min % 60 != 0 && min < 120) return $"{min.ToString(CultureInfo.InvariantCulture)} min";
        return min % 60 == 0
            ? $"{(min / 60).ToString(CultureInfo.InvariantCulture)} h"
            : $"{(min / 60).ToString(CultureInfo.InvariantCulture)} h {(min % 60).ToString(CultureInfo.InvariantCulture)} min";
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*(ms|s|min|m|h)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
