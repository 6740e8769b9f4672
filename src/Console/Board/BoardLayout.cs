using SafetyConsole.Cli.Board.Terminal;

namespace SafetyConsole.Cli.Board;

/// <summary>
/// Where each panel goes at a terminal size. Shared by <see cref="BoardUpdate"/> (to scroll by the rows actually
/// shown) and <see cref="BoardView"/>. From 120 columns the officers panel sits on the right; from 32 rows the
/// detail panel sits under the calls; below that, panels collapse and Tab shows one at a time in the main area.
/// </summary>
public sealed record BoardLayout(Rect Header, Rect Main, Focus MainShows, Rect? Officers, Rect? Detail, Rect Status, Rect Footer, bool TooSmall)
{
    public const int MinWidth = 60;
    public const int MinHeight = 16;
    public const int WideFrom = 120;
    public const int TallFrom = 32;

    /// <summary>Rows of calls the table shows (panel border and header row taken off).</summary>
    public int CallRows => Math.Max(1, Main.H - 3);

    public int OfficerRows => Math.Max(1, (Officers ?? Main).H - 3);

    public int DetailRows => Math.Max(1, (Detail ?? Main).H - 2);

    public static BoardLayout For(int width, int height, Focus focus)
    {
        var tooSmall = width < MinWidth || height < MinHeight;
        var header = new Rect(0, 0, width, 2);
        var status = new Rect(0, height - 2, width, 1);
        var footer = new Rect(0, height - 1, width, 1);
        var bodyH = Math.Max(0, height - 4);
        var wide = width >= WideFrom;
        var tall = height >= TallFrom;

        Rect? officers = null;
        var leftW = width;
        if (wide)
        {
            var ow = Math.Clamp(width * 35 / 100, 42, 64);
            leftW = width - ow;
            officers = new Rect(leftW, 2, ow, bodyH);
        }
        Rect? detail = null;
        var mainH = bodyH;
        if (tall)
        {
            var dh = Math.Max(10, bodyH * 2 / 5);
            mainH = bodyH - dh;
            detail = new Rect(0, 2 + mainH, leftW, dh);
        }

        var shows = focus switch
        {
            Focus.Officers when officers is null => Focus.Officers,
            Focus.Detail when detail is null => Focus.Detail,
            _ => Focus.Calls,
        };
        // A collapsed panel takes the whole left column when it is shown in the main area.
        var main = new Rect(0, 2, leftW, shows == Focus.Calls ? mainH : bodyH);
        if (shows == Focus.Officers && detail is not null) detail = null;
        if (shows == Focus.Detail) detail = null;
        return new BoardLayout(header, main, shows, officers, detail, status, footer, tooSmall);
    }
}
