using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Routing;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Board;

/// <summary>Which panel has the keyboard. On small terminals it is also the one panel shown.</summary>
public enum Focus { Calls, Officers, Detail }

public enum MessageKind { Info, Error }

/// <summary>The one-line status message (refusals, outcomes), shown until <see cref="Until"/>.</summary>
public sealed record StatusLine(string Text, MessageKind Kind, DateTimeOffset Until);

/// <summary>A one-line text field with a cursor (a character index).</summary>
public sealed record TextField(string Text = "", int Cursor = 0)
{
    public static TextField Of(string text) => new(text, text.Length);

    public bool IsEmpty => Text.Length == 0;

    /// <summary>Edits the field for a key; null when the key is not an editing key.</summary>
    public TextField? Edit(KeyPress k)
    {
        if (k.IsText) return new TextField(Text.Insert(Cursor, k.Char.ToString()), Cursor + 1);
        return k switch
        {
            { Name: KeyName.Backspace } when Cursor > 0 => new TextField(Text.Remove(Cursor - 1, 1), Cursor - 1),
            { Name: KeyName.Backspace } => this,
            { Name: KeyName.Delete } when Cursor < Text.Length => this with { Text = Text.Remove(Cursor, 1) },
            { Name: KeyName.Delete } => this,
            { Name: KeyName.Left } => this with { Cursor = Math.Max(0, Cursor - 1) },
            { Name: KeyName.Right } => this with { Cursor = Math.Min(Text.Length, Cursor + 1) },
            { Name: KeyName.Home } or { Ctrl: true, Char: 'a' } => this with { Cursor = 0 },
            { Name: KeyName.End } or { Ctrl: true, Char: 'e' } => this with { Cursor = Text.Length },
            { Ctrl: true, Char: 'u' } => new TextField(Text[Cursor..], 0),
            { Ctrl: true, Char: 'k' } => this with { Text = Text[..Cursor] },
            { Ctrl: true, Char: 'w' } => DeleteWord(),
            _ => null,
        };
    }

    private TextField DeleteWord()
    {
        var i = Cursor;
        while (i > 0 && Text[i - 1] == ' ') i--;
        while (i > 0 && Text[i - 1] != ' ') i--;
        return new TextField(Text.Remove(i, Cursor - i), i);
    }
}

/// <summary>A modal layer over the board. Dialogs are data; the view draws them and Update routes keys to them.</summary>
public abstract record Overlay
{
    /// <summary>True when closing would throw away something the operator typed (q and Ctrl+C ask first).</summary>
    public virtual bool HoldsInput => false;
}

public sealed record HelpOverlay(int Scroll = 0) : Overlay;

/// <summary>The supervisor view: the queue at a glance (the `status` summary).</summary>
public sealed record SummaryOverlay(int Scroll = 0) : Overlay;

/// <summary>The route dialog: ranked candidates with ETA, then the excluded with reasons (R7 ones overridable by a supervisor).</summary>
public sealed record RouteOverlay(long CallId, Recommendation? Recommendation = null, int Index = 0, string? Error = null) : Overlay;

public enum PickPurpose { Disposition, OfficerStatus }

public sealed record PickItem(string Code, string Label);

/// <summary>A list to choose from: dispositions for clearing a call, statuses for an officer.</summary>
public sealed record PickOverlay(PickPurpose Purpose, string Subject, string Title, IReadOnlyList<PickItem> Items, int Index = 0) : Overlay;

public enum PromptPurpose { Divert, Cancel, Override }

/// <summary>A reason to type: divert, cancel, or a supervisor's R7 override (<see cref="Badge"/> set).</summary>
public sealed record PromptOverlay(PromptPurpose Purpose, long CallId, string Title, TextField Field, string? Badge = null) : Overlay
{
    public override bool HoldsInput => !Field.IsEmpty;
}

/// <summary>
/// A form of one-line fields with type-ahead (the new-call and reclassify forms): Update and the view work on any
/// form through these members. <see cref="Suggestion"/> indexes the type-ahead list of the focused field.
/// </summary>
public abstract record FormOverlay : Overlay
{
    public abstract int Suggestion { get; init; }

    public abstract int FieldCount { get; }

    /// <summary>The focused field, from 0.</summary>
    public abstract int FieldIndex { get; }

    public abstract TextField Value(int field);

    /// <summary>A copy with this field's text, the type-ahead back on its first suggestion.</summary>
    public abstract FormOverlay WithValue(int field, TextField value);

    /// <summary>A copy with this field focused, the type-ahead back on its first suggestion.</summary>
    public abstract FormOverlay WithFocus(int field);

    public bool OnLastField => FieldIndex == FieldCount - 1;

    public override bool HoldsInput => Enumerable.Range(0, FieldCount).Any(i => !Value(i).IsEmpty);
}

public enum NewCallField { Location, Type, Priority, Basis, Description }

/// <summary>The new-call form for phone calls.</summary>
public sealed record NewCallOverlay(
    NewCallField Field,
    TextField Location,
    TextField Type,
    TextField Priority,
    TextField Basis,
    TextField Description,
    int Suggestion = 0) : FormOverlay
{
    public static NewCallOverlay Blank { get; } = new(NewCallField.Location, new(), new(), new(), new(), new());

    public override int FieldCount => 5;
    public override int FieldIndex => (int)Field;
    public override TextField Value(int field) => Get((NewCallField)field);
    public override FormOverlay WithValue(int field, TextField value) => Set((NewCallField)field, value) with { Suggestion = 0 };
    public override FormOverlay WithFocus(int field) => this with { Field = (NewCallField)field, Suggestion = 0 };

    public TextField Get(NewCallField f) => f switch
    {
        NewCallField.Location => Location,
        NewCallField.Type => Type,
        NewCallField.Priority => Priority,
        NewCallField.Basis => Basis,
        _ => Description,
    };

    public NewCallOverlay Set(NewCallField f, TextField v) => f switch
    {
        NewCallField.Location => this with { Location = v },
        NewCallField.Type => this with { Type = v },
        NewCallField.Priority => this with { Priority = v },
        NewCallField.Basis => this with { Basis = v },
        _ => this with { Description = v },
    };
}

/// <summary>The reason comes last, so that Enter after typing it submits.</summary>
public enum ReclassifyField { Type, Priority, Reason }

/// <summary>
/// R2: a supervisor's reclassification of a call (the only way past a diversion): the new type (from the district's
/// call types; R8's refused type is never offered), an optional priority (empty = the type's default), and the
/// reason that goes into the event log with the supervisor's name (R10).
/// </summary>
public sealed record ReclassifyOverlay(
    long CallId,
    ReclassifyField Field,
    TextField Type,
    TextField Priority,
    TextField Reason,
    int Suggestion = 0) : FormOverlay
{
    public static ReclassifyOverlay For(long callId) => new(callId, ReclassifyField.Type, new(), new(), new());

    public override int FieldCount => 3;
    public override int FieldIndex => (int)Field;

    public override TextField Value(int field) => (ReclassifyField)field switch
    {
        ReclassifyField.Type => Type,
        ReclassifyField.Priority => Priority,
        _ => Reason,
    };

    public override FormOverlay WithValue(int field, TextField value) => (ReclassifyField)field switch
    {
        ReclassifyField.Type => this with { Type = value, Suggestion = 0 },
        ReclassifyField.Priority => this with { Priority = value, Suggestion = 0 },
        _ => this with { Reason = value, Suggestion = 0 },
    };

    public override FormOverlay WithFocus(int field) => this with { Field = (ReclassifyField)field, Suggestion = 0 };
}

public enum ConfirmPurpose { Quit, Discard }

/// <summary>A yes/no question; <see cref="Back"/> is the overlay to return to on "no".</summary>
public sealed record ConfirmOverlay(ConfirmPurpose Purpose, string Question, Overlay? Back) : Overlay;

public enum InputKind { Filter, Command }

/// <summary>The status-bar input line: `/` filter (applied as typed) or `:` command line.</summary>
public sealed record InputLine(InputKind Kind, TextField Field);

/// <summary>The detail of the selected call (its events, loaded off the loop).</summary>
public sealed record CallDetail(long CallId, IReadOnlyList<EventRow> Events);

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
