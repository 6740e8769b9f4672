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
}
