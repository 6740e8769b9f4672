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
    /// <see cref="InstantFormat"/>, written digit by digit: a feed load writes one per record, and the general custom
    /// formatter cost a bulk load about 1 µs each (issue 18, bench `feed`). <c>TimeTextTests</c> pins it to the format.
    /// </summary>
    public static string ToDb(DateTimeOffset t) => string.Create(InstantLayout.Length, t.UtcDateTime, static (c, u) =>
    {
        InstantLayout.CopyTo(c);
        ReadOnlySpan<int> values = [u.Year, u.Month, u.Day, u.Hour, u.Minute, u.Second, u.Millisecond];
        for (var f = 0; f < values.Length; f++)
        {
            var v = values[f];
            for (var i = InstantFieldEnds[f] - 1; v > 0; i--, v /= 10) c[i] = (char)('0' + v % 10);
        }
    });

    /// <summary><see cref="InstantFormat"/> with every digit 0, and where each of its numbers ends (year … millisecond).</summary>
    private const string InstantLayout = "0000-00-00T00:00:00.000Z";
    private static ReadOnlySpan<byte> InstantFieldEnds => [4, 7, 10, 13, 16, 19, 23];

    public static string? ToDb(DateTimeOffset? t) => t is { } v ? ToDb(v) : null;

    public static DateTimeOffset FromDb(string s) =>
        DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

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
