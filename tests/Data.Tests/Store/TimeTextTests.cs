using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Store;

/// <summary>Instants from feeds and --at must carry their offset: a bare local time is ambiguous across zones and DST.</summary>
public class TimeTextTests
{
    [Theory]
    [InlineData("2026-11-23T18:05:00Z", "2026-11-23T18:05:00.000Z")]
    [InlineData("2026-11-23T18:05:00z", "2026-11-23T18:05:00.000Z")]
    [InlineData("2026-11-23T10:05:00-08:00", "2026-11-23T18:05:00.000Z")]
    [InlineData("2026-11-23T23:35:00+0530", "2026-11-23T18:05:00.000Z")]
    [InlineData("2026-11-24T03:05:00+09", "2026-11-23T18:05:00.000Z")]
    [InlineData(" 2026-11-23T18:05:00.250Z ", "2026-11-23T18:05:00.250Z")]
    public void An_instant_with_an_offset_or_Z_is_read_in_UTC(string text, string stored)
    {
        Assert.True(TimeText.TryParseInstant(text, out var t));
        Assert.Equal(stored, TimeText.ToDb(t));
    }

    [Theory]
    [InlineData("2026-11-23T10:05:00")] // no offset
    [InlineData("2026-11-23 10:05")]
    [InlineData("2026-11-23")] // ends like an offset (-23) but is a date
    [InlineData("10:05-08:00")] // a time without a date
    [InlineData("2026-11-23T10:05:00+8")]
    [InlineData("2026-11-23T10:05:00+08:0")]
    [InlineData("yesterday")]
    [InlineData("")]
    [InlineData(null)]
    public void An_instant_without_an_offset_is_refused(string? text) => Assert.False(TimeText.TryParseInstant(text, out _));

    /// <summary>
    /// Issue 14 (speed): the store writes and reads its instants digit by digit; the text and the instant must be exactly
    /// those of the general formatter and parser, for every shape of date (leap day, first and last instants of a year,
    /// years under 1000) and every millisecond.
    /// </summary>
    [Fact]
    public void The_stored_form_is_written_and_read_as_the_general_formatter_and_parser_do()
    {
        const string format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        var random = new Random(14);
        var instants = new List<DateTimeOffset>
        {
            new(2028, 2, 29, 23, 59, 59, 999, TimeSpan.Zero), new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            new(999, 12, 31, 23, 59, 59, 1, TimeSpan.Zero), new(2026, 11, 23, 10, 5, 0, 250, TimeSpan.FromHours(-8)),
            new DateTimeOffset(2026, 11, 23, 18, 5, 0, TimeSpan.Zero).AddTicks(9_999), // a part of a millisecond is cut, not rounded
        };
        for (var i = 0; i < 2_000; i++)
            instants.Add(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks((long)(random.NextDouble() * TimeSpan.FromDays(365 * 60).Ticks)));
        foreach (var t in instants)
        {
            var text = TimeText.ToDb(t);
            Assert.Equal(t.UtcDateTime.ToString(format, System.Globalization.CultureInfo.InvariantCulture), text);
            var general = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal);
            var read = TimeText.FromDb(text);
            Assert.Equal(general, read);
            Assert.Equal(general.Offset, read.Offset);
        }
    }

    [Theory]
    [InlineData("2026-11-23T18:05:00Z", "2026-11-23T18:05:00.000Z")] // other shapes a store written by hand may hold
    [InlineData("2026-11-23 18:05:00", "2026-11-23T18:05:00.000Z")]
    [InlineData("2026-11-23T10:05:00.500-08:00", "2026-11-23T18:05:00.500Z")]
    public void Other_stored_shapes_are_still_read(string stored, string canonical) => Assert.Equal(canonical, TimeText.ToDb(TimeText.FromDb(stored)));

    [Theory]
    [InlineData("2026-02-30T18:05:00.000Z")]
    [InlineData("2026-11-23T24:05:00.000Z")]
    [InlineData("2026-13-23T18:05:00.000Z")]
    public void An_impossible_stored_instant_is_refused_as_before(string stored) => Assert.Throws<FormatException>(() => TimeText.FromDb(stored));

    /// <summary>Issue 18: ToDb writes its digits itself (a feed load writes one per record); it must stay the format it replaced.</summary>
    [Fact]
    public void An_instant_is_stored_exactly_as_the_format_yyyy_MM_ddTHH_mm_ss_fffZ_writes_it()
    {
        var random = new Random(18);
        DateTimeOffset[] edges =
        [
            DateTimeOffset.MinValue, DateTimeOffset.MaxValue, new(1, 1, 1, 0, 0, 0, TimeSpan.FromHours(-5)),
            new(999, 12, 31, 23, 59, 59, 999, TimeSpan.Zero), new(2026, 11, 23, 10, 5, 0, 7, TimeSpan.FromHours(-8)),
            new(2026, 12, 31, 23, 59, 59, TimeSpan.FromHours(14)), new DateTimeOffset(2026, 3, 8, 2, 30, 0, TimeSpan.Zero).AddTicks(9_999),
        ];
        var samples = edges.Concat(Enumerable.Range(0, 2000).Select(_ =>
            new DateTimeOffset(random.NextInt64(DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay),
                TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60 + 1)))));
        foreach (var t in samples)
            Assert.Equal(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture), TimeText.ToDb(t));
    }
}
