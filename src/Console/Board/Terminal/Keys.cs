using System.Text;

namespace SafetyConsole.Cli.Board.Terminal;

/// <summary>Named keys; printable characters are <see cref="KeyName.Char"/> with <see cref="KeyPress.Char"/> set.</summary>
public enum KeyName
{
    Char, Enter, Escape, Tab, BackTab, Backspace, Delete, Insert,
    Up, Down, Left, Right, Home, End, PageUp, PageDown,
    F1, F2, F3, F4, F5, F6, F7, F8, F9, F10, F11, F12,
}

/// <summary>
/// One key press, decoded from the terminal's bytes. Ctrl+letter is <see cref="KeyName.Char"/> with the lower-case
/// letter and <see cref="Ctrl"/>; Ctrl+C arrives this way (the terminal is in raw mode, so no SIGINT).
/// </summary>
public readonly record struct KeyPress(KeyName Name, char Char = '\0', bool Ctrl = false)
{
    public static KeyPress Of(char c) => new(KeyName.Char, c);
    public static KeyPress CtrlOf(char c) => new(KeyName.Char, char.ToLowerInvariant(c), Ctrl: true);
    public static KeyPress Named(KeyName name) => new(name);

    public bool IsChar(char c) => Name == KeyName.Char && Char == c && !Ctrl;

    /// <summary>A printable character typed into a text field (no Ctrl).</summary>
    public bool IsText => Name == KeyName.Char && !Ctrl && !char.IsControl(Char);

    /// <summary>How the key is written in hints and help: "r", "Ctrl+C", "Enter", "↑" (or "Up" without Unicode).</summary>
    public string Display(bool unicode)
    {
        var name = Name switch
        {
            KeyName.Char when Char == ' ' => "Space",
            KeyName.Char => Char.ToString(),
            KeyName.Escape => "Esc",
            KeyName.BackTab => "Shift+Tab",
            KeyName.PageUp => "PgUp",
            KeyName.PageDown => "PgDn",
            KeyName.Up => unicode ? "↑" : "Up",
            KeyName.Down => unicode ? "↓" : "Down",
            KeyName.Left => unicode ? "←" : "Left",
            KeyName.Right => unicode ? "→" : "Right",
            _ => Name.ToString(),
        };
        if (Ctrl) name = "Ctrl+" + char.ToUpperInvariant(Char);
        return name;
    }
}

/// <summary>
/// Decodes raw terminal input (UTF-8 text, control bytes, and VT/xterm escape sequences) into key presses.
/// Stateful across reads only for split UTF-8 characters: terminals write an escape sequence in one write, so a
/// lone ESC at the end of a read is the Escape key. Unknown sequences are dropped, never typed as text.
/// </summary>
public sealed class KeyDecoder
{
    private readonly Decoder _utf8 = new UTF8Encoding(false, false).GetDecoder();
    private readonly char[] _chars = new char[4096];

    public List<KeyPress> Decode(ReadOnlySpan<byte> input)
    {
        var keys = new List<KeyPress>();
        var i = 0;
        while (i < input.Length)
        {
            var b = input[i];
            if (b == 0x1B)
            {
                i += DecodeEscape(input[i..], keys);
                continue;
            }
            if (b < 0x20 || b == 0x7F)
            {
                keys.Add(Control(b));
                i++;
                continue;
            }
            // A run of text up to the next control byte.
            var start = i;
            while (i < input.Length && input[i] >= 0x20 && input[i] != 0x7F) i++;
            var run = input[start..i];
            while (run.Length > 0)
            {
                var take = Math.Min(run.Length, _chars.Length);
                var n = _utf8.GetChars(run[..take], _chars, flush: false);
                for (var k = 0; k < n; k++)
                {
                    if (char.IsHighSurrogate(_chars[k]) && k + 1 < n) { k++; continue; } // astral characters are not keys
                    keys.Add(KeyPress.Of(_chars[k]));
                }
                run = run[take..];
            }
        }
        return keys;
    }

    private static KeyPress Control(byte b) => b switch
    {
        0x0D or 0x0A => KeyPress.Named(KeyName.Enter),
        0x09 => KeyPress.Named(KeyName.Tab),
        0x7F or 0x08 => KeyPress.Named(KeyName.Backspace),
        0x00 => KeyPress.CtrlOf(' '),
        _ => KeyPress.CtrlOf((char)('a' + b - 1)),
    };

    /// <summary>Decodes one sequence starting at ESC; returns the bytes consumed.</summary>
    private static int DecodeEscape(ReadOnlySpan<byte> s, List<KeyPress> keys)
    {
        if (s.Length == 1)
        {
            keys.Add(KeyPress.Named(KeyName.Escape));
            return 1;
        }
        var next = s[1];
        if (next == (byte)'[') return DecodeCsi(s, keys);
        if (next == (byte)'O' && s.Length >= 3)
        {
            KeyName? name = s[2] switch
            {
                (byte)'A' => KeyName.Up, (byte)'B' => KeyName.Down, (byte)'C' => KeyName.Right, (byte)'D' => KeyName.Left,
                (byte)'H' => KeyName.Home, (byte)'F' => KeyName.End,
                (byte)'P' => KeyName.F1, (byte)'Q' => KeyName.F2, (byte)'R' => KeyName.F3, (byte)'S' => KeyName.F4,
                (byte)'M' => KeyName.Enter,
                _ => null,
            };
            if (name is { } n) keys.Add(KeyPress.Named(n));
            return 3;
        }
        if (next == 0x1B)
        {
            keys.Add(KeyPress.Named(KeyName.Escape));
            return 1;
        }
        // ESC then a printable key in one read is what a fast "Esc q" (close, then quit) looks like, especially through
        // SSH, which may send both in one packet. Terminals also send Alt+q that way, but the board binds no Alt keys,
        // so it is read as Esc and then the key: the Esc is never lost. (Never as text: a form takes Esc first.)
        keys.Add(KeyPress.Named(KeyName.Escape));
        return 1;
    }

    /// <summary>CSI: ESC [ parameters (digits ;) intermediates, then a final byte 0x40–0x7E.</summary>
    private static int DecodeCsi(ReadOnlySpan<byte> s, List<KeyPress> keys)
    {
        var i = 2;
        while (i < s.Length && (s[i] < 0x40 || s[i] > 0x7E)) i++;
        if (i >= s.Length) return s.Length; // truncated: drop it
        var final = s[i];
        var param = Encoding.ASCII.GetString(s[2..i]);
        var first = param.Split(';')[0];
        KeyName? name = final switch
        {
            (byte)'A' => KeyName.Up, (byte)'B' => KeyName.Down, (byte)'C' => KeyName.Right, (byte)'D' => KeyName.Left,
            (byte)'H' => KeyName.Home, (byte)'F' => KeyName.End, (byte)'Z' => KeyName.BackTab,
            (byte)'P' => KeyName.F1, (byte)'Q' => KeyName.F2, (byte)'R' => KeyName.F3, (byte)'S' => KeyName.F4,
            (byte)'~' => first switch
            {
                "1" or "7" => KeyName.Home, "4" or "8" => KeyName.End, "2" => KeyName.Insert, "3" => KeyName.Delete,
                "5" => KeyName.PageUp, "6" => KeyName.PageDown,
                "11" => KeyName.F1, "12" => KeyName.F2, "13" => KeyName.F3, "14" => KeyName.F4, "15" => KeyName.F5,
                "17" => KeyName.F6, "18" => KeyName.F7, "19" => KeyName.F8, "20" => KeyName.F9, "21" => KeyName.F10,
                "23" => KeyName.F11, "24" => KeyName.F12,
                _ => null,
            },
            _ => null,
        };
        if (name is { } n) keys.Add(KeyPress.Named(n));
        return i + 1;
    }
}
