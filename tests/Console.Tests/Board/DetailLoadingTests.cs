using SafetyConsole.Cli.Board;
using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;
using static SafetyConsole.Cli.Tests.Board.BoardFixture;

namespace SafetyConsole.Cli.Tests.Board;

/// <summary>The detail panel never stays on "loading...": whatever changes the selected call asks for its events.</summary>
public class DetailLoadingTests
{
    [Fact]
    public void A_filter_that_selects_another_call_loads_its_events()
    {
        var s = Step(Loaded(120, 40), new DetailMsg(41, [], []));
        Assert.Equal(41, s.SelectedCallId);
        // Typing "jefferson" leaves only call 42 (a NEW call would do the same): its events must be asked for.
        var cmds = new List<Effect>();
        foreach (var k in new[] { K('/') }.Concat("jefferson".Select(K)))
        {
            (s, var c) = BoardUpdate.Update(s, new KeyMsg(k));
            cmds.AddRange(c);
        }
        Assert.Equal(42, s.SelectedCallId);
        Assert.Contains(new LoadDetailEffect(42), cmds);
        s = Step(s, new DetailMsg(42, [new EventRow(Now, "dana", "call.received", CallId: 42)], []));
        Assert.DoesNotContain("loading...", string.Join("\n", Enumerable.Range(0, s.Height).Select(Render(s).Line)), StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 15: a note added on the board (N or `:note`) shows in the call's detail, as `calls show` prints it; the text
    /// is drawn as plain text, so brackets in it are not Spectre markup.
    /// </summary>
    [Fact]
    public void The_detail_shows_the_calls_notes_with_time_and_author_as_plain_text()
    {
        var s = Step(Loaded(120, 40), new DetailMsg(41, [new EventRow(Now, "dana", "call.note", CallId: 41, Reason: "note 1 added by dana")],
            [new CallNote(1, 41, Now, "dana", "Parent [red]Ms. Lee[/] on the way")]));
        var screen = string.Join("\n", Enumerable.Range(0, s.Height).Select(Render(s).Line));
        Assert.Contains("Notes", screen, StringComparison.Ordinal);
        Assert.Contains("dana Parent [red]Ms. Lee[/] on the way", screen, StringComparison.Ordinal);
    }
}
