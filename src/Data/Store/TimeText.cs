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
    public static string ToDb(DateTimeOffset t) =>
        string.Create(Canonical.Length, t.UtcDateTime, static (span, u) =>
        {
            Canonical.CopyTo(span);
            ReadOnlySpan<int> values = [u.Year, u.Month, u.Day, u.Hour, u.Minute, u.Second, u.Millisecond];
            for (var f = 0; f < Fields.Length; f++)
            {
                var (start, length) = Fields[f];
                var value = values[f];
                for (var i = start + length - 1; i >= start; i--, value /= 10) span[i] = (char)('0' + value % 10);
            }
        });

    /// <summary>The stored form's separators, and where its numbers go: year, month, day, hour, minute, second, millisecond.</summary>
    private const string Canonical = "0000-00-00T00:00:00.000Z";

    private static readonly (int Start, int Length)[] Fields = [(0, 4), (5, 2), (8, 2), (11, 2), (14, 2), (17, 2), (20, 3)];

    public static string? ToDb(DateTimeOffset? t) => t is { } v ? ToDb(v) : null;

    /// <summary>An instant as the store writes it (<see cref="ToDb(DateTimeOffset)"/>) read directly; any other ISO text through the general parser.</summary>
    public static DateTimeOffset FromDb(string s) =>
        TryReadCanonical(s, out var t) ? t
        : DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>Exactly yyyy-MM-ddTHH:mm:ss.fffZ with a valid date and time; anything else is left to the general parser.</summary>
    private static bool TryReadCanonical(string s, out DateTimeOffset t)
    {
        t = default;
        if (s.Length != Canonical.Length) return false;
        Span<int> v = stackalloc int[Fields.Length];
        var field = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (field < Fields.Length && i >= Fields[field].Start + Fields[field].Length) field++;
            var inNumber = field < Fields.Length && i >= Fields[field].Start;
            if (!inNumber && s[i] != Canonical[i]) return false;
            if (!inNumber) continue;
            if (!char.IsAsciiDigit(s[i])) return false;
            v[field] = v[field] * 10 + (s[i] - '0');
        }
        if (v[0] < 1 || v[1] is < 1 or > 12 || v[2] < 1 || v[2] > DateTime.DaysInMonth(v[0], v[1]) || v[3] > 23 || v[4] > 59 || v[5] > 59) return false;
        t = new DateTimeOffset(v[0], v[1], v[2], v[3], v[4], v[5], v[6], TimeSpan.Zero);
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
