using System.Text;

namespace SafetyConsole.Data.Feeds;

/// <summary>
/// The one sanitizer for text arriving from feeds (DESIGN §4: "made safe once, at ingest"). Every text field of
/// every feed passes through <see cref="Clean"/> before it is validated or stored, so the board, the command line
/// and exports can print stored text without ever emitting a terminal control sequence.
/// </summary>
public static class PlainText
{
    private const char Esc = '\u001b';

    /// <summary>
    /// Removes C0 and C1 control characters and terminal escape sequences (ECMA-48: CSI <c>ESC [ … final</c> and the
    /// 8-bit CSI U+009B; OSC <c>ESC ] … BEL|ESC \</c>, DCS, SOS, PM and APC strings and their 8-bit forms, which run
    /// to their string terminator or, unterminated, to the end of the text; other <c>ESC</c> sequences), bidirectional
    /// override and isolate characters (U+202A–U+202E, U+2066–U+2069) and unpaired surrogates; turns each run of line
    /// breaks, tabs and spaces (CR, LF, TAB, VT, FF, NEL, U+2028, U+2029) into one space; trims. Markup-like text such as
    /// <c>[red]</c> is kept literally: it is only ever rendered as plain text.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (IsAlreadyClean(text)) return text;

        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == Esc)
            {
                i = SkipEscape(text, i + 1);
                continue;
            }
            if (c == '\u009b') { i = SkipCsiBody(text, i + 1); continue; }
            if (c is '\u009d' or '\u0090' or '\u0098' or '\u009e' or '\u009f') { i = SkipString(text, i + 1); continue; }
            if (IsLineBreakOrTab(c))
            {
                pendingSpace = sb.Length > 0;
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    Append(sb, ref pendingSpace, c);
                    sb.Append(text[i + 1]);
                    i += 2;
                }
                else
                {
                    i++; // an unpaired surrogate is not text
                }
                continue;
            }
            if (!IsDropped(c))
            {
                if (c == ' ') pendingSpace = sb.Length > 0;
                else Append(sb, ref pendingSpace, c);
            }
            i++;
        }
        return sb.ToString();
    }

    /// <summary>Truncates already clean text for use inside a message, never splitting a surrogate pair.</summary>
    public static string Excerpt(string clean, int max = 40)
    {
        if (clean.Length <= max) return clean;
        var cut = max;
        if (char.IsHighSurrogate(clean[cut - 1])) cut--;
        return string.Concat(clean.AsSpan(0, cut), "…");
    }

    private static void Append(StringBuilder sb, ref bool pendingSpace, char c)
    {
        if (pendingSpace) sb.Append(' ');
        pendingSpace = false;
        sb.Append(c);
    }

    /// <summary>Fast path: most feed text is already printable, with single spaces and none at its ends.</summary>
    private static bool IsAlreadyClean(string text)
    {
        if (text[0] == ' ' || text[^1] == ' ') return false;
        var previous = '\0';
        foreach (var c in text)
        {
            if ((c == ' ' && previous == ' ') || c < ' ' || (c >= '\u007f' && (c <= '\u009f' || char.IsSurrogate(c) || IsBidiControl(c) || c is '\u2028' or '\u2029')))
                return false;
            previous = c;
        }
        return true;
    }

    private static bool IsLineBreakOrTab(char c) => c is '\r' or '\n' or '\t' or '\v' or '\f' or '\u0085' or '\u2028' or '\u2029';

    private static bool IsDropped(char c) => c < ' ' || c is >= '\u007f' and <= '\u009f' || IsBidiControl(c);

    private static bool IsBidiControl(char c) => c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069';

    /// <summary>After an ESC at i-1: returns the index after the whole sequence.</summary>
    private static int SkipEscape(string s, int i)
    {
        if (i >= s.Length) return i;
        var c = s[i];
        switch (c)
        {
            case '[': return SkipCsiBody(s, i + 1);
            case ']' or 'P' or 'X' or '^' or '_': return SkipString(s, i + 1);
        }
        // nF / Fp / Fe / Fs: intermediates 0x20–0x2F, then one final 0x30–0x7E.
        while (i < s.Length && s[i] is >= ' ' and <= '/') i++;
        if (i < s.Length && s[i] is >= '0' and <= '~') i++;
        return i;
    }

    /// <summary>CSI body: parameters 0x30–0x3F, intermediates 0x20–0x2F, one final 0x40–0x7E (a malformed one ends at the first other character).</summary>
    private static int SkipCsiBody(string s, int i)
    {
        while (i < s.Length && s[i] is >= '0' and <= '?') i++;
        while (i < s.Length && s[i] is >= ' ' and <= '/') i++;
        if (i < s.Length && s[i] is >= '@' and <= '~') i++;
        return i;
    }

    /// <summary>A control string (OSC, DCS, SOS, PM, APC): up to BEL, ESC \ or ST (U+009C); unterminated, to the end.</summary>
    private static int SkipString(string s, int i)
    {
        while (i < s.Length)
        {
            var c = s[i];
            if (c is '\u0007' or '\u009c') return i + 1;
            if (c == Esc) return i + 1 < s.Length && s[i + 1] == '\\' ? i + 2 : i + 1;
            i++;
        }
        return i;
    }
}
