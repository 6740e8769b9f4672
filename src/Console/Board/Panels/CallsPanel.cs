using Humanizer;
using Humanizer.Localisation;
using System.Globalization;
using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Data.Domain;
using Spectre.Console;
using static SafetyConsole.Cli.Board.BoardStyles;

namespace SafetyConsole.Cli.Board;

/// <summary>The calls table: the open calls in board order, the selection, the marks of new and changed rows, R5 countdowns.</summary>
public static class CallsPanel
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-US");

    /// <summary>The calls table's widths at an inner width: mark, id, age, priority, type, location, status, officer, deadline.</summary>
    public static int[] CallWidths(int inner, int idWidth)
    {
        int[] w = [2, idWidth, 10, 2, 9, 0, 12, 8, 8];
        var gaps = w.Length - 1;
        var fixedSum = w.Sum();
        w[5] = Math.Max(6, inner - fixedSum - gaps);
        return w;
    }

    public static void Draw(Screen c, BoardState s, Rect r)
    {
        var title = s.Filter.Length > 0
            ? $"Calls {s.Visible.Count} of {s.Data.Calls.Count} {c.Theme.Dot} filter: {s.Filter}"
            : $"Calls {s.Visible.Count} open";
        if (!s.Loaded) title = "Calls (loading...)";
        var inner = ViewKit.Panel(c, r, title, s.Focus == Focus.Calls);
        var w = CallWidths(inner.W, Math.Max(3, s.Data.MaxCallId.ToString(Inv).Length));
        var t = new FixedTable(
        [
            new("", w[0]), new("#", w[1], Justify.Right), new("AGE", w[2]), new("P", w[3]), new("TYPE", w[4]),
            new("LOCATION", w[5]), new("STATUS", w[6]), new("OFFICER", w[7]), new("DEADLINE", w[8], Justify.Right),
        ], Bold, c.Theme.Ellipsis);

        var rows = Math.Max(1, r.H - 3);
        var end = Math.Min(s.Visible.Count, s.Scroll + rows);
        for (var i = s.Scroll; i < end; i++)
        {
            var call = s.Visible[i];
            var marked = s.Marks.ContainsKey(call.Id);
            var (deadline, deadlineStyle) = Countdown(call, s.Now);
            t.Add(
                MarkCell(s, call, i == s.SelectedIndex, marked, c.Theme.Marker),
                call.Id.ToString(Inv),
                Age(s.Now - call.ReceivedAt),
                new FixedCell("P" + call.Priority.ToString(Inv), PriorityStyle(call.Priority)),
                call.Type,
                s.Data.LocationName(call.Location),
                new FixedCell(call.Status.Text(), StatusStyle(call.Status)),
                call.AssignedTo ?? "",
                new FixedCell(deadline, deadlineStyle));
        }
        c.Draw(t, inner);
        if (s.Loaded && s.Visible.Count == 0)
            c.Put(inner.X + 1, inner.Y + 1, s.Filter.Length > 0 ? "No open call matches the filter (Esc clears it)." : "No open calls.", Dim, inner.X + inner.W);
        if (s.Visible.Count > 0 && s.SelectedIndex >= s.Scroll && s.SelectedIndex < end)
            c.Decorate(inner.Y + 1 + s.SelectedIndex - s.Scroll, inner.X, inner.X + inner.W, Decoration.Invert);
        if (s.Visible.Count > rows) ViewKit.ScrollHint(c, r, s.Scroll, rows, s.Visible.Count);
    }

    /// <summary>
    /// The mark column: the selection, then `*` for a row new or changed in the last seconds, else `D` for a call intake
    /// flagged as a possible duplicate of another open call (issue 15; the detail names it, `L` links it).
    /// </summary>
    private static FixedCell MarkCell(BoardState s, Call call, bool selected, bool marked, string marker)
    {
        var head = selected ? marker : " ";
        if (marked) return new FixedCell(head + "*", Changed);
        return PossibleMaster(s.Data, call.Id) is not null ? new FixedCell(head + "D", Warn) : new FixedCell(head + " ", Bold);
    }

    /// <summary>Issue 15: the open call this one may duplicate (intake's flag), while that call is still on the board.</summary>
    public static Call? PossibleMaster(BoardData d, long callId) =>
        d.PossibleDuplicates.TryGetValue(callId, out var m) && d.CallById.TryGetValue(m, out var master) ? master : null;

    private static void ScrollHint(Screen c, Rect r, int scroll, int rows, int count)
    {
        var text = $" {scroll + 1}-{Math.Min(count, scroll + rows)}/{count} ";
        c.Put(r.X + r.W - 1 - text.Length - 1, r.Y + r.H - 1, text, Dim);
    }

    /// <summary>An age in words (Humanizer): "45 seconds", "12 minutes", "2 hours".</summary>
    public static string Age(TimeSpan t) =>
        (t < TimeSpan.Zero ? TimeSpan.Zero : t).Humanize(1, En, maxUnit: TimeUnit.Day, minUnit: TimeUnit.Second);

    /// <summary>
    /// R5: time left before an unassigned call's first-response deadline ("2:45"), or how long ago it was missed
    /// ("-0:12"), red and bold once missed (bold survives NO_COLOR).
    /// </summary>
    public static (string Text, Style Style) Countdown(Call call, DateTimeOffset now)
    {
        if (call.Deadline is not { } d || call.Status is not (CallStatus.New or CallStatus.Pending or CallStatus.Escalated)) return ("", Plain);
        var left = d - now;
        var missed = left < TimeSpan.Zero;
        var a = missed ? -left : left;
        var text = a.TotalHours >= 1
            ? $"{(int)a.TotalHours}h{a.Minutes:00}m"
            : $"{(int)a.TotalMinutes}:{a.Seconds:00}";
        return missed ? ("-" + text, Alarm) : (text, left < TimeSpan.FromSeconds(30) ? Warn : Plain);
    }

    internal static Style PriorityStyle(int p) => p switch { 1 => Alarm, 2 => Warn, _ => Plain };

    internal static Style StatusStyle(CallStatus s) => s switch
    {
        CallStatus.Escalated => Alarm,
        CallStatus.New or CallStatus.Pending => Warn,
        CallStatus.OnScene or CallStatus.EnRoute or CallStatus.Acknowledged => Good,
        _ => Plain,
    };
}
