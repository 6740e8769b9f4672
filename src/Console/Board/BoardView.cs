using System.Globalization;
using Humanizer;
using Humanizer.Localisation;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Routing;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SafetyConsole.Cli.Board;

/// <summary>
/// The board's view (bubbletea's View): a pure function of the state and the theme to a <see cref="Screen"/>.
/// Spectre widgets render offscreen into it with explicit column widths; all data goes in as <see cref="Text"/>,
/// never markup, so a description "[red]boom" shows literally.
/// </summary>
public static class BoardView
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly Style Plain = Style.Plain;
    private static readonly Style Bold = new(decoration: Decoration.Bold);
    private static readonly Style Dim = new(decoration: Decoration.Dim);
    private static readonly Style Alarm = new(Color.Red, decoration: Decoration.Bold);
    private static readonly Style Warn = new(Color.Yellow);
    private static readonly Style Good = new(Color.Green);
    private static readonly Style Accent = new(Color.Aqua, decoration: Decoration.Bold);
    private static readonly Style Changed = new(Color.Yellow, decoration: Decoration.Bold);
    private static readonly Style KeyStyle = new(decoration: Decoration.Bold | Decoration.Invert);

    /// <summary>Draws the board; <paramref name="reuse"/> (a screen no longer shown) is drawn on instead of allocating one.</summary>
    public static Screen Render(BoardState s, BoardTheme theme, Palette palette, Screen? reuse = null)
    {
        Screen c;
        if (reuse is not null && reuse.Width == s.Width && reuse.Height == s.Height && reuse.Theme == theme && reuse.Palette == palette)
        {
            c = reuse;
            c.Clear();
        }
        else
        {
            c = new Screen(s.Width, s.Height, palette, theme);
        }
        var layout = BoardLayout.For(s.Width, s.Height, s.Focus);
        if (layout.TooSmall)
        {
            c.Put(0, 0, $"The board needs at least {BoardLayout.MinWidth}x{BoardLayout.MinHeight}; this terminal is {s.Width}x{s.Height}.", Bold);
            c.Put(0, Math.Min(1, s.Height - 1), "Enlarge the window, or press q to quit.", Plain);
            return c;
        }

        Header(c, s, layout.Header);
        switch (layout.MainShows)
        {
            case Focus.Officers: OfficersPanel(c, s, layout.Main, focused: true); break;
            case Focus.Detail: DetailPanel(c, s, layout.Main, focused: true); break;
            default: CallsPanel(c, s, layout.Main); break;
        }
        if (layout.Officers is { } o) OfficersPanel(c, s, o, focused: s.Focus == Focus.Officers);
        if (layout.Detail is { } d) DetailPanel(c, s, d, focused: s.Focus == Focus.Detail);
        StatusBar(c, s, layout.Status);
        Footer(c, s, layout.Footer);
        if (s.Overlay is { } overlay) Overlay(c, s, overlay);
        return c;
    }

    // ---- header ---------------------------------------------------------------------------------------------

    private static void Header(Screen c, BoardState s, Rect r)
    {
        var d = s.Data;
        var local = TimeZoneInfo.ConvertTime(s.Now, d.Zone);
        var wide = r.W >= BoardLayout.WideFrom;
        var name = d.DistrictName.Length > 0 ? d.DistrictName : "SafetyConsole";
        var viewer = s.Role == OperatorRole.Viewer;
        // The role is known once the first data has loaded: until then say so, never "viewer" to a dispatcher.
        var who = !s.Loaded ? $" {(wide ? s.Account + ": " : "")}loading{c.Theme.Ellipsis} "
            : viewer ? (wide ? $" {s.Account}: viewer, read-only (R10) " : " viewer: read-only ") : wide ? $" {s.Account} ({s.Role.Text()}) " : "";
        var end = r.X + r.W - who.Length;
        var x = c.Put(r.X, r.Y, " " + name, Accent, end);
        x = c.Put(x, r.Y, $" {c.Theme.Dot} ", Dim, end);
        var time = wide ? local.ToString("ddd yyyy-MM-dd HH:mm:ss", Inv) + " " + ZoneAbbreviation(local) : local.ToString("ddd MM-dd HH:mm:ss", Inv);
        x = c.Put(x, r.Y, time, Bold, end);
        x = c.Put(x, r.Y, $" {c.Theme.Dot} ", Dim, end);
        c.Put(x, r.Y, Fit(d.Summary?.DayState ?? "loading…", end - x, c.Theme), Plain, end);
        c.Put(end, r.Y, who, viewer && s.Loaded ? KeyStyle : Dim);

        // Line 2: open calls by priority, available officers by class, R5 deadlines missed today; or, while the store
        // cannot be used, why: a screen that may be stale says so.
        var y = r.Y + 1;
        if (s.StoreProblem is { } problem)
        {
            var head = s.StoreLost ? " DATABASE GONE, changes refused; quit and start again: " : " CANNOT READ THE DATABASE, screen may be stale: ";
            c.Put(c.Put(r.X, y, head, Alarm, r.X + r.W), y, Fit(problem, Math.Max(0, r.W - head.Length), c.Theme), Alarm, r.X + r.W);
            return;
        }
        var avail = new[] { CallClass.Liaison, CallClass.Campus }
            .Select(cls => (cls, n: d.Officers.Count(o => o.Status == OfficerStatus.Available && Codes.ClassOf(o.Role) == cls))).ToList();
        var byPriority = new int[5];
        foreach (var call in d.Calls) if (call.Priority is >= 1 and <= 4) byPriority[call.Priority]++;
        var missed = MissedToday(d, s.Now);
        var spans = new List<(string Text, Style Style)> { ($" Open {d.Calls.Count}:", Bold) };
        for (var p = 1; p <= 4; p++)
        {
            spans.Add(($" P{p} ", Plain));
            spans.Add((byPriority[p].ToString(Inv), byPriority[p] > 0 && p == 1 ? Alarm : byPriority[p] > 0 && p == 2 ? Warn : Plain));
        }
        spans.Add(($" {c.Theme.Dot} ", Dim));
        spans.Add(("Available:", Bold));
        foreach (var (cls, n) in avail)
        {
            spans.Add(($" {cls.Text()} ", Plain));
            spans.Add((n.ToString(Inv), n == 0 ? Alarm : Good));
        }
        spans.Add(($" {c.Theme.Dot} ", Dim));
        spans.Add(("Missed today: ", Bold));
        spans.Add((missed.ToString(Inv), missed > 0 ? Alarm : Plain));
        if (spans.Sum(sp => sp.Text.Length) > r.W)
            spans = spans.Select(sp => (sp.Text.Replace("Available:", "Avail").Replace("Missed today: ", "Missed ").Replace(" LIAISON ", " LIA ").Replace(" CAMPUS ", " CAM "), sp.Style)).ToList();
        x = r.X;
        foreach (var (text, style) in spans) x = c.Put(x, y, text, style, r.X + r.W);
    }

    /// <summary>
    /// R5, live: the summary's count of deadlines missed today, plus open calls still unassigned whose deadline has
    /// passed since the summary was taken (so the header does not wait for the next summary to count them).
    /// </summary>
    public static int MissedToday(BoardData d, DateTimeOffset now)
    {
        if (d.Summary is not { } q) return 0;
        var n = q.DeadlinesMissedToday;
        var local = TimeZoneInfo.ConvertTime(q.At, q.Zone);
        var midnight = new DateTimeOffset(local.Date, q.Zone.GetUtcOffset(local.Date));
        foreach (var c in d.Calls)
        {
            if (c.Status is not (CallStatus.New or CallStatus.Pending) || c.Deadline is not { } dl || dl <= q.At || c.ReceivedAt < midnight) continue;
            if (FirstResponse.Outcome(dl, null, false, now) == DeadlineOutcome.Missed) n++;
        }
        return n;
    }

    private static string ZoneAbbreviation(DateTimeOffset local)
    {
        var o = local.Offset;
        return o == TimeSpan.Zero ? "UTC" : (o < TimeSpan.Zero ? "-" : "+") + o.ToString(@"hh\:mm", Inv);
    }

    // ---- calls ----------------------------------------------------------------------------------------------

    /// <summary>A panel's border and title; its content goes inside, one cell in from each edge.</summary>
    private static Rect Panel(Screen c, Rect r, string title, bool focused)
    {
        c.Frame(r, focused ? Accent : Dim, title, focused ? Accent : Bold);
        return new Rect(r.X + 1, r.Y + 1, Math.Max(0, r.W - 2), Math.Max(0, r.H - 2));
    }

    private static TableColumn Column(string header, int width, bool last = false, Justify align = Justify.Left) =>
        new TableColumn(new Text(header.Length > width ? header[..width] : header, Bold)) { Width = width, NoWrap = true, Padding = new Padding(0, 0, last ? 0 : 1, 0), Alignment = align };

    private static Table NewTable() => new() { Border = TableBorder.None, ShowHeaders = true, Expand = false };

    /// <summary>Cuts text to a width in cells, ending with an ellipsis when cut.</summary>
    public static string Fit(string? text, int width, BoardTheme theme) => CellText.Fit(text, width, theme.Ellipsis);

    /// <summary>The calls table's widths at an inner width: mark, id, age, priority, type, location, status, officer, deadline.</summary>
    public static int[] CallWidths(int inner, int idWidth)
    {
        int[] w = [2, idWidth, 10, 2, 9, 0, 12, 8, 8];
        var gaps = w.Length - 1;
        var fixedSum = w.Sum();
        w[5] = Math.Max(6, inner - fixedSum - gaps);
        return w;
    }

    private static void CallsPanel(Screen c, BoardState s, Rect r)
    {
        var title = s.Filter.Length > 0
            ? $"Calls {s.Visible.Count} of {s.Data.Calls.Count} {c.Theme.Dot} filter: {s.Filter}"
            : $"Calls {s.Visible.Count} open";
        if (!s.Loaded) title = "Calls (loading...)";
        var inner = Panel(c, r, title, s.Focus == Focus.Calls);
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
                new FixedCell((i == s.SelectedIndex ? c.Theme.Marker : " ") + (marked ? "*" : " "), marked ? Changed : Bold),
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
        if (s.Visible.Count > rows) ScrollHint(c, r, s.Scroll, rows, s.Visible.Count);
    }

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

    private static Style PriorityStyle(int p) => p switch { 1 => Alarm, 2 => Warn, _ => Plain };

    private static Style StatusStyle(CallStatus s) => s switch
    {
        CallStatus.Escalated => Alarm,
        CallStatus.New or CallStatus.Pending => Warn,
        CallStatus.OnScene or CallStatus.EnRoute or CallStatus.Acknowledged => Good,
        _ => Plain,
    };

    // ---- officers -------------------------------------------------------------------------------------------

    private static void OfficersPanel(Screen c, BoardState s, Rect r, bool focused)
    {
        var officers = s.Data.Officers;
        var available = officers.Count(o => o.Status == OfficerStatus.Available);
        var inner = Panel(c, r, $"Officers {available}/{officers.Count} available", focused);
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
        if (officers.Count > rows) ScrollHint(c, r, s.OfficerScroll, rows, officers.Count);
    }

    private static Style OfficerStyle(OfficerStatus s) => s switch
    {
        OfficerStatus.Available => Good,
        OfficerStatus.OffDuty => Dim,
        OfficerStatus.Busy => Warn,
        _ => Plain,
    };

    // ---- detail ---------------------------------------------------------------------------------------------

    private static void DetailPanel(Screen c, BoardState s, Rect r, bool focused)
    {
        var call = s.SelectedCall;
        var inner = Panel(c, r, call is null ? "Detail" : $"Call {call.Id}", focused);
        if (call is null)
        {
            c.Put(inner.X + 1, inner.Y, "No call selected.", Dim, inner.X + inner.W);
            return;
        }
        var lines = c.RenderLines(DetailContent(c, s, call), inner.W);
        var scroll = Math.Clamp(s.DetailScroll, 0, Math.Max(0, lines.Count - inner.H));
        for (var i = 0; i < inner.H && scroll + i < lines.Count; i++) c.DrawLine(lines[scroll + i], inner.X, inner.Y + i, inner.W);
        if (lines.Count > inner.H) ScrollHint(c, r, scroll, inner.H, lines.Count);
    }

    private static IRenderable DetailContent(Screen c, BoardState s, Call call)
    {
        var d = s.Data;
        var zone = d.Zone;
        string Local(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, zone).ToString("HH:mm:ss", Inv);
        d.Locations.TryGetValue(call.Location, out var loc);
        var items = new List<IRenderable>();

        var head = new Paragraph();
        head.Append($"{call.Type} P{call.Priority}", PriorityStyle(call.Priority));
        head.Append($"  {call.Status.Text()}", StatusStyle(call.Status));
        head.Append($"  {call.Class.Text()}  received {Local(call.ReceivedAt)} ({Age(s.Now - call.ReceivedAt)} ago)", Plain);
        items.Add(head);

        var where = new Paragraph();
        where.Append("Location  ", Bold);
        where.Append(loc is null ? call.Location : $"{loc.Name} ({loc.Code}), {loc.Address} {c.Theme.Dot} zone {loc.Zone}", Plain);
        items.Add(where);

        var who = new Paragraph();
        if (call.Deadline is { } dl)
        {
            var (text, style) = Countdown(call, s.Now);
            who.Append("Deadline  ", Bold);
            who.Append(Local(dl), Plain);
            if (text.Length > 0) who.Append($" ({text})", style);
            who.Append("  ", Plain);
        }
        who.Append("Officer  ", Bold);
        who.Append(call.AssignedTo is { } b ? $"{b}{(call.AssignedAt is { } at ? " since " + Local(at) : "")}" : "none", Plain);
        if (call.Agency is { } ag) { who.Append("  Agency  ", Bold); who.Append(ag, Plain); }
        items.Add(who);

        var rep = new Paragraph();
        rep.Append("Reporter  ", Bold);
        rep.Append(call.ReporterRole ?? "unknown", Plain);
        rep.Append("  Basis  ", Bold);
        rep.Append(call.Basis?.Text() ?? "none", Plain);
        rep.Append("  Source  ", Bold);
        rep.Append($"{call.Source}/{call.ExternalId}", Plain);
        items.Add(rep);

        var desc = new Paragraph();
        desc.Append("Description  ", Bold);
        desc.Append(call.Description.Length > 0 ? call.Description : "(none)", call.Description.Length > 0 ? Plain : Dim);
        items.Add(desc);
        if (loc is not null && loc.Notes.Length > 0)
        {
            var notes = new Paragraph();
            notes.Append("Premise notes  ", Bold);
            notes.Append(loc.Notes, Warn);
            items.Add(notes);
        }
        items.Add(new Text("Rule trace", Bold));
        var trace = call.Trace.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (trace.Length == 0) items.Add(new Text("(not decided yet)", Dim));
        foreach (var line in trace) items.Add(new Text("  " + line));
        items.Add(new Text("Events", Bold));
        if (s.Detail is { } det && det.CallId == call.Id)
        {
            foreach (var e in det.Events)
            {
                var p = new Paragraph();
                p.Append($"  {Local(e.At)} ", Dim);
                p.Append(e.Actor, Plain);
                p.Append($" {e.Kind}", Bold);
                if (e.FromStatus is not null || e.ToStatus is not null) p.Append($" {e.FromStatus}{c.Theme.Arrow}{e.ToStatus}", Plain);
                if (e.Badge is not null) p.Append($" {e.Badge}", Plain);
                if (e.Reason.Length > 0) p.Append($" {c.Theme.Dot} {e.Reason}", Dim);
                if (e.LateEntry) p.Append($" [{Data.Policy.EntryTime.Mark(e.RecordedAt!.Value, zone)}]", Warn); // R10
                items.Add(p);
            }
            if (det.Events.Count == 0) items.Add(new Text("  (none recorded)", Dim));
        }
        else
        {
            items.Add(new Text("  loading...", Dim));
        }
        return new Rows(items);
    }

    // ---- status bar and footer ------------------------------------------------------------------------------

    private static void StatusBar(Screen c, BoardState s, Rect r)
    {
        if (s.Input is { } input)
        {
            var prompt = input.Kind == InputKind.Filter ? "/" : ":";
            var x = c.Put(r.X, r.Y, prompt, Bold);
            Field(c, x, r.Y, input.Field, r.X + r.W, true);
            return;
        }
        if (s.Status is { } st)
        {
            var x = c.Put(r.X, r.Y, st.Kind == MessageKind.Error ? "! " : "  ", st.Kind == MessageKind.Error ? Alarm : Plain);
            c.Put(x, r.Y, Fit(st.Text, r.W - 2, c.Theme), st.Kind == MessageKind.Error ? Alarm : Plain, r.X + r.W);
            return;
        }
        if (s.Busy > 0) c.Put(r.X, r.Y, "  Working...", Dim);
        else if (s.Filter.Length > 0) c.Put(r.X, r.Y, Fit($"  Filter: {s.Filter}  ({s.Visible.Count} of {s.Data.Calls.Count}; Esc clears)", r.W, c.Theme), Dim);
    }

    /// <summary>Draws a text field with its cursor as an inverse cell; the text scrolls to keep the cursor in view.</summary>
    private static void Field(Screen c, int x, int y, TextField f, int end, bool withCursor)
    {
        var room = Math.Max(1, end - x - 1);
        var start = Math.Max(0, f.Cursor - room + 1);
        var visible = f.Text[start..];
        var after = c.Put(x, y, visible, Plain, end);
        if (!withCursor) return;
        var cx = x + (f.Cursor - start);
        if (cx < end)
        {
            var under = f.Cursor < f.Text.Length ? f.Text[f.Cursor].ToString() : " ";
            c.Put(cx, y, under, new Style(decoration: Decoration.Invert), end);
        }
        _ = after;
    }

    /// <summary>Key hints generated from the bindings of the current screen and role; help and quit always stay.</summary>
    private static void Footer(Screen c, BoardState s, Rect r)
    {
        var contexts = Bindings.ContextsFor(s.Focus, s.Overlay, s.Input is not null);
        var hints = Bindings.FooterFor(contexts, s.Role).ToList();
        var keep = hints.Where(b => b.Command is BoardCmd.Help or BoardCmd.Quit).ToList();
        var rest = hints.Except(keep).ToList();
        var gap = 2;
        int Width(IEnumerable<Binding> bs) => bs.Sum(b => b.Keys[0].Display(c.Theme.Unicode).Length + 1 + b.Hint.Length + gap);
        if (Width(rest) + Width(keep) > r.W) gap = 1;
        while (rest.Count > 0 && Width(rest) + Width(keep) > r.W) rest.RemoveAt(rest.Count - 1);
        var x = r.X;
        foreach (var b in rest.Concat(keep))
        {
            x = c.Put(x, r.Y, b.Keys[0].Display(c.Theme.Unicode), KeyStyle, r.X + r.W);
            x = c.Put(x, r.Y, " " + b.Hint + new string(' ', gap), Plain, r.X + r.W);
        }
    }

    // ---- overlays -------------------------------------------------------------------------------------------

    private static Rect Centered(BoardState s, int width, int height)
    {
        var w = Math.Min(s.Width - 2, width);
        var h = Math.Min(s.Height - 2, height);
        return new Rect((s.Width - w) / 2, Math.Max(1, (s.Height - h) / 2), w, h);
    }

    private static void Box(Screen c, Rect r, string title, IReadOnlyList<SegmentLine> lines, int scroll = 0)
    {
        c.Fill(r, Plain);
        Panel(c, r, title, true);
        var innerH = r.H - 2;
        scroll = Math.Clamp(scroll, 0, Math.Max(0, lines.Count - innerH));
        for (var i = 0; i < innerH && scroll + i < lines.Count; i++) c.DrawLine(lines[scroll + i], r.X + 2, r.Y + 1 + i, r.W - 4);
        if (lines.Count > innerH) ScrollHint(c, r, scroll, innerH, lines.Count);
    }

    private static void Overlay(Screen c, BoardState s, Overlay o)
    {
        switch (o)
        {
            case HelpOverlay h: Help(c, s, h); break;
            case SummaryOverlay q: Summary(c, s, q); break;
            case RouteOverlay r: Route(c, s, r); break;
            case PickOverlay p: Pick(c, s, p); break;
            case PromptOverlay p: Prompt(c, s, p); break;
            case NewCallOverlay f: NewCall(c, s, f); break;
            case ReclassifyOverlay f: Reclassify(c, s, f); break;
            case ConfirmOverlay q: Confirm(c, s, q); break;
        }
    }

    private static void Help(Screen c, BoardState s, HelpOverlay h)
    {
        var r = Centered(s, 100, s.Height - 2);
        var width = r.W - 4;
        var keysW = 16;
        var items = new List<IRenderable>();
        if (s.Role == OperatorRole.Viewer)
            items.Add(new Text($"Your account ({s.Account}) is a viewer: the board is read-only (R10).", Warn));
        foreach (var group in Bindings.HelpFor(s.Role).GroupBy(b => b.Context))
        {
            items.Add(new Text(Bindings.ContextTitle(group.Key), Accent));
            var t = NewTable();
            t.ShowHeaders = false;
            t.AddColumn(Column("", keysW));
            t.AddColumn(Column("", Math.Max(10, width - keysW - 1), last: true));
            t.Columns[1].NoWrap = false;
            foreach (var b in group) t.AddRow(new Text(b.KeysText(c.Theme.Unicode), Bold), new Text(b.Help));
            items.Add(t);
        }
        Box(c, r, "Help: every key (Esc closes)", c.RenderLines(new Rows(items), width), h.Scroll);
    }

    /// <summary>The supervisor view: the `status` command's summary (open calls, the oldest waiting, escalations, officers, R5 figures).</summary>
    /// <remarks>
    /// The box is as tall as the text once wrapped to the box's width (lines of `status` are up to 80 columns, wider
    /// than the box at 80x24), and scrolls (↑↓, PgUp/PgDn, Home/End) when the screen is shorter, so its last line, the R5
    /// figures, can always be read.
    /// </remarks>
    private static void Summary(Screen c, BoardState s, SummaryOverlay o)
    {
        var text = s.Data.Summary is { } q ? Commands.StatusCommand.Text(q) : "Loading the summary...";
        var lines = text.TrimEnd('\n').Split('\n');
        var width = Math.Min(s.Width - 2, Math.Max(40, lines.Max(CellText.Width) + 4));
        var wrapped = c.RenderLines(new Rows(lines.Select(l => new Text(l))), width - 4);
        var r = Centered(s, width, wrapped.Count + 2);
        Box(c, r, "Queue summary (Esc closes)", wrapped, o.Scroll);
    }

    private static void Route(Screen c, BoardState s, RouteOverlay o)
    {
        s.Data.CallById.TryGetValue(o.CallId, out var call);
        var items = new List<IRenderable>();
        if (call is not null)
            items.Add(new Text($"{call.Type} P{call.Priority} at {s.Data.LocationName(call.Location)} ({call.Location}), {call.Status.Text()}"));
        var listStart = -1;
        if (o.Error is { } err) items.Add(new Text(err, Alarm));
        else if (o.Recommendation is not { } rec) items.Add(new Text("Ranking the candidates...", Dim));
        else if (Data.Dispatch.Recommendations.NotForOfficers(rec) is { } r2) items.Add(new Text(r2, Warn));
        else
        {
            var choices = BoardUpdate.RouteChoices(o, s.Role);
            items.Add(new Text($"{rec.Class.Text()} candidates, nearest first (§3):", Bold));
            listStart = items.Count;
            var n = 0;
            foreach (var cand in rec.Candidates)
            {
                n++;
                items.Add(ChoiceLine(c, n, n - 1 == o.Index, $"{cand.Officer.Badge,-8} {cand.Officer.Role.Text(),-3} {Fit(cand.Officer.Name, 18, c.Theme),-18} {Distance(cand.DistanceMeters),8} {Eta(cand.EtaSeconds),9}{(cand.PostedAtLocation ? "  posted here" : "")}", Plain));
            }
            if (rec.Candidates.Count == 0) items.Add(new Text("  No eligible officer (R5: the worker escalates at the deadline).", Warn));
            if (rec.Excluded.Count > 0)
            {
                items.Add(new Text("Not recommended:", Bold));
                foreach (var x in rec.Excluded)
                {
                    var selectable = x.Overridable && s.Role >= OperatorRole.Supervisor;
                    if (selectable)
                    {
                        n++;
                        items.Add(ChoiceLine(c, n, n - 1 == o.Index, $"{x.Badge,-8} override: {x.Reason}", Warn));
                    }
                    else
                    {
                        items.Add(new Text($"     {x.Badge,-8} {x.Reason}", Dim));
                    }
                }
            }
            if (choices.Count > 0)
            {
                var numbers = choices.Count == 1 ? "Choose 1" : $"Choose 1-{Math.Min(9, choices.Count)}";
                items.Add(new Text($"{numbers} or {(c.Theme.Unicode ? "↑↓" : "Up/Down")} and Enter; Esc closes.", Dim));
            }
        }
        var width = Math.Min(s.Width - 2, 100);
        var lines = c.RenderLines(new Rows(items), width - 4);
        var r = Centered(s, width, lines.Count + 2);
        // Keep the highlighted row in view when the list is longer than the screen.
        var scroll = 0;
        if (listStart >= 0 && lines.Count > r.H - 2) scroll = Math.Max(0, listStart + o.Index - (r.H - 2) / 2);
        Box(c, r, $"Route call {o.CallId}", lines, scroll);
    }

    private static IRenderable ChoiceLine(Screen c, int n, bool selected, string text, Style style)
    {
        var p = new Paragraph();
        p.Append(selected ? c.Theme.Marker + " " : "  ", Bold);
        p.Append(n <= 9 ? $"{n}. " : "   ", Bold);
        p.Append(text, selected ? new Style(style.Foreground, style.Background, style.Decoration | Decoration.Invert) : style);
        return p;
    }

    private static string Distance(double? m) => m is { } v ? (v >= 1000 ? $"{v / 1000:0.0} km" : $"{v:0} m") : "?";

    private static string Eta(double? seconds) => seconds switch
    {
        null => "ETA ?",
        < 60 => "ETA <1 min",
        { } v => "ETA " + TimeSpan.FromSeconds(v).Humanize(1, En, minUnit: TimeUnit.Minute),
    };

    private static void Pick(Screen c, BoardState s, PickOverlay p)
    {
        var items = new List<IRenderable>();
        for (var i = 0; i < p.Items.Count; i++) items.Add(ChoiceLine(c, i + 1, i == p.Index, p.Items[i].Label, Plain));
        if (p.Items.Count == 0) items.Add(new Text("Nothing to choose from.", Dim));
        var width = Math.Min(s.Width - 2, 70);
        var lines = c.RenderLines(new Rows(items), width - 4);
        var r = Centered(s, width, lines.Count + 2);
        Box(c, r, p.Title, lines, Math.Max(0, p.Index - (r.H - 3)));
    }

    private static void Prompt(Screen c, BoardState s, PromptOverlay p)
    {
        var r = Centered(s, Math.Min(s.Width - 2, 90), 5);
        Box(c, r, "Reason", c.RenderLines(new Text(p.Title, Bold), r.W - 4));
        Field(c, r.X + 2, r.Y + 2, p.Field, r.X + r.W - 2, true);
        c.Put(r.X + 2, r.Y + 3, "Enter submits; Esc cancels.", Dim, r.X + r.W - 2);
    }

    private static readonly string[] NewCallLabels = ["Location", "Type", "Priority", "Basis", "Description"];
    private static readonly string[] ReclassifyLabels = ["New type", "Priority", "Reason"];

    private static void NewCall(Screen c, BoardState s, NewCallOverlay f) =>
        Form(c, s, f, "New call (phone)", null, NewCallLabels, i => (NewCallField)i switch
        {
            NewCallField.Priority => "(type's default)",
            NewCallField.Basis => "(danger, disruption, emergency; INTERVENE needs one, R3)",
            _ => null,
        });

    /// <summary>R2: the reclassify form, headed by what the call is now (data as plain text, never markup).</summary>
    private static void Reclassify(Screen c, BoardState s, ReclassifyOverlay f)
    {
        var now = s.Data.CallById.TryGetValue(f.CallId, out var call)
            ? $"Now {call.Type} P{call.Priority} at {s.Data.LocationName(call.Location)}, {call.Status.Text()}"
            : $"Call {f.CallId} (not on the board's open list)";
        var type = BoardUpdate.FindType(s.Data, f.Type.Text.Trim());
        Form(c, s, f, $"Reclassify call {f.CallId} (supervisor, R2)", now, ReclassifyLabels, i => (ReclassifyField)i switch
        {
            ReclassifyField.Priority => type is null ? "(1-4; empty: the type's default)" : $"(1-4; empty: {type.Code}'s default, P{type.DefaultPriority})",
            ReclassifyField.Reason => "(required: recorded with your name, R10)",
            _ => null,
        });
    }

    /// <summary>A form: an optional heading line, the labelled fields, the focused field's suggestions, the keys.</summary>
    private static void Form(Screen c, BoardState s, FormOverlay f, string title, string? heading, string[] labels, Func<int, string?> placeholder)
    {
        const int suggestionRows = 6;
        var suggestions = BoardUpdate.Suggestions(s.Data, f);
        var top = heading is null ? 0 : 2;
        var r = Centered(s, Math.Min(s.Width - 2, 90), top + f.FieldCount + 2 + suggestionRows + 2);
        var end = r.X + r.W - 2;
        Box(c, r, title, []);
        if (heading is not null) c.Put(r.X + 2, r.Y + 1, Fit(heading, end - r.X - 2, c.Theme), Plain, end);
        var labelW = 15;
        for (var i = 0; i < f.FieldCount; i++)
        {
            var y = r.Y + 1 + top + i;
            var focused = i == f.FieldIndex;
            c.Put(r.X + 2, y, (focused ? c.Theme.Marker : " ") + " " + labels[i], focused ? Bold : Plain);
            Field(c, r.X + 2 + labelW, y, f.Value(i), end, focused);
            if (!focused && f.Value(i).IsEmpty && placeholder(i) is { } hint) c.Put(r.X + 2 + labelW, y, hint, Dim, end);
        }
        var sy = r.Y + 1 + top + f.FieldCount + 1;
        for (var i = 0; i < suggestions.Count && sy + i < r.Y + r.H - 2; i++)
        {
            var selected = i == f.Suggestion;
            var label = (selected ? c.Theme.Marker + " " : "  ") + suggestions[i].Label;
            c.Put(r.X + 2 + labelW, sy + i, Fit(label, end - r.X - 2 - labelW, c.Theme), selected ? new Style(decoration: Decoration.Invert) : Plain, end);
        }
        c.Put(r.X + 2, r.Y + r.H - 2, "Tab: take the suggestion  Enter: next, submit on the last  Esc: cancel", Dim, end);
    }

    private static void Confirm(Screen c, BoardState s, ConfirmOverlay q)
    {
        var r = Centered(s, Math.Min(s.Width - 2, Math.Max(40, q.Question.Length + 6)), 3);
        Box(c, r, "Confirm", c.RenderLines(new Text(q.Question, Bold), r.W - 4));
    }
}
