using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Feeds;

/// <summary>
/// The plausibility of a feed's times: a time more than <see cref="Ahead"/> after the clock cannot be when a call was
/// received or a ping taken (a sender's clock or time zone is wrong), so the record is rejected; a time before the
/// school year's first day is loaded with a warning, once per load (a backfill of an old year is possible, but so is
/// a wrong year). The clock is read again only when a time passes the limit, so a bulk load pays one comparison.
/// </summary>
internal sealed class FeedTimes
{
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(1);

    private readonly TimeProvider _clock;
    private readonly DateTimeOffset? _yearStart;
    private readonly string? _yearStartText;
    private DateTimeOffset _limit;
    private bool _warnedOld;

    private FeedTimes(TimeProvider clock, DateTimeOffset? yearStart, string? yearStartText)
    {
        _clock = clock;
        _yearStart = yearStart;
        _yearStartText = yearStartText;
        _limit = clock.GetUtcNow() + Ahead;
    }

    /// <summary>The clock of the load and the district's school year (its first day at midnight, district time), if one is imported.</summary>
    public static FeedTimes For(SafetyDb db, TimeProvider clock)
    {
        // A plain reader, not Dapper: every `feed load` process starts here (see Benchmarks, `feed`).
        var yearStart = SqlRead.Text(db.Connection, "SELECT school_year_start FROM district WHERE id = 1");
        DateTimeOffset? start = null;
        if (yearStart is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", out var day))
        {
            var zone = db.DistrictZone();
            var midnight = day.ToDateTime(TimeOnly.MinValue);
            start = new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
        }
        return new FeedTimes(clock, start, yearStart);
    }

    /// <summary>Null when <paramref name="t"/> is acceptable (perhaps after a warning); else the reason to reject it.</summary>
    public string? Check(DateTimeOffset t, string field, string text, int line, Action<string> warn)
    {
        if (t > _limit)
        {
            var now = _clock.GetUtcNow();
            _limit = now + Ahead;
            if (t > _limit)
                return $"'{PlainText.Excerpt(text)}' is more than a day after the clock ({TimeText.ToDb(now)}); check the sending system's clock and time zone";
        }
        if (_yearStart is { } start && t < start && !_warnedOld)
        {
            _warnedOld = true;
            warn($"line {line} (the first such record): {field} '{PlainText.Excerpt(text)}' is before the school year, which starts {_yearStartText}; loaded, but check the sending system's clock.");
        }
        return null;
    }
}
