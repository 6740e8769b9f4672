using System.Net;
using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Output;

/// <summary>
/// `calls show ID --timeline [--format text|html]` (issue 15): the incident from receipt to clear. Text is plain lines;
/// HTML is one self-contained page, every value HTML-encoded (feed and note text never become markup). The HTML carries
/// the description and the notes for a supervisor only (R9: a page is easily forwarded); others get it without them.
/// </summary>
public static class TimelineOutput
{
    public static void Text(TextWriter w, Call call, IReadOnlyList<TimelineEntry> entries, TimeZoneInfo zone)
    {
        w.WriteLine($"Call {call.Id}  {call.Type} P{call.Priority}  {call.Status.Text()}  at {call.Location}, received {TimeText.ToIso(call.ReceivedAt, zone)}");
        if (call.Description.Length > 0) w.WriteLine($"  description  {call.Description}");
        foreach (var e in entries)
        {
            var detail = e.Detail.Length == 0 ? "" : $": {e.Detail}";
            w.WriteLine($"  {Local(e.At, zone)}  {Timeline.Elapsed(e.Elapsed),9}  {e.Actor,-10} {e.What}{detail}");
        }
    }

    public static void Html(TextWriter w, Call call, IReadOnlyList<TimelineEntry> entries, TimeZoneInfo zone, bool withText)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        w.WriteLine("<!DOCTYPE html>");
        w.WriteLine("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + E($"Call {call.Id} timeline") + "</title>");
        w.WriteLine("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.25em .5em;text-align:left;vertical-align:top}.note{background:#f4f4f4}</style></head><body>");
        w.WriteLine($"<h1>{E($"Call {call.Id}: {call.Type} P{call.Priority} at {call.Location}")}</h1>");
        w.WriteLine($"<p>{E($"Received {TimeText.ToIso(call.ReceivedAt, zone)} from {call.Source}; now {call.Status.Text()}" + (call.Disposition is { } d ? $", disposition {d}" : "") + ".")}</p>");
        if (withText && call.Description.Length > 0) w.WriteLine($"<p>Description: {E(call.Description)}</p>");
        else if (!withText) w.WriteLine("<p>Description and notes withheld: a timeline with them is for supervisors only (R9).</p>");
        w.WriteLine("<table><thead><tr><th>Time</th><th>Elapsed</th><th>Who</th><th>What</th><th>Detail</th></tr></thead><tbody>");
        foreach (var e in entries)
            w.WriteLine($"<tr{(e.IsNote ? " class=\"note\"" : "")}><td>{E(Local(e.At, zone))}</td><td>{E(Timeline.Elapsed(e.Elapsed))}</td><td>{E(e.Actor)}</td><td>{E(e.What)}</td><td>{E(e.Detail)}</td></tr>");
        w.WriteLine("</tbody></table></body></html>");
    }

    private static string Local(DateTimeOffset t, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(t, zone).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
