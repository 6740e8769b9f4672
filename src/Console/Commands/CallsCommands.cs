using System.CommandLine;
using SafetyConsole.Cli.Output;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Commands;

/// <summary>`calls list [--open] [--json]` and `calls show ID [--json]` (a call with its events and rule trace).</summary>
public static class CallsCommands
{
    public static IEnumerable<Command> Build(CliContext ctx)
    {
        var cmd = new Command("calls", "List calls, or show one call with its events and rule trace.");

        var open = new Option<bool>("--open") { Description = "Only calls still needing or holding a responder." };
        var json = CliOptions.Json();
        var list = new Command("list", "List calls, oldest first.") { open, json };
        list.SetAction(CliApp.Guard(ctx, parse =>
        {
            using var db = ctx.OpenDb(parse);
            var zone = db.DistrictZone();
            var calls = Reads.Calls(db, parse.GetValue(open));
            if (parse.GetValue(json))
            {
                var withText = FreeTextAccess.InLists(Operators.RoleOf(db, ctx.Account)); // R9: not in a viewer's list
                JsonOut.Write(ctx.Out, calls.Select(c => JsonOut.Of(c, zone, withText)).ToList());
                return 0;
            }
            var t = new TextTable(TextColumn.Number("ID", 7), new("RECEIVED", 14), new("P", 2), new("TYPE", 10, 6), new("LOCATION", 24, 6),
                new("STATUS", 12), new("OFFICER", 10, 6), new("DEADLINE", 14));
            foreach (var c in calls)
                t.AddRow(c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), LocalTime(c.ReceivedAt, zone), $"P{c.Priority}", c.Type,
                    c.Location, c.Status.Text(), c.AssignedTo ?? "", c.Deadline is { } d ? LocalTime(d, zone) : "");
            t.Write(ctx);
            ctx.Out.WriteLine($"{calls.Count} call(s).");
            return 0;
        }));

        var id = CliOptions.CallId();
        var showJson = CliOptions.Json();
        var timeline = new Option<bool>("--timeline") { Description = "The incident from receipt to clear, with elapsed times (issue 15)." };
        var format = new Option<string?>("--format") { Description = "With --timeline: text (default) or html (description and notes for supervisors only, R9).", HelpName = "FORMAT" };
        var show = new Command("show", "Show one call: its fields, rule trace, notes and every event.") { id, showJson, timeline, format };
        show.SetAction(CliApp.Guard(ctx, parse =>
        {
            var fmt = ReportCommand.Choice(parse.GetValue(format), "--format", ["text", "html"], "text");
            if (parse.GetValue(format) is not null && !parse.GetValue(timeline))
                throw SafetyException.Usage("--format goes with --timeline; add --timeline, or drop --format.");
            if (parse.GetValue(timeline) && parse.GetValue(showJson))
                throw SafetyException.Usage("--timeline prints text or html; drop --json (`calls show ID --json` has the events and notes).");
            using var db = ctx.OpenDb(parse);
            var zone = db.DistrictZone();
            var call = Reads.RequireCall(db, parse.GetValue(id));
            var role = Operators.RoleOf(db, ctx.Account);
            var htmlWithText = role == OperatorRole.Supervisor;
            // R9: a viewer's read of the detail (description, notes) is recorded; an HTML timeline without them is no such read.
            if (!(parse.GetValue(timeline) && fmt == "html" && !htmlWithText))
                DetailReadAudit.Record(db, ctx.Account, call.Id, ctx.Now, parse.GetValue(timeline) ? "by `calls show --timeline`" : "by `calls show`");
            var events = Reads.EventsOfCall(db, call.Id);
            var notes = CallNotes.Of(db, call.Id);
            var officers = Assignments.OfCall(db, call.Id);
            var links = Duplicates.LinksOf(db, call.Id);
            if (parse.GetValue(timeline))
            {
                if (fmt == "html")
                {
                    var withheld = htmlWithText ? call : call with { Description = "" };
                    TimelineOutput.Html(ctx.Out, withheld, Data.Dispatch.Timeline.Build(call, events, notes, htmlWithText), zone, htmlWithText);
                }
                else TimelineOutput.Text(ctx.Out, call, Data.Dispatch.Timeline.Build(call, events, notes), zone);
                return 0;
            }
            if (parse.GetValue(showJson))
            {
                JsonOut.Write(ctx.Out, JsonOut.Detail(call, events, zone, notes, officers) with
                {
                    DuplicateOf = links.DuplicateOf, PossibleDuplicateOf = links.PossibleDuplicateOf, Duplicates = links.Duplicates,
                });
                return 0;
            }
            var w = ctx.Out;
            w.WriteLine($"Call {call.Id}  {call.Type} P{call.Priority}  {call.Status.Text()}  class {call.Class.Text()}");
            w.WriteLine($"  source       {call.Source} / {call.ExternalId}");
            w.WriteLine($"  received     {TimeText.ToIso(call.ReceivedAt, zone)}");
            w.WriteLine($"  location     {call.Location}");
            if (call.Deadline is { } d) w.WriteLine($"  deadline     {TimeText.ToIso(d, zone)}");
            if (call.AssignedTo is { } b) w.WriteLine($"  assigned to  {b}");
            // Issue 15: every officer on the call, first responder and assists, each with its own progress.
            foreach (var o in officers.Where(o => o.Open && o.Assist)) w.WriteLine($"  assisting    {o.Badge} ({o.Progress})");
            if (call.Agency is { } a) w.WriteLine($"  agency       {a}");
            if (call.Disposition is { } disp) w.WriteLine($"  disposition  {disp}");
            if (links.DuplicateOf is { } m) w.WriteLine($"  duplicate of call {m}");
            else if (links.PossibleDuplicateOf is { } p && Transitions.IsOpen(call.Status)) w.WriteLine($"  possible duplicate of call {p} (`link {call.Id} {p}`)");
            if (links.Duplicates.Count > 0) w.WriteLine($"  duplicates   {string.Join(", ", links.Duplicates.Select(d => $"call {d}"))}");
            if (call.ReporterRole is { } rr) w.WriteLine($"  reporter     {rr}");
            if (call.Basis is { } basis) w.WriteLine($"  basis        {basis.Text()}");
            if (call.Description.Length > 0) w.WriteLine($"  description  {call.Description}");
            if (notes.Count > 0)
            {
                w.WriteLine("Notes:");
                foreach (var n in notes) w.WriteLine($"  {LocalTime(n.At, zone)}  {n.Author,-10} {n.Text}");
            }
            if (officers.Count > 0)
            {
                w.WriteLine("Officers:");
                foreach (var o in officers)
                    w.WriteLine($"  {o.Badge,-10} {(o.Assist ? "assist" : "first "),-6} {o.Progress}, assigned {LocalTime(o.AssignedAt, zone)} by {o.AssignedBy}");
            }
            w.WriteLine("Rule trace:");
            foreach (var line in JsonOut.TraceLines(call.Trace)) w.WriteLine($"  {line}");
            // One line per event: a table would squeeze the short columns to make room for long reasons.
            w.WriteLine("Events:");
            foreach (var e in events)
            {
                var move = e.FromStatus is null && e.ToStatus is null ? "" : $" {e.FromStatus ?? "-"}->{e.ToStatus ?? "-"}";
                var officer = e.Badge is null ? "" : $" {e.Badge}";
                var reason = e.Reason.Length == 0 ? "" : $": {e.Reason}";
                // R10: an entry made far from its effective time says so, and when it was really made.
                var late = e.LateEntry ? $" [{Data.Policy.EntryTime.Mark(e.RecordedAt!.Value, zone)}]" : "";
                w.WriteLine($"  {LocalTime(e.At, zone)}  {e.Actor,-10} {e.Kind}{move}{officer}{reason}{late}");
            }
            return 0;
        }));

        cmd.Subcommands.Add(list);
        cmd.Subcommands.Add(show);
        yield return cmd;
    }

    private static string LocalTime(DateTimeOffset t, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(t, zone).ToString("MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
