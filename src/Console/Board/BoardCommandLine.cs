using System.Globalization;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Board;

/// <summary>
/// The `:` command line: the command-line verbs, typed on the board (`:assign 42 SLO-1`). A call number may be left
/// out to act on the selected call (`:ack`). Same rules as the keys: R10 refusals for viewers, actions run on the worker.
/// </summary>
public static class BoardCommandLine
{
    public const string Usage =
        "Commands: assign CALL BADGE [override reason], assist CALL BADGE, route CALL, ack CALL, enroute CALL, onscene CALL, clear CALL [CODE], "
        + "divert CALL REASON, cancel CALL REASON, reclassify CALL [TYPE [pN] REASON] (supervisors), link CALL MASTER, note CALL TEXT, officer BADGE STATUS, new, filter TEXT, CALL (go to it), help, quit.";

    private static readonly HashSet<string> ActionVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "assign", "route", "ack", "enroute", "onscene", "clear", "divert", "cancel", "officer", "new", "reclassify",
        "assist", "link", "note",
    };

    /// <summary>R10: who may use a verb (R2: reclassification is a supervisor's).</summary>
    private static OperatorRole Needs(string verb) =>
        verb == "reclassify" ? OperatorRole.Supervisor : ActionVerbs.Contains(verb) ? OperatorRole.Dispatcher : OperatorRole.Viewer;

    public static (BoardState, IReadOnlyList<Effect>) Run(BoardState s, string text)
    {
        var words = Split(text);
        if (words.Count == 0) return (s, []);
        var verb = words[0].ToLowerInvariant();
        var rest = words.Skip(1).ToList();

        if (s.Role < Needs(verb)) return BoardUpdate.Refused(s, Operators.Refusal(s.Account, s.Role, Needs(verb), verb), null);

        if (long.TryParse(verb, NumberStyles.None, CultureInfo.InvariantCulture, out var goTo)) return Selection.GoTo(s, goTo);

        switch (verb)
        {
            case "q" or "quit" or "exit": return (s with { Quit = true }, []);
            case "help" or "?": return (s with { Overlay = new HelpOverlay() }, []);
            case "status" or "summary": return (s with { Overlay = new SummaryOverlay() }, []);
            case "filter": return (Selection.WithFilter(s, string.Join(" ", rest)), []);
            case "new": return (s with { Overlay = NewCallOverlay.Blank }, []);
            case "officer":
            {
                // `officer BADGE STATUS`, also `officer status BADGE STATUS` as on the command line.
                if (rest.Count == 3 && string.Equals(rest[0], "status", StringComparison.OrdinalIgnoreCase)) rest.RemoveAt(0);
                if (rest.Count != 2) return Bad(s, "Write it as `officer BADGE STATUS`, e.g. `officer CSO-12 AVAILABLE`.");
                if (!Codes.TryParseOfficerStatus(rest[1], out var st) || st is not (OfficerStatus.Available or OfficerStatus.OffDuty or OfficerStatus.Busy))
                    return Bad(s, $"'{rest[1]}' is not a status an officer sets; use AVAILABLE, OFF_DUTY or BUSY.");
                return BoardUpdate.Act(s, new OfficerStatusAction(rest[0], st));
            }
        }

        // The call verbs: the first word may be the call's number; otherwise the selected call.
        long? call = null;
        if (rest.Count > 0 && long.TryParse(rest[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            call = n;
            rest.RemoveAt(0);
        }
        var numbered = call is not null;
        call ??= s.SelectedCallId;
        var known = verb is "assign" or "assist" or "route" or "ack" or "enroute" or "onscene" or "clear" or "divert" or "cancel"
            or "reclassify" or "link" or "note";
        if (!known) return Bad(s, $"':{verb}' is not a board command. {Usage}");
        if (call is not { } id) return Bad(s, $"Give the call's number, e.g. `:{verb} 42`; no call is selected.");
        var reason = string.Join(' ', rest).Trim();
        switch (verb)
        {
            case "assign":
                if (rest.Count == 0) return Bad(s, $"Write it as `assign {id} BADGE [override reason]`; `route {id}` lists the candidates.");
                var badge = rest[0];
                var why = string.Join(' ', rest.Skip(1)).Trim();
                return BoardUpdate.Act(s, new AssignAction(id, badge, why.Length == 0 ? null : why));
            case "assist":
                // Issue 15: an assisting officer (R1 does not apply: an assist is never the first response).
                if (rest.Count != 1) return Bad(s, $"Write it as `assist {id} BADGE`; `route {id}` lists who is available to assist.");
                return BoardUpdate.Act(s, new AssistAction(id, rest[0]));
            case "link":
                if (rest.Count != 1 || !long.TryParse(rest[0], NumberStyles.None, CultureInfo.InvariantCulture, out var master))
                    return Bad(s, $"Write it as `link {id} MASTER`, the number of the open call it duplicates (L on the call offers them).");
                return BoardUpdate.Act(s, new LinkAction(id, master));
            case "note":
            {
                // The note is the text as typed after the call number (quotes and spacing kept), not the split words.
                var note = NoteText(text, numbered);
                if (note.Length == 0) return Bad(s, $"Write it as `note {id} TEXT`; N on the call opens a box for a longer note.");
                return BoardUpdate.Act(s, new NoteAction(id, note));
            }
            case "route": return RouteOverlay.Open(s, id);
            case "ack": return BoardUpdate.Act(s, new MoveAction(id, CallStatus.Acknowledged));
            case "enroute": return BoardUpdate.Act(s, new MoveAction(id, CallStatus.EnRoute));
            case "onscene": return BoardUpdate.Act(s, new MoveAction(id, CallStatus.OnScene));
            case "clear":
                if (rest.Count == 0) return (PickOverlay.Disposition(s, id), []);
                var code = rest[0];
                if (s.Data.Dispositions.Count > 0 && !s.Data.Dispositions.Any(d => string.Equals(d.Code, code, StringComparison.Ordinal)))
                    return Bad(s, $"'{code}' is not a disposition code; use one of {string.Join(", ", s.Data.Dispositions.Select(d => d.Code))} (or `clear {id}` for the list).");
                return BoardUpdate.Act(s, new ClearAction(id, code));
            case "reclassify": return Reclassify(s, id, rest);
            case "divert":
                if (reason.Length == 0) return Bad(s, $"Give a reason: `divert {id} REASON` (it goes into the event log).");
                return BoardUpdate.Act(s, new DivertAction(id, reason));
            default:
                if (reason.Length == 0) return Bad(s, $"Give a reason: `cancel {id} REASON` (it goes into the event log).");
                return BoardUpdate.Act(s, new CancelAction(id, reason));
        }
    }

    /// <summary>
    /// R2: `reclassify [CALL] TYPE [pN] REASON`; with no type it opens the form (the way to a DIVERTED or REFERRED call,
    /// which has left the board's list). The rules and the supervisor check (R10) are the store action's.
    /// </summary>
    private static (BoardState, IReadOnlyList<Effect>) Reclassify(BoardState s, long id, List<string> rest)
    {
        if (rest.Count == 0) return (s with { Overlay = ReclassifyOverlay.For(id) }, []);
        var type = FormOverlay.FindType(s.Data, rest[0]);
        if (type is null && s.Data.CallTypes.Count > 0)
            return Bad(s, $"'{rest[0]}' is not a call type; `reclassify {id}` opens the form with the list.");
        int? priority = null;
        var words = rest.Skip(1).ToList();
        if (words.Count > 0 && words[0] is ['p' or 'P', >= '1' and <= '4'])
        {
            priority = words[0][1] - '0';
            words.RemoveAt(0);
        }
        var reason = string.Join(' ', words).Trim();
        if (reason.Length == 0) return Bad(s, $"Give a reason: `reclassify {id} TYPE [p1-p4] REASON` (it goes into the event log with your name, R2).");
        return BoardUpdate.Act(s, new ReclassifyAction(id, type?.Code ?? rest[0].ToUpperInvariant(), priority, reason));
    }

    /// <summary>`note [CALL] TEXT`: what follows the verb (and the call's number when one was given), verbatim but trimmed.</summary>
    private static string NoteText(string text, bool numbered)
    {
        var rest = AfterWord(text.TrimStart());
        return (numbered ? AfterWord(rest) : rest).Trim();
    }

    private static string AfterWord(string text)
    {
        var space = text.IndexOf(' ');
        return space < 0 ? "" : text[(space + 1)..].TrimStart();
    }

    private static (BoardState, IReadOnlyList<Effect>) Bad(BoardState s, string message) => (BoardUpdate.Error(s, message), []);

    /// <summary>Splits on spaces; "double quotes" keep a phrase together.</summary>
    public static List<string> Split(string text)
    {
        var words = new List<string>();
        var cur = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var ch in text)
        {
            if (ch == '"') { quoted = !quoted; continue; }
            if (ch == ' ' && !quoted)
            {
                if (cur.Length > 0) { words.Add(cur.ToString()); cur.Clear(); }
                continue;
            }
            cur.Append(ch);
        }
        if (cur.Length > 0) words.Add(cur.ToString());
        return words;
    }
}
