using System.Globalization;
using SafetyConsole.Data.Domain;

namespace SafetyConsole.Data.Store;

/// <summary>
/// How instants, dates and times of day are written in the database: UTC ISO 8601 with milliseconds and 'Z',
/// so that text order is time order and SQLite can compare them directly.
/// </summary>
public static class TimeText
{
    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>
    /// <see cref="InstantFormat"/>, written digit by digit: the store writes and reads several instants per call and per
    /// event, and the general formatter and parser were a tenth of a simulated school year (issue 14, speed) and about 1 µs
    /// per record of a bulk feed load (issue 18, bench `feed`). <c>TimeTextTests</c> pins it to the format.
    /// </summary>
    public static string ToDb(DateTimeOffset t)
    {
        var u = t.UtcDateTime;
        return string.Create(24, u, static (span, u) =>
        {
            Digits(span[..4], u.Year);
            span[4] = '-';
            Digits(span.Slice(5, 2), u.Month);
            span[7] = '-';
            Digits(span.Slice(8, 2), u.Day);
            span[10] = 'T';
            Digits(span.Slice(11, 2), u.Hour);
            span[13] = ':';
            Digits(span.Slice(14, 2), u.Minute);
            span[16] = ':';
            Digits(span.Slice(17, 2), u.Second);
            span[19] = '.';
            Digits(span.Slice(20, 3), u.Millisecond);
            span[23] = 'Z';
        });
    }

    private static void Digits(Span<char> into, int value)
    {
        for (var i = into.Length - 1; i >= 0; i--, value /= 10) into[i] = (char)('0' + value % 10);
    }

    public static string? ToDb(DateTimeOffset? t) => t is { } v ? ToDb(v) : null;

    /// <summary>An instant as the store writes it (<see cref="ToDb(DateTimeOffset)"/>) read directly; any other ISO text through the general parser.</summary>
    public static DateTimeOffset FromDb(string s) =>
        TryReadCanonical(s, out var t) ? t
        : DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>Exactly yyyy-MM-ddTHH:mm:ss.fffZ with a valid date and time; anything else is left to the general parser.</summary>
    private static bool TryReadCanonical(string s, out DateTimeOffset t)
    {
        t = default;
        if (s.Length != 24 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[23] != 'Z') return false;
        if (!Number(s, 0, 4, out var year) || !Number(s, 5, 2, out var month) || !Number(s, 8, 2, out var day)
            || !Number(s, 11, 2, out var hour) || !Number(s, 14, 2, out var minute) || !Number(s, 17, 2, out var second)
            || !Number(s, 20, 3, out var ms)) return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return false;
        t = new DateTimeOffset(year, month, day, hour, minute, second, ms, TimeSpan.Zero);
        return true;
    }

    private static bool Number(string s, int start, int length, out int value)
    {
        value = 0;
        for (var i = start; i < start + length; i++)
        {
            if (!char.IsAsciiDigit(s[i])) return false;
            value = value * 10 + (s[i] - '0');
        }
        return true;
    }

    public static DateTimeOffset? FromDbOrNull(string? s) => s is null ? null : FromDb(s);

    public static string ToDb(DateOnly d) => IsoDate.Text(d);

    public static DateOnly DateFromDb(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string ToDb(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static TimeOnly TimeFromDb(string s) => TimeOnly.ParseExact(s, ["HH:mm", "HH:mm:ss", "H:mm"], CultureInfo.InvariantCulture);

    /// <summary>An instant shown to people and scripts: ISO 8601 in the given zone, with its offset.</summary>
    public static string ToIso(DateTimeOffset t, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(t, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>The date an instant falls on in <paramref name="zone"/> (a call's school day, "today" for figures).</summary>
    public static DateOnly LocalDate(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>The instant the district-local day of <paramref name="at"/> began ("today" for counts and figures).</summary>
    public static DateTimeOffset StartOfLocalDay(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return new DateTimeOffset(local.Date, zone.GetUtcOffset(local.Date));
    }

    /// <summary>The one sentence for an unreadable `--at` (the console's commands and the worker say the same).</summary>
    public static string BadAtSentence(string text) =>
        $"--at '{text}' is not an ISO 8601 time with an offset; write it like 2026-11-23T10:05:00-08:00 or 2026-11-23T18:05:00Z.";

    /// <summary>Parses an ISO 8601 instant that must carry an offset or 'Z' (feeds, --at).</summary>
    public static bool TryParseInstant(string? s, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(s)) return false;
        s = s.Trim();
        // An offset is required: a bare local time is ambiguous across zones and DST.
        var hasOffset = s.EndsWith('Z') || s.EndsWith('z') || EndsWithOffset(s);
        // And a date: a time alone would be read on the machine's today, a clock no rule may consult.
        var hasDate = s.Length >= 11 && s[4] == '-' && s[7] == '-' && AllDigits(s.AsSpan(0, 4));
        if (!hasOffset || !hasDate) return false;
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>
    /// Ends in ±HH, ±HHMM or ±HH:MM. (Hand-written rather than a Regex: building one costs tens of milliseconds at
    /// start-up, and every command that takes --at pays it.)
    /// </summary>
    private static readonly (int Length, bool Colon)[] OffsetShapes = [(3, false), (5, false), (6, true)];

    private static bool EndsWithOffset(string s)
    {
        foreach (var (length, colon) in OffsetShapes)
        {
            if (s.Length < length) continue;
            var tail = s.AsSpan(s.Length - length);
            if (tail[0] is not ('+' or '-')) continue;
            if (colon ? tail[3] == ':' && AllDigits(tail[1..3]) && AllDigits(tail[4..]) : AllDigits(tail[1..])) return true;
        }
        return false;
    }

    private static bool AllDigits(ReadOnlySpan<char> d)
    {
        foreach (var c in d)
        {
            if (!char.IsAsciiDigit(c)) return false;
        }
        return d.Length > 0;
    }
}
