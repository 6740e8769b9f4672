using System.Globalization;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Accountability;

/// <summary>
/// A school year as `--year 2026-27` names it: September 1 to August 31 (RCW 28A.150.203, "school year"), so every
/// duty of the year — start-of-year presentations, the annual agreement, annual training hours — falls in one span.
/// </summary>
public sealed record SchoolYear(int StartYear)
{
    public DateOnly From => new(StartYear, 9, 1);

    public DateOnly To => new(StartYear + 1, 8, 31);

    /// <summary>"2026-27".</summary>
    public string Label => $"{StartYear}-{(StartYear + 1) % 100:00}";

    public bool Contains(DateOnly d) => d >= From && d <= To;

    /// <summary>The school year a date falls in.</summary>
    public static SchoolYear Of(DateOnly d) => new(d.Month >= 9 ? d.Year : d.Year - 1);

    /// <summary>Parses "2026-27" (or "2026-2027"); anything else is one sentence, exit 2.</summary>
    public static SchoolYear Parse(string? text, string option)
    {
        var t = text?.Trim() ?? "";
        var parts = t.Split('-');
        if (parts.Length == 2 && parts[0].Length == 4
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start) && start is >= 2000 and <= 2999
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            && ((parts[1].Length == 2 && end == (start + 1) % 100) || (parts[1].Length == 4 && end == start + 1)))
            return new SchoolYear(start);
        throw SafetyException.Usage($"{option} '{t}' is not a school year; write it like 2026-27 (September 1, 2026 to August 31, 2027).");
    }
}
