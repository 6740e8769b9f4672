namespace SafetyConsole.Cli.Board;

/// <summary>
/// The selection in the calls and officers lists and how keys move it: kept on the same call (or badge) across new
/// data and filters, that row at the same screen line, scrolled by the rows the layout actually shows.
/// </summary>
public static class Selection
{
    private static readonly IReadOnlyList<Effect> None = [];

    /// <summary>Keeps the selection on the same call id across a new list, and that row at the same screen line.</summary>
    public static BoardState Reselect(BoardState s, IReadOnlyList<Data.Domain.Call> visible, long? wanted)
    {
        var rows = BoardLayout.For(s.Width, s.Height, s.Focus).CallRows;
        var index = -1;
        if (wanted is { } w)
            for (var i = 0; i < visible.Count; i++)
                if (visible[i].Id == w) { index = i; break; }
        if (index < 0) index = Math.Min(s.SelectedIndex, visible.Count - 1); // gone: its neighbour takes its place
        if (index < 0) index = 0;
        var screenLine = s.SelectedIndex - s.Scroll;
        var (idx, scroll) = Clamp(index, index - screenLine, visible.Count, rows);
        var id = idx < visible.Count ? visible[idx].Id : (long?)null;
        var detail = s.Detail is { } d && d.CallId == id ? d : null;
        return s with
        {
            Visible = visible, SelectedIndex = idx, Scroll = scroll, SelectedCallId = id, Detail = detail,
            DetailScroll = id == s.SelectedCallId ? s.DetailScroll : 0,
        };
    }

    public static BoardState ReselectOfficer(BoardState s)
    {
        var officers = s.Data.Officers;
        var index = -1;
        if (s.SelectedBadge is { } b)
            for (var i = 0; i < officers.Count; i++)
                if (string.Equals(officers[i].Badge, b, StringComparison.Ordinal)) { index = i; break; }
        if (index < 0) index = Math.Min(s.OfficerIndex, officers.Count - 1);
        var rows = BoardLayout.For(s.Width, s.Height, s.Focus).OfficerRows;
        var screenLine = s.OfficerIndex - s.OfficerScroll;
        var (idx, scroll) = Clamp(Math.Max(0, index), index - screenLine, officers.Count, rows);
        return s with { OfficerIndex = idx, OfficerScroll = scroll, SelectedBadge = idx < officers.Count ? officers[idx].Badge : null };
    }

    /// <summary>After a resize or a change of panel: every selection back among the rows shown.</summary>
    public static BoardState Reclamp(BoardState s)
    {
        var layout = BoardLayout.For(s.Width, s.Height, s.Focus);
        var (i, sc) = Clamp(s.SelectedIndex, s.Scroll, s.Visible.Count, layout.CallRows);
        var (oi, osc) = Clamp(s.OfficerIndex, s.OfficerScroll, s.Data.Officers.Count, layout.OfficerRows);
        return s with { SelectedIndex = i, Scroll = sc, OfficerIndex = oi, OfficerScroll = osc };
    }

    /// <summary>Clamps an index into [0, count) and scrolls the least needed to keep it among <paramref name="rows"/> rows.</summary>
    public static (int Index, int Scroll) Clamp(int index, int scroll, int count, int rows)
    {
        if (count <= 0) return (0, 0);
        rows = Math.Max(1, rows);
        index = Math.Clamp(index, 0, count - 1);
        if (index < scroll) scroll = index;
        if (index >= scroll + rows) scroll = index - rows + 1;
        scroll = Math.Clamp(scroll, 0, Math.Max(0, count - rows));
        return (index, scroll);
    }

    public static (BoardState, IReadOnlyList<Effect>) MoveCalls(BoardState s, int index)
    {
        var rows = BoardLayout.For(s.Width, s.Height, s.Focus).CallRows;
        var (idx, scroll) = Clamp(index, s.Scroll, s.Visible.Count, rows);
        var id = idx < s.Visible.Count ? s.Visible[idx].Id : (long?)null;
        if (id == s.SelectedCallId) return (s with { SelectedIndex = idx, Scroll = scroll }, None);
        var next = s with { SelectedIndex = idx, Scroll = scroll, SelectedCallId = id, Detail = null, DetailScroll = 0 };
        return (next, id is { } i ? [new LoadDetailEffect(i)] : None);
    }

    private static BoardState MoveOfficers(BoardState s, int index)
    {
        var rows = BoardLayout.For(s.Width, s.Height, s.Focus).OfficerRows;
        var (idx, scroll) = Clamp(index, s.OfficerScroll, s.Data.Officers.Count, rows);
        return s with { OfficerIndex = idx, OfficerScroll = scroll, SelectedBadge = idx < s.Data.Officers.Count ? s.Data.Officers[idx].Badge : null };
    }

    /// <summary>The `/` filter applied: the visible calls again, the selection kept when it still shows.</summary>
    public static BoardState WithFilter(BoardState s, string filter)
    {
        var next = s with { Filter = filter };
        return Reselect(next, CallFilter.Parse(filter).Apply(s.Data), s.SelectedCallId);
    }

    /// <summary>A list key (↑↓, PgUp/PgDn, Home/End) in the focused panel.</summary>
    public static (BoardState, IReadOnlyList<Effect>) Move(BoardState s, BoardCmd cmd)
    {
        var layout = BoardLayout.For(s.Width, s.Height, s.Focus);
        switch (s.Focus)
        {
            case Focus.Officers:
                return (MoveOfficers(s, Target(cmd, s.OfficerIndex, layout.OfficerRows, s.Data.Officers.Count)), None);
            case Focus.Detail:
                var d = Target(cmd, s.DetailScroll, layout.DetailRows, int.MaxValue / 2);
                return (s with { DetailScroll = Math.Max(0, d) }, None);
            default:
                return MoveCalls(s, Target(cmd, s.SelectedIndex, layout.CallRows, s.Visible.Count));
        }
    }

    /// <summary>Where a list key moves an index (unclamped); <paramref name="page"/> rows to a page.</summary>
    public static int Target(BoardCmd cmd, int index, int page, int count) => cmd switch
    {
        BoardCmd.Up => index - 1,
        BoardCmd.Down => index + 1,
        BoardCmd.PageUp => index - Math.Max(1, page - 1),
        BoardCmd.PageDown => index + Math.Max(1, page - 1),
        BoardCmd.Top => 0,
        BoardCmd.Bottom => count - 1,
        _ => index,
    };

    /// <summary>
    /// The scroll of a text overlay (help, summary) after a key. The view clamps it to the text's length, so End and
    /// Down past the end simply show the last lines.
    /// </summary>
    public static int ScrollKey(int scroll, Binding? b) => b?.Command switch
    {
        BoardCmd.Up => Math.Max(0, scroll - 1),
        BoardCmd.Down => scroll + 1,
        BoardCmd.PageUp => Math.Max(0, scroll - 10),
        BoardCmd.PageDown => scroll + 10,
        BoardCmd.Top => 0,
        BoardCmd.Bottom => int.MaxValue / 2,
        _ => scroll,
    };

    /// <summary>The `:` command line's "go to call N": clears a filter that hides it; a sentence when it is not open.</summary>
    public static (BoardState, IReadOnlyList<Effect>) GoTo(BoardState s, long callId)
    {
        var st = s;
        var index = IndexOf(st.Visible, callId);
        if (index < 0 && st.Filter.Length > 0)
        {
            st = WithFilter(st, "");
            index = IndexOf(st.Visible, callId);
        }
        if (index < 0) return (BoardUpdate.Error(s, $"Call {callId} is not open; `safety-console calls show {callId}` shows closed calls."), None);
        return MoveCalls(st with { Focus = Focus.Calls }, index);
    }

    private static int IndexOf(IReadOnlyList<Data.Domain.Call> calls, long id)
    {
        for (var i = 0; i < calls.Count; i++)
            if (calls[i].Id == id) return i;
        return -1;
    }
}
