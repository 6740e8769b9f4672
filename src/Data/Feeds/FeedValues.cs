using System.Globalization;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Feeds;

/// <summary>Parsing of feed values shared by the feed kinds, with fast paths for the common shapes (bulk loads parse millions).</summary>
internal static class FeedValues
{
    /// <summary>
    /// As <see cref="TimeText.TryParseInstant"/> (ISO 8601 with an offset or Z is required), with a fast path for the
    /// shape every exporter writes, <c>yyyy-MM-ddTHH:mm:ss[.fffffff](Z|±HH:MM)</c>; anything else takes the general parser.
    /// </summary>
    public static bool TryParseInstant(string s, out DateTimeOffset value) =>
        TryParseCanonical(s, out value) || TimeText.TryParseInstant(s, out value);

    /// <summary>A finite invariant-culture decimal number.</summary>
    public static bool TryParseDouble(string s, out double value) =>
        double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value);

    private static bool TryParseCanonical(string s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':') return false;
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second)) return false;
        var i = 19;
        long ticks = 0;
        if (s[i] == '.')
        {
            var start = ++i;
            while (i < s.Length && char.IsAsciiDigit(s[i]) && i - start < 7) ticks = ticks * 10 + (s[i++] - '0');
            if (i == start || (i < s.Length && char.IsAsciiDigit(s[i]))) return false;
            for (var k = i - start; k < 7; k++) ticks *= 10;
        }
        TimeSpan offset;
        if (i == s.Length - 1 && s[i] == 'Z') offset = TimeSpan.Zero;
        else if (i == s.Length - 6 && (s[i] == '+' || s[i] == '-') && s[i + 3] == ':'
                 && Digits(s, i + 1, 2, out var oh) && Digits(s, i + 4, 2, out var om) && oh <= 14 && om < 60)
            offset = new TimeSpan(s[i] == '-' ? -oh : oh, s[i] == '-' ? -om : om, 0);
        else return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return false;
        try
        {
            value = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second).AddTicks(ticks), offset);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static bool Digits(string s, int at, int count, out int value)
    {
        value = 0;
        for (var k = at; k < at + count; k++)
        {
            var c = s[k];
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
