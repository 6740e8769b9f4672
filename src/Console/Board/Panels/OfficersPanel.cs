using System.Globalization;
using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Data.Domain;
using Spectre.Console;
using static SafetyConsole.Cli.Board.BoardStyles;

namespace SafetyConsole.Cli.Board;

/// <summary>The officers table: status, where (the open call or the post), since when.</summary>
public static class OfficersPanel
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Draw(Screen c, BoardState s, Rect r, bool focused)
    {
        var officers = s.Data.Officers;
        var available = officers.Count(o => o.Status == OfficerStatus.Available);
        var inner = ViewKit.Panel(c, r, $"Officers {available}/{officers.Count} available", focused);
        int[] w = [1, 8, 4, 9, 0, 5];
        w[4] = Math.Max(6, inner.W - w.Sum() - (w.Length - 1));
        var t = new FixedTable([new("", w[0]), new("BADGE", w[1]), new("ROLE", w[2]), new("STATUS", w[3]), new("WHERE", w[4]), new("SINCE", w[5])],
            Bold, c.Theme.Ellipsis);
        var rows = Math.Max(1, r.H - 3);
        var end = Math.Min(officers.Count, s.OfficerScroll + rows);
        var open = s.Data.OpenCallByBadge;
        for (var i = s.OfficerScroll; i < end; i++)
        {
            var o = officers[i];
            var where = open.TryGetValue(o.Badge, out var callId) && s.Data.CallById.TryGetValue(callId, out var onCall) ? $"#{callId} {onCall.Location}" : o.Post;
            var since = o.StatusSince is { } t0 ? TimeZoneInfo.ConvertTime(t0, s.Data.Zone).ToString("HH:mm", Inv) : "";
            t.Add(new FixedCell(focused && i == s.OfficerIndex ? c.Theme.Marker : " ", Bold), o.Badge, o.Role.Text(),
                new FixedCell(o.Status.Text(), OfficerStyle(o.Status)), where, since);
        }
        c.Draw(t, inner);
        if (focused && officers.Count > 0 && s.OfficerIndex >= s.OfficerScroll && s.OfficerIndex < end)
            c.Decorate(inner.Y + 1 + s.OfficerIndex - s.OfficerScroll, inner.X, inner.X + inner.W, Decoration.Invert);
        if (officers.Count > rows) ViewKit.ScrollHint(c, r, s.OfficerScroll, rows, officers.Count);
    }

    private static Style OfficerStyle(OfficerStatus s) => s switch
    {
        OfficerStatus.Available => Good,
        OfficerStatus.OffDuty => Dim,
        OfficerStatus.Busy => Warn,
        _ => Plain,
    };
}
