using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Routing;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Board;

/// <summary>Everything the loop reacts to (bubbletea's Msg): keys, time, store changes, signals, worker results.</summary>
public abstract record Msg;

public sealed record KeyMsg(KeyPress Key) : Msg;

/// <summary>The 1-second timer; carries the time so that <see cref="BoardUpdate"/> stays pure.</summary>
public sealed record TickMsg(DateTimeOffset Now) : Msg;

/// <summary>The store changed (or was loaded): a fresh snapshot of everything the board shows.</summary>
public sealed record DataMsg(BoardData Data) : Msg;

/// <summary>The events of one call, loaded for the detail panel.</summary>
public sealed record DetailMsg(long CallId, IReadOnlyList<EventRow> Events) : Msg;

/// <summary>A call as the store has it now (or null: no such call), read for <see cref="LoadCallCmd"/>.</summary>
public sealed record CallMsg(long CallId, Call? Call) : Msg;

/// <summary>SIGWINCH: the terminal's new size.</summary>
public sealed record ResizeMsg(int Width, int Height) : Msg;

/// <summary>SIGCONT (or Ctrl+L): the screen may hold anything; draw every line again.</summary>
public sealed record RedrawMsg : Msg;

/// <summary>SIGTERM or SIGHUP: leave now, restoring the terminal.</summary>
public sealed record QuitMsg(string Why) : Msg;

/// <summary>A recommendation for the route dialog, or the sentence saying why there is none.</summary>
public sealed record RecommendationMsg(long CallId, Recommendation? Recommendation, string? Error) : Msg;

/// <summary>An action finished: its one-sentence outcome (a refusal when not <see cref="Ok"/>).</summary>
public sealed record ActionDoneMsg(BoardAction Action, bool Ok, string Message, long? CreatedCallId = null) : Msg;

/// <summary>A new queue summary (refreshed every few seconds even when nothing changed: deadlines pass by themselves).</summary>
public sealed record SummaryMsg(SafetyConsole.Data.Status.QueueSummary Summary) : Msg;

/// <summary>A sentence for the status line from outside the loop (a failed read, say).</summary>
public sealed record NoticeMsg(string Text, bool Error) : Msg;

/// <summary>
/// The store cannot be used: a read failed (<see cref="Lost"/> false; the next successful read clears it), or the
/// database file was removed or replaced under the board (<see cref="Lost"/> true; changes are refused until the board
/// is started again).
/// </summary>
public sealed record StoreProblemMsg(string Text, bool Lost) : Msg;

/// <summary>What <see cref="BoardUpdate"/> asks the loop to do (bubbletea's Cmd). The loop runs them off the draw path.</summary>
public abstract record Cmd;

public sealed record QuitCmd : Cmd;

public sealed record FullRedrawCmd : Cmd;

/// <summary>Ctrl+Z: give the terminal to the shell and stop until `fg`.</summary>
public sealed record SuspendCmd : Cmd;

public sealed record LoadDetailCmd(long CallId) : Cmd;

public sealed record RecommendCmd(long CallId) : Cmd;

/// <summary>Read one call, open or not (a reclassified call may leave the board once intake decides it).</summary>
public sealed record LoadCallCmd(long CallId) : Cmd;

public sealed record ActCmd(BoardAction Action) : Cmd;

/// <summary>R9: a non-dispatcher is being shown this call's detail; the read goes into the event log.</summary>
public sealed record RecordReadCmd(long CallId) : Cmd;

/// <summary>R10: the board refused an action before it reached the store; the refusal goes into the event log as the command line's do.</summary>
public sealed record RecordRefusalCmd(long? CallId, string Reason) : Cmd;

/// <summary>A dispatch action, run by <see cref="IBoardActions"/> on the worker with the same rules as the command line.</summary>
public abstract record BoardAction
{
    /// <summary>"assign call 42 to SLO-1": what was asked, for the status line.</summary>
    public abstract string Describe();
}

public sealed record AssignAction(long CallId, string Badge, string? OverrideReason) : BoardAction
{
    public override string Describe() => $"assign call {CallId} to {Badge}";
}

public sealed record MoveAction(long CallId, CallStatus To) : BoardAction
{
    public override string Describe() => $"make call {CallId} {To.Text()}";
}

public sealed record ClearAction(long CallId, string Disposition) : BoardAction
{
    public override string Describe() => $"clear call {CallId} ({Disposition})";
}

public sealed record DivertAction(long CallId, string Reason) : BoardAction
{
    public override string Describe() => $"divert call {CallId}";
}

public sealed record CancelAction(long CallId, string Reason) : BoardAction
{
    public override string Describe() => $"cancel call {CallId}";
}

/// <summary>R2: a supervisor's reclassification; <see cref="Priority"/> null = the new type's default.</summary>
public sealed record ReclassifyAction(long CallId, string Type, int? Priority, string Reason) : BoardAction
{
    public override string Describe() => $"reclassify call {CallId} as {Type}";
}

public sealed record CreateAction(string Location, string Type, int? Priority, string? Basis, string Description) : BoardAction
{
    public override string Describe() => $"create a {Type} call at {Location}";
}

public sealed record OfficerStatusAction(string Badge, OfficerStatus Status) : BoardAction
{
    public override string Describe() => $"make {Badge} {Status.Text()}";
}
