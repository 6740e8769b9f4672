using SafetyConsole.Cli.Board.Terminal;
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
/// <summary>The selected call's events and its notes (issue 15: free text, R9: a viewer's read of the detail is recorded).</summary>
public sealed record DetailMsg(long CallId, IReadOnlyList<EventRow> Events, IReadOnlyList<CallNote> Notes) : Msg;

/// <summary>A call as the store has it now (or null: no such call), read for <see cref="LoadCallEffect"/>.</summary>
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

/// <summary>
/// An effect: what <see cref="BoardUpdate"/> asks the loop to do (bubbletea calls it a Effect). Update stays pure; the
/// loop runs effects off the draw path. Quitting is no effect: Update sets <see cref="BoardState.Quit"/>.
/// </summary>
public abstract record Effect;

public sealed record FullRedrawEffect : Effect;

/// <summary>Ctrl+Z: give the terminal to the shell and stop until `fg`.</summary>
public sealed record SuspendEffect : Effect;

public sealed record LoadDetailEffect(long CallId) : Effect;

public sealed record RecommendEffect(long CallId) : Effect;

/// <summary>Read one call, open or not (a reclassified call may leave the board once intake decides it).</summary>
public sealed record LoadCallEffect(long CallId) : Effect;

public sealed record ActEffect(BoardAction Action) : Effect;

/// <summary>R9: a non-dispatcher is being shown this call's detail; the read goes into the event log.</summary>
public sealed record RecordReadEffect(long CallId) : Effect;

/// <summary>R10: the board refused an action before it reached the store; the refusal goes into the event log as the command line's do.</summary>
public sealed record RecordRefusalEffect(long? CallId, string Reason) : Effect;
