using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using static SafetyConsole.Data.Tests.Policy.TestDistrict;

namespace SafetyConsole.Data.Tests.Policy;

public class SchoolCalendarTests
{
    private static readonly DistrictSnapshot Snap = Create().Build();

    [Theory]
    [InlineData("2026-08-30", SchoolDayKind.OutsideSchoolYear, "")]      // the Sunday before the first day
    [InlineData("2026-08-28", SchoolDayKind.OutsideSchoolYear, "")]      // the Friday before: a weekday, still outside
    [InlineData("2026-08-31", SchoolDayKind.SchoolDay, "")]              // first school day
    [InlineData("2027-06-16", SchoolDayKind.SchoolDay, "")]              // last school day
    [InlineData("2027-06-17", SchoolDayKind.OutsideSchoolYear, "")]      // the Thursday after
    [InlineData("2026-10-02", SchoolDayKind.SchoolDay, "")]              // Friday
    [InlineData("2026-10-03", SchoolDayKind.Weekend, "")]                // Saturday
    [InlineData("2026-10-04", SchoolDayKind.Weekend, "")]                // Sunday
    [InlineData("2026-10-05", SchoolDayKind.SchoolDay, "")]              // Monday
    [InlineData("2026-09-07", SchoolDayKind.Holiday, "Labor Day")]
    [InlineData("2026-11-26", SchoolDayKind.Holiday, "Thanksgiving Day")]
    [InlineData("2026-11-27", SchoolDayKind.Break, "Thanksgiving break")]
    [InlineData("2026-12-18", SchoolDayKind.SchoolDay, "")]              // last day before winter break
    [InlineData("2026-12-21", SchoolDayKind.Break, "Winter break")]      // first day of winter break
    [InlineData("2026-12-26", SchoolDayKind.Break, "Winter break")]      // a Saturday inside the break: the break wins
    [InlineData("2027-01-01", SchoolDayKind.Break, "Winter break")]      // last day of winter break
    [InlineData("2027-01-04", SchoolDayKind.SchoolDay, "")]              // first day back
    [InlineData("2027-01-12", SchoolDayKind.Closure, "Snow day")]
    [InlineData("2026-11-25", SchoolDayKind.EarlyRelease, "Thanksgiving eve")]
    [InlineData("2026-11-01", SchoolDayKind.Weekend, "")]                // DST Sunday 2026 (fall back)
    [InlineData("2026-11-02", SchoolDayKind.SchoolDay, "")]              // the Monday after
    [InlineData("2027-03-14", SchoolDayKind.Weekend, "")]                // DST Sunday 2027 (spring forward)
    [InlineData("2027-03-15", SchoolDayKind.SchoolDay, "")]              // the Monday after
    public void Day_of_follows_the_calendar(string date, SchoolDayKind kind, string note)
    {
        var day = SchoolCalendar.DayOf(Snap, D(date));
        Assert.Equal(kind, day.Kind);
        Assert.Equal(note, day.Note, StringComparer.Ordinal);
        Assert.Equal(kind is SchoolDayKind.SchoolDay or SchoolDayKind.EarlyRelease, day.IsSchoolDay);
    }

    [Fact]
    public void Early_release_day_carries_its_end_time()
    {
        var day = SchoolCalendar.DayOf(Snap, D("2026-11-25"));
        Assert.Equal(new TimeOnly(12, 30), day.EarlyReleaseEnd);
        Assert.Equal("Wednesday 2026-11-25 is an early-release day (classes end 12:30: Thanksgiving eve)", day.Describe(Snap.District), StringComparer.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-26", "Thursday 2026-11-26 is not a school day (holiday: Thanksgiving Day)")]
    [InlineData("2026-10-03", "Saturday 2026-10-03 is not a school day (weekend)")]
    [InlineData("2027-06-17", "Thursday 2027-06-17 is not a school day (outside the school year 2026-08-31 to 2027-06-16)")]
    [InlineData("2027-01-12", "Tuesday 2027-01-12 is not a school day (closure: Snow day)")]
    public void Days_describe_themselves(string date, string expected) =>
        Assert.Equal(expected, SchoolCalendar.DayOf(Snap, D(date)).Describe(Snap.District), StringComparer.Ordinal);

    [Theory]
    // NHS: bells 07:50–14:20, lead 30, tail 60 → window 07:20–15:20 local; Start inside, End outside.
    [InlineData("NHS", "2026-10-05T07:19:59-07:00", false)]
    [InlineData("NHS", "2026-10-05T07:20:00-07:00", true)]   // first minute
    [InlineData("NHS", "2026-10-05T15:19:59-07:00", true)]   // last minute
    [InlineData("NHS", "2026-10-05T15:20:00-07:00", false)]
    [InlineData("NHS", "2026-10-05T14:20:00Z", true)]        // the same first minute, written in UTC
    [InlineData("NHS", "2026-10-05T14:19:00Z", false)]
    [InlineData("NHS", "2026-10-05T22:19:00Z", true)]        // 15:19 PDT
    [InlineData("NHS", "2026-10-05T22:20:00Z", false)]
    // NES: bells 09:00–15:30 → 08:30–16:30.
    [InlineData("NES", "2026-10-05T08:29:00-07:00", false)]
    [InlineData("NES", "2026-10-05T08:30:00-07:00", true)]
    [InlineData("NES", "2026-10-05T16:29:00-07:00", true)]
    [InlineData("NES", "2026-10-05T16:30:00-07:00", false)]
    // Early release 2026-11-25 ends 12:30 → window ends 13:30 (PST, −08:00).
    [InlineData("NHS", "2026-11-25T07:20:00-08:00", true)]
    [InlineData("NHS", "2026-11-25T13:29:00-08:00", true)]
    [InlineData("NHS", "2026-11-25T13:30:00-08:00", false)]
    [InlineData("NHS", "2026-11-24T15:19:00-08:00", true)]   // the day before: a full day
    [InlineData("NES", "2026-11-25T13:29:00-08:00", true)]
    [InlineData("NES", "2026-11-25T13:30:00-08:00", false)]
    // BMS rings out at 11:45, before the 12:00 early release of 2027-06-11: its own earlier end stands (12:45).
    [InlineData("BMS", "2027-06-11T12:44:00-07:00", true)]
    [InlineData("BMS", "2027-06-11T12:45:00-07:00", false)]
    // Not school days: the middle of the day is outside.
    [InlineData("NHS", "2026-11-26T10:00:00-08:00", false)]  // holiday
    [InlineData("NHS", "2026-12-22T10:00:00-08:00", false)]  // break
    [InlineData("NHS", "2027-01-12T10:00:00-08:00", false)]  // closure
    [InlineData("NHS", "2026-10-03T10:00:00-07:00", false)]  // Saturday
    [InlineData("NHS", "2026-08-31T07:20:00-07:00", true)]   // first school day, first minute
    [InlineData("NHS", "2026-08-28T10:00:00-07:00", false)]  // before the school year
    [InlineData("NHS", "2027-06-16T15:19:00-07:00", true)]   // last school day, last minute
    [InlineData("NHS", "2027-06-17T10:00:00-07:00", false)]  // after the school year
    public void In_window_is_half_open_and_in_the_district_zone(string code, string instant, bool inside)
    {
        var loc = Snap.Locations[code];
        Assert.Equal(inside, SchoolCalendar.InWindow(Snap, loc, At(instant), out var why));
        Assert.False(string.IsNullOrEmpty(why));
    }

    [Theory]
    [InlineData("2026-10-05T10:05:00-07:00", true, "school day, 10:05 inside Narrows High School's window 07:20–15:20")]
    [InlineData("2026-10-05T06:59:00-07:00", false, "school day, 06:59 before Narrows High School's window 07:20–15:20")]
    [InlineData("2026-10-05T18:00:00-07:00", false, "school day, 18:00 after Narrows High School's window 07:20–15:20")]
    [InlineData("2026-11-25T13:45:00-08:00", false, "early-release day (classes end 12:30), 13:45 after Narrows High School's window 07:20–13:30")]
    // 05:00 UTC Monday is still Sunday evening in the district: the district's date counts, not UTC's or the server's.
    [InlineData("2026-10-05T05:00:00Z", false, "Sunday 2026-10-04 is not a school day (weekend)")]
    [InlineData("2026-11-26T18:00:00Z", false, "Thursday 2026-11-26 is not a school day (holiday: Thanksgiving Day)")]
    public void In_window_explains_itself(string instant, bool inside, string expected)
    {
        Assert.Equal(inside, SchoolCalendar.InWindow(Snap, NHS, At(instant), out var why));
        Assert.Equal(expected, why, StringComparer.Ordinal);
    }

    /// <summary>DST must not shift a window: 07:20 local stays 07:20 local on the DST Sundays and Mondays of 2026 and 2027.</summary>
    [Theory]
    [InlineData("2026-03-07", "2026-03-07T15:20:00Z", "2026-03-07T23:20:00Z")] // Saturday before spring forward: PST
    [InlineData("2026-03-08", "2026-03-08T14:20:00Z", "2026-03-08T22:20:00Z")] // DST Sunday: PDT
    [InlineData("2026-03-09", "2026-03-09T14:20:00Z", "2026-03-09T22:20:00Z")] // Monday after
    [InlineData("2026-10-31", "2026-10-31T14:20:00Z", "2026-10-31T22:20:00Z")] // Saturday before fall back: PDT
    [InlineData("2026-11-01", "2026-11-01T15:20:00Z", "2026-11-01T23:20:00Z")] // DST Sunday: PST
    [InlineData("2026-11-02", "2026-11-02T15:20:00Z", "2026-11-02T23:20:00Z")] // Monday after
    [InlineData("2027-03-14", "2027-03-14T14:20:00Z", "2027-03-14T22:20:00Z")]
    [InlineData("2027-03-15", "2027-03-15T14:20:00Z", "2027-03-15T22:20:00Z")]
    [InlineData("2027-11-07", "2027-11-07T15:20:00Z", "2027-11-07T23:20:00Z")]
    [InlineData("2027-11-08", "2027-11-08T15:20:00Z", "2027-11-08T23:20:00Z")]
    public void Dst_does_not_shift_a_window(string date, string startUtc, string endUtc)
    {
        var w = SchoolCalendar.BellWindow(Snap, NHS, D(date));
        Assert.Equal(At(startUtc), w.Start);
        Assert.Equal(At(endUtc), w.End);
        Assert.Equal(new TimeOnly(7, 20), w.LocalStart);
        Assert.Equal(new TimeOnly(15, 20), w.LocalEnd);
        Assert.Equal("07:20–15:20", w.Span, StringComparer.Ordinal);
    }

    [Theory]
    [InlineData("2026-03-08", false)] // Sundays: no window at all
    [InlineData("2026-03-09", true)]  // Mondays after: a window at 07:20 local
    [InlineData("2026-11-01", false)]
    [InlineData("2026-11-02", true)]
    [InlineData("2027-03-14", false)]
    [InlineData("2027-03-15", true)]
    [InlineData("2027-11-07", false)]
    [InlineData("2027-11-08", true)]
    public void Dst_sundays_have_no_window_and_the_mondays_after_open_at_0720_local(string date, bool hasWindow)
    {
        var snap = Create().SchoolYear("2025-09-02", "2027-12-17").Build();
        var w = SchoolCalendar.WindowFor(snap, NHS, D(date));
        Assert.Equal(hasWindow, w is not null);
        var local0719 = snap.ToInstant(D(date), new TimeOnly(7, 19));
        var local0720 = snap.ToInstant(D(date), new TimeOnly(7, 20));
        Assert.False(SchoolCalendar.InWindow(snap, NHS, local0719, out _));
        Assert.Equal(hasWindow, SchoolCalendar.InWindow(snap, NHS, local0720, out _));
        if (w is not null) Assert.Equal(local0720, w.Start);
    }

    [Fact]
    public void Window_for_is_null_on_days_without_school_and_honours_early_release()
    {
        Assert.Null(SchoolCalendar.WindowFor(Snap, NHS, D("2026-11-26")));
        var w = SchoolCalendar.WindowFor(Snap, NHS, D("2026-11-25"))!;
        Assert.True(w.EarlyRelease);
        Assert.Equal(At("2026-11-25T07:20:00-08:00"), w.Start);
        Assert.Equal(At("2026-11-25T13:30:00-08:00"), w.End);
    }

    [Fact]
    public void A_tail_past_midnight_covers_the_small_hours_of_the_next_date()
    {
        var snap = Create().LeadTail(30, 600).Build(); // NHS 14:20 + 10 h = 00:20 the next day
        Assert.True(SchoolCalendar.InWindow(snap, NHS, At("2026-10-03T00:10:00-07:00"), out var why)); // Saturday, Friday's window
        Assert.StartsWith("school day 2026-10-02, 00:10 inside", why, StringComparison.Ordinal);
        Assert.False(SchoolCalendar.InWindow(snap, NHS, At("2026-10-03T00:20:00-07:00"), out _));
    }

    [Theory]
    [InlineData("2026-03-08T02:30:00", "2026-03-08T03:30:00-07:00")] // skipped by spring forward: moved forward
    [InlineData("2026-11-01T01:30:00", "2026-11-01T01:30:00-07:00")] // repeated by fall back: the first one
    [InlineData("2026-11-01T07:20:00", "2026-11-01T07:20:00-08:00")]
    public void Local_wall_clock_times_become_instants(string local, string expected)
    {
        var dt = DateTime.ParseExact(local, "yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(At(expected), Snap.ToInstant(dt));
        Assert.Equal(At(expected).Offset, Snap.ToInstant(dt).Offset);
    }

    [Fact]
    public void An_unknown_time_zone_is_refused_with_a_sentence()
    {
        var bad = new District("X", "Mars/Olympus", D("2026-08-31"), D("2027-06-16"), 30, 60);
        var e = Assert.Throws<ArgumentException>(() => new DistrictSnapshot(bad, [], [], [], [], []));
        Assert.Contains("Mars/Olympus", e.Message, StringComparison.Ordinal);
    }
}
