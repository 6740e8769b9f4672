using SafetyConsole.Cli.Board.Terminal;
using Spectre.Console;
using static SafetyConsole.Cli.Board.BoardStyles;

namespace SafetyConsole.Cli.Board;

public enum PromptPurpose { Divert, Cancel, Override, Note }

/// <summary>
/// A reason to type: divert, cancel, or a supervisor's R7 override (<see cref="Badge"/> set); the reason goes into the
/// event log (R10). Or a note on a call (issue 15), kept as free text (R9).
/// </summary>
public sealed record PromptOverlay(PromptPurpose Purpose, long CallId, string Title, TextField Field, string? Badge = null) : Overlay
{
    public override bool HoldsInput => !Field.IsEmpty;

    public static PromptOverlay Divert(long callId) =>
        new(PromptPurpose.Divert, callId, $"Divert call {callId} to the school administration (R2): reason", new TextField());

    public static PromptOverlay Cancel(long callId) => new(PromptPurpose.Cancel, callId, $"Cancel call {callId}: reason", new TextField());

    /// <summary>R7 (or R6): a supervisor assigns against the recommendation with a written reason.</summary>
    public static PromptOverlay Override(long callId, string badge, string rule) =>
        new(PromptPurpose.Override, callId, $"{rule} override: why assign {badge} to call {callId} anyway?", new TextField(), badge);

    /// <summary>Issue 15: a note on the call, attributed and timed by the store (R9: free text, never in aggregates).</summary>
    public static PromptOverlay Note(long callId) => new(PromptPurpose.Note, callId, $"Note on call {callId} (free text, kept with the call, R9)", new TextField());

    public override IReadOnlyList<BindingContext> Contexts => [BindingContext.Form];

    public override (BoardState State, IReadOnlyList<Effect> Effects) Key(BoardState s, KeyPress key, Binding? b)
    {
        if (b?.Command == BoardCmd.Close) return (ConfirmOverlay.CloseOrConfirm(s, this), []);
        if (b?.Command == BoardCmd.Submit)
        {
            var reason = Field.Text.Trim();
            if (reason.Length == 0 && Purpose == PromptPurpose.Note) return (BoardUpdate.Error(s, "Type the note first: what happened, what was said."), []);
            if (reason.Length == 0) return (BoardUpdate.Error(s, "Type a reason first: it goes into the event log (R10)."), []);
            return BoardUpdate.Act(s, Purpose switch
            {
                PromptPurpose.Divert => new DivertAction(CallId, reason),
                PromptPurpose.Cancel => new CancelAction(CallId, reason),
                PromptPurpose.Note => new NoteAction(CallId, reason),
                _ => new AssignAction(CallId, Badge!, reason),
            });
        }
        return Field.Edit(key) is { } f ? (s with { Overlay = this with { Field = f } }, []) : (s, []);
    }

    public override void Draw(Screen c, BoardState s)
    {
        var r = ViewKit.Centered(s, Math.Min(s.Width - 2, 90), 5);
        ViewKit.Box(c, r, Purpose == PromptPurpose.Note ? "Note" : "Reason", c.RenderLines(new Text(Title, Bold), r.W - 4));
        ViewKit.Field(c, r.X + 2, r.Y + 2, Field, r.X + r.W - 2, true);
        c.Put(r.X + 2, r.Y + 3, "Enter submits; Esc cancels.", Dim, r.X + r.W - 2);
    }
}
