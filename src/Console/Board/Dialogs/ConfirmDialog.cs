using SafetyConsole.Cli.Board.Terminal;
using Spectre.Console;
using static SafetyConsole.Cli.Board.BoardStyles;

namespace SafetyConsole.Cli.Board;

public enum ConfirmPurpose { Quit, Discard }

/// <summary>A yes/no question; <see cref="Back"/> is the overlay to return to on "no".</summary>
public sealed record ConfirmOverlay(ConfirmPurpose Purpose, string Question, Overlay? Back) : Overlay
{
    public override IReadOnlyList<BindingContext> Contexts => [BindingContext.Confirm];

    public override (BoardState State, IReadOnlyList<Effect> Effects) Key(BoardState s, KeyPress key, Binding? b) => b?.Command switch
    {
        BoardCmd.Yes when Purpose == ConfirmPurpose.Quit => (s with { Quit = true }, []),
        BoardCmd.Yes => (s with { Overlay = null }, []),
        BoardCmd.No => (s with { Overlay = Back }, []),
        _ => (s, []),
    };

    /// <summary>Closes <paramref name="o"/>, asking first when that would throw away what was typed into it.</summary>
    public static BoardState CloseOrConfirm(BoardState s, Overlay o) => o.HoldsInput
        ? s with { Overlay = new ConfirmOverlay(ConfirmPurpose.Discard, "Throw away what you typed? (y/n)", o) }
        : s with { Overlay = null };

    public override void Draw(Screen c, BoardState s)
    {
        var r = ViewKit.Centered(s, Math.Min(s.Width - 2, Math.Max(40, Question.Length + 6)), 3);
        ViewKit.Box(c, r, "Confirm", c.RenderLines(new Text(Question, Bold), r.W - 4));
    }
}
