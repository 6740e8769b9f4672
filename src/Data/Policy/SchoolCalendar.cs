using System.Globalization;
using SafetyConsole.Data.Domain;

namespace SafetyConsole.Data.Policy;

/// <summary>What kind of day a district date is (DESIGN §1, school-day window).</summary>
public enum SchoolDayKind { SchoolDay, EarlyRelease, Weekend, Holiday, Break, Closure, OutsideSchoolYear }

/// <summary>A district date as the calendar sees it. Early-release days are school days that end at <see cref="EarlyReleaseEnd"/>.</summary>
public sealed record SchoolDay(DateOnly Date, SchoolDayKind Kind, TimeOnly? EarlyReleaseEnd, string Note)
{
    public bool IsSchoolDay => Kind is SchoolDayKind.SchoolDay or SchoolDayKind.EarlyRelease;

    /// <summary>One plain phrase: "Thursday 2026-11-26 is not a school day (holiday: Thanksgiving Day)".</summary>
    public string Describe(District district)
    {
        var day = $"{Date.DayOfWeek} {IsoDate.Text(Date)}";
        var note = string.IsNullOrWhiteSpace(Note) ? "" : $": {Note}";
        return Kind switch
        {
            SchoolDayKind.SchoolDay => $"{day} is a school day",
            SchoolDayKind.EarlyRelease => $"{day} is an early-release day (classes end {SchoolCalendar.Hm(EarlyReleaseEnd!.Value)}{note})",
            SchoolDayKind.Weekend => $"{day} is not a school day (weekend)",
            SchoolDayKind.Holiday => $"{day} is not a school day (holiday{note})",
            SchoolDayKind.Break => $"{day} is not a school day (break{note})",
            SchoolDayKind.Closure => $"{day} is not a school day (closure{note})",
            _ => $"{day} is not a school day (outside the school year {IsoDate.Text(district.SchoolYearStart)} to {IsoDate.Text(district.SchoolYearEnd)})",
        };
    }
}

/// <summary>
/// A location's school-day window on one date: [bell start − lead, bell end + tail), district-local wall-clock
/// times turned into instants in the district's IANA zone, so DST never shifts them. Start is inside, End is not.
/// </summary>
public sealed record SchoolWindow(string LocationCode, DateOnly Date, DateTimeOffset Start, DateTimeOffset End, bool EarlyRelease)
{
    /// <summary>The local wall-clock start (its offset is the zone's on that date).</summary>
    public TimeOnly LocalStart => TimeOnly.FromDateTime(Start.DateTime);

    public TimeOnly LocalEnd => TimeOnly.FromDateTime(End.DateTime);

    /// <summary>Inside when Start ≤ instant &lt; End.</summary>
    public bool Contains(DateTimeOffset instant) => Start <= instant && instant < End;

    /// <summary>"07:20–15:20".</summary>
    public string Span => $"{SchoolCalendar.Hm(LocalStart)}–{SchoolCalendar.Hm(LocalEnd)}";
}

/// <summary>
/// The school calendar and school-day windows (R1, R4). Pure: every date and time is district-local, computed
/// with the district's IANA zone from the snapshot, never the server's zone or clock.
/// </summary>
public static class SchoolCalendar
{
    /// <summary>
    /// What a district date is. Precedence: outside the school year; then the calendar (holiday, break, closure);
    /// then weekends; then early release (an early_release entry on a weekend is a weekend); else a school day.
    /// </summary>
    public static SchoolDay DayOf(DistrictSnapshot snap, DateOnly date)
    {
        var d = snap.District;
        if (date < d.SchoolYearStart || date > d.SchoolYearEnd)
            return new SchoolDay(date, SchoolDayKind.OutsideSchoolYear, null, "");
        snap.Calendar.TryGetValue(date, out var entry);
        if (entry is { Kind: CalendarDayKind.Holiday or CalendarDayKind.Break or CalendarDayKind.Closure })
        {
            var kind = entry.Kind switch
            {
                CalendarDayKind.Holiday => SchoolDayKind.Holiday,
                CalendarDayKind.Break => SchoolDayKind.Break,
                _ => SchoolDayKind.Closure,
            };
            return new SchoolDay(date, kind, null, entry.Note);
        }
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            return new SchoolDay(date, SchoolDayKind.Weekend, null, entry?.Note ?? "");
        if (entry is { Kind: CalendarDayKind.EarlyRelease, EndTime: { } end })
            return new SchoolDay(date, SchoolDayKind.EarlyRelease, end, entry.Note);
        return new SchoolDay(date, SchoolDayKind.SchoolDay, null, entry?.Note ?? "");
    }

    /// <summary>
    /// The location's window on a district date, or null when the date is not a school day.
    /// On an early-release day the bell end is the calendar's end time (or the location's own bell end, if earlier).
    /// </summary>
    public static SchoolWindow? WindowFor(DistrictSnapshot snap, Location location, DateOnly date)
    {
        var day = DayOf(snap, date);
        return day.IsSchoolDay ? BellWindow(snap, location, date, day.EarlyReleaseEnd) : null;
    }

    /// <summary>
    /// The window [bell start − lead, bell end + tail) of a location on a date whatever the calendar says
    /// (for display and tests); <paramref name="earlyReleaseEnd"/> replaces a later bell end.
    /// </summary>
    public static SchoolWindow BellWindow(DistrictSnapshot snap, Location location, DateOnly date, TimeOnly? earlyReleaseEnd = null)
    {
        var bellEnd = earlyReleaseEnd is { } e && e < location.BellEnd ? e : location.BellEnd;
        var start = date.ToDateTime(location.BellStart).AddMinutes(-snap.District.LeadMinutes);
        var end = date.ToDateTime(bellEnd).AddMinutes(snap.District.TailMinutes);
        return new SchoolWindow(location.Code, date, snap.ToInstant(start), snap.ToInstant(end), earlyReleaseEnd.HasValue);
    }

    /// <summary>
    /// R1/R4: is the instant inside the location's school-day window? The explanation is one plain phrase, e.g.
    /// "school day, 10:05 inside Narrows High School's window 07:20–15:20" or
    /// "Saturday 2026-10-03 is not a school day (weekend)".
    /// </summary>
    public static bool InWindow(DistrictSnapshot snap, Location location, DateTimeOffset instant, out string explanation)
    {
        var local = snap.ToLocal(instant);
        var date = DateOnly.FromDateTime(local.DateTime);
        var at = Hm(TimeOnly.FromDateTime(local.DateTime));

        // A window whose tail runs past midnight still covers the small hours of the next date.
        var previous = WindowFor(snap, location, date.AddDays(-1));
        if (previous is not null && previous.Contains(instant))
        {
            explanation = $"school day {IsoDate.Text(previous.Date)}, {at} inside {location.Name}'s window {previous.Span}";
            return true;
        }

        var day = DayOf(snap, date);
        if (!day.IsSchoolDay)
        {
            explanation = day.Describe(snap.District);
            return false;
        }
        var w = BellWindow(snap, location, date, day.EarlyReleaseEnd);
        var kind = day.Kind == SchoolDayKind.EarlyRelease
            ? $"early-release day (classes end {Hm(day.EarlyReleaseEnd!.Value)})"
            : "school day";
        var where = w.Contains(instant) ? "inside" : instant < w.Start ? "before" : "after";
        explanation = $"{kind}, {at} {where} {location.Name}'s window {w.Span}";
        return where == "inside";
    }

    internal static string Hm(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);

    internal static string Hms(TimeOnly t) => t.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
