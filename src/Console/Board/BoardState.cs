using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Board;

/// <summary>Which panel has the keyboard. On small terminals it is also the one panel shown.</summary>
public enum Focus { Calls, Officers, Detail }

public enum MessageKind { Info, Error }

/// <summary>The one-line status message (refusals, outcomes), shown until <see cref="Until"/>.</summary>
public sealed record StatusLine(string Text, MessageKind Kind, DateTimeOffset Until);

/// <summary>
/// A modal layer over the board: a dialog (route, pickers, reason, forms, questions) or an overlay (help, summary).
/// Each is one file in Dialogs/ holding its record, its update (<see cref="Key"/>) and its view (<see cref="Draw"/>);
/// <see cref="BoardUpdate"/> and <see cref="BoardView"/> only route to them.
/// </summary>
public abstract record Overlay
{
    /// <summary>True when closing would throw away something the operator typed (q and Ctrl+C ask first).</summary>
    public virtual bool HoldsInput => false;

    /// <summary>Where its keys are looked up in <see cref="Bindings.Table"/>, most specific first.</summary>
    public abstract IReadOnlyList<BindingContext> Contexts { get; }

    /// <summary>A key while it is open (<paramref name="b"/> is the key's binding in <see cref="Contexts"/>, if any).</summary>
    public abstract (BoardState State, IReadOnlyList<Effect> Effects) Key(BoardState s, KeyPress key, Binding? b);

    /// <summary>Draws it over the board.</summary>
    public abstract void Draw(Screen c, BoardState s);
}

/// <summary>The detail of the selected call (its events, loaded off the loop).</summary>
public sealed record CallDetail(long CallId, IReadOnlyList<EventRow> Events, IReadOnlyList<CallNote> Notes);

/// <summary>
/// The whole state of the board (bubbletea's Model). Immutable: <see cref="BoardUpdate.Update"/> returns a new one.
/// <see cref="Visible"/> is the filtered, sorted call list, recomputed only when the data or the filter change.
/// </summary>
public sealed record BoardState
{
    public required string Account { get; init; }
    public DateTimeOffset Now { get; init; }
    public int Width { get; init; } = 80;
    public int Height { get; init; } = 24;
    public BoardData Data { get; init; } = BoardData.Empty;
    public bool Loaded { get; init; }

    public IReadOnlyList<Call> Visible { get; init; } = [];
    public long? SelectedCallId { get; init; }
    public int SelectedIndex { get; init; }
    public int Scroll { get; init; }

    public string? SelectedBadge { get; init; }
    public int OfficerIndex { get; init; }
    public int OfficerScroll { get; init; }

    public Focus Focus { get; init; } = Focus.Calls;
    public string Filter { get; init; } = "";
    public Overlay? Overlay { get; init; }
    public InputLine? Input { get; init; }
    public StatusLine? Status { get; init; }

    /// <summary>Why the screen may not show the store (a failed read, a database gone), shown in the header until it clears; else null.</summary>
    public string? StoreProblem { get; init; }

    /// <summary>The database file was removed or replaced under the board: changes are refused until it is started again.</summary>
    public bool StoreLost { get; init; }

    /// <summary>
    /// Seconds of the board's clock per real second: 1, except in the demo, whose simulated day runs faster. Messages
    /// and change marks stay on screen for real seconds, so a person can read them whatever the clock does.
    /// </summary>
    public double ClockSpeed { get; init; } = 1;

    /// <summary>A time on screen, in the board's clock.</summary>
    public TimeSpan OnScreen(TimeSpan real) => real * ClockSpeed;

    /// <summary>Rows new or changed in the last seconds: call id → until when the mark shows.</summary>
    public IReadOnlyDictionary<long, DateTimeOffset> Marks { get; init; } = new Dictionary<long, DateTimeOffset>();

    public CallDetail? Detail { get; init; }
    public int DetailScroll { get; init; }

    /// <summary>A call to select when it shows up (a call just created from the form).</summary>
    public long? PendingSelect { get; init; }

    /// <summary>
    /// A call this operator reclassified (R2), back to NEW until the worker's intake decides it again: the board
    /// reads it after each store change and says on the message line what intake made of it.
    /// </summary>
    public long? AwaitingIntake { get; init; }

    /// <summary>How many actions are running on the worker (shown as "working…").</summary>
    public int Busy { get; init; }

    public bool Quit { get; init; }

    /// <summary>R9: calls whose detail this (non-dispatcher) operator has been shown and that read recorded, this session.</summary>
    public System.Collections.Immutable.ImmutableHashSet<long> ReadsRecorded { get; init; } = [];

    public OperatorRole Role => Data.Role;

    public Call? SelectedCall => SelectedIndex >= 0 && SelectedIndex < Visible.Count ? Visible[SelectedIndex] : null;

    public Officer? SelectedOfficer => OfficerIndex >= 0 && OfficerIndex < Data.Officers.Count ? Data.Officers[OfficerIndex] : null;

    public static BoardState Initial(string account, DateTimeOffset now, int width, int height) =>
        new() { Account = account, Now = now, Width = width, Height = height };
}
