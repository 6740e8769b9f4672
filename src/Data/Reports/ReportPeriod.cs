using System.Globalization;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Reports;

/// <summary>How the calls of a report are grouped (`report --by`).</summary>
public enum ReportGrouping { School, Zone, Type, Agency, Month }

/// <summary>
/// The district-local dates a report covers, both inclusive: a call counts when it was received from
/// <see cref="From"/> 00:00 up to (not including) the day after <see cref="To"/> 00:00, district time.
/// <see cref="Rule"/> says how the period was chosen, for the report's header.
/// </summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To, string Rule)
{
    /// <summary>The default when --from is absent and the end date is outside the school year: 30 days ending on it.</summary>
    public const int DefaultDays = 30;

    /// <summary>The first instant of the period, in the district's zone (DST-safe, via the snapshot).</summary>
    public DateTimeOffset Start(DistrictSnapshot snap) => snap.ToInstant(From, TimeOnly.MinValue);

    /// <summary>The first instant after the period: the day after <see cref="To"/> at 00:00, district time.</summary>
    public DateTimeOffset End(DistrictSnapshot snap) => snap.ToInstant(To.AddDays(1), TimeOnly.MinValue);

    /// <summary>
    /// The period of `report [--from DATE] [--to DATE]`. --to defaults to today (district date). --from defaults to the
    /// first day of the school year when the end date lies inside the school year (school year to date), else to
    /// <see cref="DefaultDays"/> days ending on the end date. A start after the end is bad usage (exit 2).
    /// </summary>
    public static ReportPeriod Resolve(DateOnly? from, DateOnly? to, District district, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(district);
        var end = to ?? today;
        string rule;
        DateOnly start;
        if (from is { } f)
        {
            start = f;
            rule = to is null ? "from --from to today" : "--from to --to";
        }
        else if (end >= district.SchoolYearStart && end <= district.SchoolYearEnd)
        {
            start = district.SchoolYearStart;
            rule = to is null ? "school year to date" : "school year to --to";
        }
        else
        {
            start = end.AddDays(-(DefaultDays - 1));
            rule = $"the last {DefaultDays} days (outside the school year)";
        }
        if (start > end)
            throw SafetyException.Usage(
                $"The period starts {IsoDate.Text(start)} after it ends {IsoDate.Text(end)}; give a --from on or before --to (dates are YYYY-MM-DD, both inclusive).");
        return new ReportPeriod(start, end, rule);
    }

    /// <summary>Parses a YYYY-MM-DD option value; a bad one is one sentence, exit 2.</summary>
    public static DateOnly? ParseDate(string? text, string option)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        throw SafetyException.Usage($"{option} '{text}' is not a date; write it as YYYY-MM-DD, e.g. 2026-09-01.");
    }
}
