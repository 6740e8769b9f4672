using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Feeds;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Board;

/// <summary>What an action reports: the sentence for the status line, and the id of a call it created.</summary>
public sealed record ActionOutcome(string Message, long? CreatedCallId = null);

/// <summary>
/// A dispatch action of the board, and its one dispatcher: <see cref="Run"/> calls the store action the command line
/// calls (same rules, same refusals, same sentence), on the loop's action thread, never while drawing.
/// </summary>
/// <remarks>
/// To add an action, write ONE record below: its fields, <see cref="Describe"/> (what was asked, for the status
/// line's "Working: …") and <see cref="Run"/> (one call into src/Data, which checks the role (R10) and the rules and
/// returns the sentence to show). Then let a key, a dialog or a `:` verb create it (<see cref="Bindings.Table"/> and
/// the dialog's update in Dialogs/, or <see cref="BoardCommandLine"/>). Nothing else: the runner, the loop, the
/// store seam and the tests' fake handle every action alike.
/// </remarks>
public abstract record BoardAction
{
    /// <summary>"assign call 42 to SLO-1": what was asked, for the status line.</summary>
    public abstract string Describe();

    /// <summary>Runs the action on the store; a refusal throws <see cref="SafetyException"/> with one sentence.</summary>
    public abstract ActionOutcome Run(SafetyDb db, string actor, DateTimeOffset at);
}

public sealed record AssignAction(long CallId, string Badge, string? OverrideReason) : BoardAction
{
    public override string Describe() => $"assign call {CallId} to {Badge}";

    public override ActionOutcome Run(SafetyDb db, string actor, DateTimeOffset at) =>
        new(CallActions.Assign(db, actor, CallId, Badge, at, OverrideReason).Message);
}

/// <summary>The assigned officer's progress: ACKNOWLEDGED (R6), EN_ROUTE or ON_SCENE.</summary>
public sealed record MoveAction(long CallId, CallStatus To) : BoardAction
{
    public override string Describe() => $"make call {CallId} {To.Text()}";

    public override ActionOutcome Run(SafetyDb db, string actor, DateTimeOffset at) => new(To switch
    {
        CallStatus.Acknowledged => CallActions.Acknowledge(db, actor, CallId, at),
        CallStatus.EnRoute => CallActions.EnRoute(db, actor, CallId, at),
        CallStatus.OnScene => CallActions.OnScene(db, actor, CallId, at),
        _ => throw SafetyException.Usage($"The board cannot {Describe()}; clear, divert or cancel the call instead."),
    });
}

public sealed record ClearAction(long CallId, string Disposition) : BoardAction
{
    public override string Describe() => $"clear call {CallId} ({Disposition})";

    public override ActionOutcome Run(SafetyDb db, string actor, DateTimeOffset at) =>
        new(CallActions.Clear(db, actor, CallId, Disposition, at));
}

/// <summary>R2: to the school administration queue, with the reason recorded.</summary>
public sealed record DivertAction(long CallId, string Reason) : BoardAction
{
    public override string Describe() => $"divert call {CallId}";

    public override ActionOutcome Run(SafetyDb db, string actor, DateTimeOffset at) =>
        new(CallActions.Divert(db, actor, CallId, Reason, at));
}

public sealed record CancelAction(long CallId, string Reason) : BoardAction
{
    public override string Describe() => $"cancel call {CallId}";

    public override ActionOutcome Run(SafetyDb db, string actor, DateTimeOffset at) =>
        new(CallActions.Cancel(db, actor, CallId, Reason, at));
}

/// <summary>
/// R2: a supervisor's reclassification (R10: supervisors only; R8 refuses ALIEN); <see cref="Priority"/> null = the
/// new type's default. The call is NEW again: the board follows it and says what the worker's intake made of it.
/// </summary>
public sealed record ReclassifyAction(long CallId, string Type, int? Priority, string Reason) : BoardAction
{
    public override string Describe() => $"reclassify call {CallId} as {Type}";

    public override ActionOutcome Run(SafetyDb db, string actor, DateTimeOffset at) =>
        new(CallActions.Reclassify(db, actor, CallId, Type, Reason, at, Priority));
}

/// <summary>A phone call taken on the board, through the feed's own validation (<see cref="CallFeed.TakePhoneCall"/>).</summary>
public sealed record CreateAction(string Location, string Type, int? Priority, string? Basis, string Description) : BoardAction
{
    public override string Describe() => $"create a {Type} call at {Location}";

    public override ActionOutcome Run(SafetyDb db, string actor, DateTimeOffset at)
    {
        var id = CallFeed.TakePhoneCall(db, actor, new PhoneCall(Location, Type, Priority, Basis, Description), at);
        return new($"Call {id} taken: {Type} at {Location}.", id);
    }
}

public sealed record OfficerStatusAction(string Badge, OfficerStatus Status) : BoardAction
{
    public override string Describe() => $"make {Badge} {Status.Text()}";

    public override ActionOutcome Run(SafetyDb db, string actor, DateTimeOffset at) =>
        new(OfficerActions.SetStatus(db, actor, Badge, Status, at, "set on the board"));
}

/// <summary>Issue 15: `+` in the route dialog, an assisting officer on a call that has its first responder (R1: never the first response).</summary>
public sealed record AssistAction(long CallId, string Badge) : BoardAction
{
    public override string Describe() => $"add {Badge} as an assist on call {CallId}";

    public override ActionOutcome Run(SafetyDb db, string actor, DateTimeOffset at) =>
        new(CallActions.AssignAssist(db, actor, CallId, Badge, at));
}

/// <summary>Issue 15: `L`, the call cleared as a duplicate (disposition 22) of <see cref="MasterId"/>.</summary>
public sealed record LinkAction(long CallId, long MasterId) : BoardAction
{
    public override string Describe() => $"link call {CallId} as a duplicate of call {MasterId}";

    public override ActionOutcome Run(SafetyDb db, string actor, DateTimeOffset at) =>
        new(CallActions.Link(db, actor, CallId, MasterId, at));
}

/// <summary>Issue 15: `N`, a note on the call (free text, R9: the event names the note, never its text).</summary>
public sealed record NoteAction(long CallId, string Text) : BoardAction
{
    public override string Describe() => $"add a note to call {CallId}";

    public override ActionOutcome Run(SafetyDb db, string actor, DateTimeOffset at) =>
        new(CallActions.Note(db, actor, CallId, Text, at));
}
