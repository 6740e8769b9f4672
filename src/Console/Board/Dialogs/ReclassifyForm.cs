using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Data.Domain;

namespace SafetyConsole.Cli.Board;

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
    private static readonly string[] Labels = ["New type", "Priority", "Reason"];

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

    public override IReadOnlyList<(string Value, string Label)> Suggestions(BoardData data) =>
        Field == ReclassifyField.Type ? TypeSuggestions(data, Type.Text.Trim()) : [];

    /// <summary>
    /// R2: the board checks only what the form can (a type from the list, a priority 1-4, a reason); the rules, the
    /// supervisor check (R10) and the race with other operators are <c>CallActions.Reclassify</c>'s.
    /// </summary>
    protected override (BoardState, IReadOnlyList<Effect>) Submit(BoardState s)
    {
        var typeText = Type.Text.Trim();
        if (FindType(s.Data, typeText) is not { } type) return Refuse(s, (int)ReclassifyField.Type, NotAType(typeText));
        if (!TryPriority(Priority.Text.Trim(), type, out var priority, out var bad)) return Refuse(s, (int)ReclassifyField.Priority, bad);
        var reason = Reason.Text.Trim();
        if (reason.Length == 0)
            return Refuse(s, (int)ReclassifyField.Reason, "Type a reason: it is recorded with your name (R2, R10).");
        return BoardUpdate.Act(s, new ReclassifyAction(CallId, type.Code, priority, reason));
    }

    /// <summary>R2: the form, headed by what the call is now (data as plain text, never markup).</summary>
    public override void Draw(Screen c, BoardState s)
    {
        var now = s.Data.CallById.TryGetValue(CallId, out var call)
            ? $"Now {call.Type} P{call.Priority} at {s.Data.LocationName(call.Location)}, {call.Status.Text()}"
            : $"Call {CallId} (not on the board's open list)";
        var type = FindType(s.Data, Type.Text.Trim());
        DrawForm(c, s, $"Reclassify call {CallId} (supervisor, R2)", now, Labels, i => (ReclassifyField)i switch
        {
            ReclassifyField.Priority => type is null ? "(1-4; empty: the type's default)" : $"(1-4; empty: {type.Code}'s default, P{type.DefaultPriority})",
            ReclassifyField.Reason => "(required: recorded with your name, R10)",
            _ => null,
        });
    }
}
