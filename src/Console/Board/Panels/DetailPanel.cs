using System.Globalization;
using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Data.Domain;
using Spectre.Console;
using Spectre.Console.Rendering;
using static SafetyConsole.Cli.Board.BoardStyles;

namespace SafetyConsole.Cli.Board;

/// <summary>The selected call's detail: what, where, who, the rule trace and its events (loaded off the loop).</summary>
public static class DetailPanel
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Draw(Screen c, BoardState s, Rect r, bool focused)
    {
        var call = s.SelectedCall;
        var inner = ViewKit.Panel(c, r, call is null ? "Detail" : $"Call {call.Id}", focused);
        if (call is null)
        {
            c.Put(inner.X + 1, inner.Y, "No call selected.", Dim, inner.X + inner.W);
            return;
        }
        var lines = c.RenderLines(DetailContent(c, s, call), inner.W);
        var scroll = Math.Clamp(s.DetailScroll, 0, Math.Max(0, lines.Count - inner.H));
        for (var i = 0; i < inner.H && scroll + i < lines.Count; i++) c.DrawLine(lines[scroll + i], inner.X, inner.Y + i, inner.W);
        if (lines.Count > inner.H) ViewKit.ScrollHint(c, r, scroll, inner.H, lines.Count);
    }

    private static IRenderable DetailContent(Screen c, BoardState s, Call call)
    {
        var d = s.Data;
        var zone = d.Zone;
        string Local(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, zone).ToString("HH:mm:ss", Inv);
        d.Locations.TryGetValue(call.Location, out var loc);
        var items = new List<IRenderable>();

        var head = new Paragraph();
        head.Append($"{call.Type} P{call.Priority}", CallsPanel.PriorityStyle(call.Priority));
        head.Append($"  {call.Status.Text()}", CallsPanel.StatusStyle(call.Status));
        head.Append($"  {call.Class.Text()}  received {Local(call.ReceivedAt)} ({CallsPanel.Age(s.Now - call.ReceivedAt)} ago)", Plain);
        items.Add(head);

        var where = new Paragraph();
        where.Append("Location  ", Bold);
        where.Append(loc is null ? call.Location : $"{loc.Name} ({loc.Code}), {loc.Address} {c.Theme.Dot} zone {loc.Zone}", Plain);
        items.Add(where);

        var who = new Paragraph();
        if (call.Deadline is { } dl)
        {
            var (text, style) = CallsPanel.Countdown(call, s.Now);
            who.Append("Deadline  ", Bold);
            who.Append(Local(dl), Plain);
            if (text.Length > 0) who.Append($" ({text})", style);
            who.Append("  ", Plain);
        }
        // Issue 15: every officer on the call (the assignments table), else the call's own first responder.
        if (ViewKit.OfficersText(d, call.Id) is { } officers && d.OnCall[call.Id].Count > 1)
        {
            who.Append("Officers  ", Bold);
            who.Append(officers, Plain);
        }
        else
        {
            who.Append("Officer  ", Bold);
            who.Append(call.AssignedTo is { } b ? $"{b}{(call.AssignedAt is { } at ? " since " + Local(at) : "")}" : "none", Plain);
        }
        if (call.Agency is { } ag) { who.Append("  Agency  ", Bold); who.Append(ag, Plain); }
        items.Add(who);

        if (CallsPanel.PossibleMaster(d, call.Id) is { } master)
        {
            var dup = new Paragraph();
            dup.Append("Possible duplicate  ", Warn);
            dup.Append($"of call {master.Id}: {master.Type} P{master.Priority} at {d.LocationName(master.Location)}, {master.Status.Text()}{(master.AssignedTo is { } mb ? " (" + mb + ")" : "")}", Plain);
            if (s.Role >= OperatorRole.Dispatcher) dup.Append($"  {c.Theme.Dot} L links it", Dim);
            items.Add(dup);
        }

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
        if (s.Detail is { } withNotes && withNotes.CallId == call.Id && withNotes.Notes.Count > 0)
        {
            // Issue 15: the desk's notes, as `calls show` prints them (text cleaned at entry, never markup).
            items.Add(new Text("Notes", Bold));
            foreach (var n in withNotes.Notes)
            {
                var p = new Paragraph();
                p.Append($"  {Local(n.At)} ", Dim);
                p.Append(n.Author, Plain);
                p.Append($" {n.Text}", Plain);
                items.Add(p);
            }
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
}
