using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Board;

/// <summary>What a key does. The keys themselves live in <see cref="Bindings.Table"/>, never in code.</summary>
public enum BoardCmd
{
    // Board-wide
    Help, Quit, Filter, CommandLine, Summary, NextPanel, PrevPanel, NewCall, Redraw, Escape, Suspend,
    // Lists
    Up, Down, PageUp, PageDown, Top, Bottom,
    // Calls
    Detail, Route, Ack, EnRoute, OnScene, Clear, Divert, Cancel, Reclassify, Note, Link,
    // Officers
    OfficerStatus,
    // Dialogs and forms
    Choose, ChooseNumber, Assist, Close, NextField, PrevField, Submit, Yes, No,
}

/// <summary>Where a binding applies. A screen looks its keys up in a list of contexts, the first match winning.</summary>
public enum BindingContext { Board, Lists, Calls, Officers, Route, Dialog, Form, Confirm, Help }

/// <summary>
/// One key binding (k9s style: bindings are data). <see cref="Hint"/> is the footer's word; <see cref="Help"/> the
/// help screen's sentence; <see cref="MinRole"/> who may use it (R10: a viewer's board is read-only, so bindings
/// above the operator's role are hidden and refused); <see cref="Footer"/> whether it earns a place in the footer.
/// </summary>
public sealed record Binding(
    BoardCmd Command,
    IReadOnlyList<KeyPress> Keys,
    string Hint,
    string Help,
    OperatorRole MinRole,
    BindingContext Context,
    bool Footer = true)
{
    public string KeysText(bool unicode) => string.Join("/", Keys.Select(k => k.Display(unicode)));
}

/// <summary>The key bindings of the board, and lookups over them. The footer and the `?` help screen are generated from <see cref="Table"/>.</summary>
public static class Bindings
{
    private static KeyPress C(char c) => KeyPress.Of(c);
    private static KeyPress N(KeyName n) => KeyPress.Named(n);
    private static KeyPress Ctrl(char c) => KeyPress.CtrlOf(c);

    private const OperatorRole Anyone = OperatorRole.Viewer;
    private const OperatorRole Dispatcher = OperatorRole.Dispatcher;
    private const OperatorRole Supervisor = OperatorRole.Supervisor;

    public static readonly IReadOnlyList<Binding> Table =
    [
        // Calls (the selected call). R10: dispatchers and supervisors only.
        new(BoardCmd.Route, [C('r')], "route", "Route the selected call: ranked candidates with ETA, and the excluded with reasons", Dispatcher, BindingContext.Calls),
        new(BoardCmd.Ack, [C('a')], "ack", "Acknowledge for the assigned officer (R6)", Dispatcher, BindingContext.Calls),
        new(BoardCmd.EnRoute, [C('e')], "enroute", "Mark the assigned officer en route", Dispatcher, BindingContext.Calls),
        new(BoardCmd.OnScene, [C('o')], "onscene", "Mark the assigned officer on scene", Dispatcher, BindingContext.Calls),
        new(BoardCmd.Clear, [C('c')], "clear", "Clear the call with a disposition (APCO codes)", Dispatcher, BindingContext.Calls),
        new(BoardCmd.Divert, [C('d')], "divert", "Divert the call to the school administration, with a reason (R2)", Dispatcher, BindingContext.Calls, Footer: false),
        new(BoardCmd.Cancel, [C('x')], "cancel", "Cancel the call, with a reason", Dispatcher, BindingContext.Calls, Footer: false),
        // R2: no override of a diversion exists; a supervisor may only reclassify the call, which is recorded (R10).
        new(BoardCmd.Reclassify, [C('t')], "reclassify", "Reclassify the call (supervisors, R2): new type, priority, reason; intake decides it again", Supervisor, BindingContext.Calls, Footer: false),
        // Issue 15: notes and duplicates (the store refuses viewers too, R10).
        new(BoardCmd.Note, [C('N')], "note", "Add a note to the selected call (free text, R9: kept out of aggregates)", Dispatcher, BindingContext.Calls),
        new(BoardCmd.Link, [C('L')], "link", "Link the selected call as a duplicate: pick its master (the possible duplicate flagged by intake first)", Dispatcher, BindingContext.Calls),
        new(BoardCmd.Detail, [N(KeyName.Enter)], "detail", "Show the selected call's detail", Anyone, BindingContext.Calls, Footer: false),

        // Officers panel.
        new(BoardCmd.OfficerStatus, [N(KeyName.Enter), C('t')], "status", "Set the selected officer AVAILABLE, OFF_DUTY or BUSY", Dispatcher, BindingContext.Officers),

        // Board-wide.
        new(BoardCmd.NewCall, [C('n')], "new", "Take a new call (phone): location, type, priority, basis, description", Dispatcher, BindingContext.Board),
        new(BoardCmd.Filter, [C('/')], "filter", "Filter calls: words match text; status:S, zone:Z, p:N narrow; Esc clears", Anyone, BindingContext.Board),
        new(BoardCmd.NextPanel, [N(KeyName.Tab)], "panel", "Next panel: calls, officers, detail (small terminals show one at a time)", Anyone, BindingContext.Board),
        new(BoardCmd.PrevPanel, [N(KeyName.BackTab)], "back", "Previous panel", Anyone, BindingContext.Board, Footer: false),
        new(BoardCmd.Summary, [C('s')], "summary", "Supervisor view: the queue at a glance", Anyone, BindingContext.Board),
        new(BoardCmd.CommandLine, [C(':')], "cmd", "Command line: assign CALL BADGE [REASON], ack, enroute, onscene, clear CALL CODE, divert/cancel CALL REASON, reclassify CALL TYPE [pN] REASON (supervisors), officer BADGE STATUS, new, filter TEXT, CALL (go to), quit", Anyone, BindingContext.Board),
        new(BoardCmd.Help, [C('?'), N(KeyName.F1)], "help", "This help: every key binding", Anyone, BindingContext.Board),
        new(BoardCmd.Redraw, [Ctrl('l')], "redraw", "Redraw the whole screen", Anyone, BindingContext.Board, Footer: false),
        new(BoardCmd.Suspend, [Ctrl('z')], "suspend", "Suspend to the shell; `fg` brings the board back as it was", Anyone, BindingContext.Board, Footer: false),
        new(BoardCmd.Escape, [N(KeyName.Escape)], "clear filter", "Clear the filter and the message line", Anyone, BindingContext.Board, Footer: false),
        new(BoardCmd.Quit, [C('q'), Ctrl('c')], "quit", "Quit (asks first when a form holds input)", Anyone, BindingContext.Board),

        // Any list (calls, officers, detail, dialogs, help).
        new(BoardCmd.Up, [N(KeyName.Up), C('k')], "up", "Move up", Anyone, BindingContext.Lists, Footer: false),
        new(BoardCmd.Down, [N(KeyName.Down), C('j')], "down", "Move down", Anyone, BindingContext.Lists, Footer: false),
        new(BoardCmd.PageUp, [N(KeyName.PageUp)], "page up", "Page up", Anyone, BindingContext.Lists, Footer: false),
        new(BoardCmd.PageDown, [N(KeyName.PageDown)], "page down", "Page down", Anyone, BindingContext.Lists, Footer: false),
        new(BoardCmd.Top, [N(KeyName.Home), C('g')], "top", "First row", Anyone, BindingContext.Lists, Footer: false),
        new(BoardCmd.Bottom, [N(KeyName.End), C('G')], "bottom", "Last row", Anyone, BindingContext.Lists, Footer: false),

        // Dialogs (route, pickers).
        new(BoardCmd.Choose, [N(KeyName.Enter)], "choose", "Choose the highlighted row", Anyone, BindingContext.Dialog),
        new(BoardCmd.ChooseNumber, [C('1'), C('2'), C('3'), C('4'), C('5'), C('6'), C('7'), C('8'), C('9')], "choose", "Choose row N", Anyone, BindingContext.Dialog, Footer: false),
        new(BoardCmd.Assist, [C('+')], "assist", "Add the highlighted officer as an assist on a call that has its first responder (R1: never the first response)", Dispatcher, BindingContext.Route),
        new(BoardCmd.Close, [N(KeyName.Escape)], "close", "Close without doing anything", Anyone, BindingContext.Dialog),

        // Forms and prompts (text entry: letters are typed, so only non-letter keys are bound).
        new(BoardCmd.Submit, [N(KeyName.Enter)], "next/submit", "Next field; on the last field, submit", Anyone, BindingContext.Form),
        new(BoardCmd.NextField, [N(KeyName.Tab)], "accept/next", "Accept the suggestion and go to the next field", Anyone, BindingContext.Form),
        new(BoardCmd.PrevField, [N(KeyName.BackTab)], "previous", "Previous field", Anyone, BindingContext.Form, Footer: false),
        new(BoardCmd.Up, [N(KeyName.Up)], "suggestion", "Previous suggestion", Anyone, BindingContext.Form, Footer: false),
        new(BoardCmd.Down, [N(KeyName.Down)], "suggestion", "Next suggestion", Anyone, BindingContext.Form, Footer: false),
        new(BoardCmd.Close, [N(KeyName.Escape)], "cancel", "Cancel (asks first when it holds input)", Anyone, BindingContext.Form),

        // Yes/no questions.
        new(BoardCmd.Yes, [C('y'), C('Y'), N(KeyName.Enter)], "yes", "Yes", Anyone, BindingContext.Confirm),
        new(BoardCmd.No, [C('n'), C('N'), N(KeyName.Escape)], "no", "No, go back", Anyone, BindingContext.Confirm),

        // Help screen and supervisor view.
        new(BoardCmd.Close, [N(KeyName.Escape), C('?'), C('q')], "close", "Close the help or the supervisor view", Anyone, BindingContext.Help),
    ];

    /// <summary>The contexts a screen consults, most specific first.</summary>
    public static IReadOnlyList<BindingContext> ContextsFor(Focus focus, Overlay? overlay, bool inputLine) => overlay switch
    {
        { } o => o.Contexts,
        _ when inputLine => [BindingContext.Form],
        _ => focus switch
        {
            Focus.Officers => [BindingContext.Officers, BindingContext.Lists, BindingContext.Board],
            Focus.Detail => [BindingContext.Lists, BindingContext.Board],
            _ => [BindingContext.Calls, BindingContext.Lists, BindingContext.Board],
        },
    };

    /// <summary>The binding a key triggers in these contexts, whatever the role (the caller refuses what the role may not do).</summary>
    public static Binding? Find(KeyPress key, IReadOnlyList<BindingContext> contexts)
    {
        foreach (var ctx in contexts)
            foreach (var b in Table)
                if (b.Context == ctx && b.Keys.Contains(key)) return b;
        return null;
    }

    /// <summary>The bindings shown in the footer for these contexts and this role, in table order, one per command.</summary>
    public static IEnumerable<Binding> FooterFor(IReadOnlyList<BindingContext> contexts, OperatorRole role)
    {
        var seen = new HashSet<BoardCmd>();
        foreach (var ctx in contexts)
            foreach (var b in Table)
                if (b.Context == ctx && b.Footer && role >= b.MinRole && seen.Add(b.Command)) yield return b;
    }

    /// <summary>Every binding this role may use, for the help screen.</summary>
    public static IEnumerable<Binding> HelpFor(OperatorRole role) => Table.Where(b => role >= b.MinRole);

    public static string ContextTitle(BindingContext c) => c switch
    {
        BindingContext.Calls => "Calls (the selected call)",
        BindingContext.Officers => "Officers panel",
        BindingContext.Board => "Anywhere on the board",
        BindingContext.Lists => "Lists",
        BindingContext.Route => "Route dialog",
        BindingContext.Dialog => "Dialogs",
        BindingContext.Form => "Forms and prompts",
        BindingContext.Confirm => "Questions",
        _ => "Help",
    };

    /// <summary>R10 refusal for a binding above the operator's role, one sentence (the store's, <see cref="Operators.Refusal"/>).</summary>
    public static string Refusal(Binding b, string account, OperatorRole role) => Operators.Refusal(account, role, b.MinRole, b.Hint);
}
