using SafetyConsole.Cli.Board;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests;
using static SafetyConsole.Cli.Tests.Board.BoardFixture;

namespace SafetyConsole.Cli.Tests.Board;

/// <summary>
/// Issue 18: an action is one record. A record the board has never seen runs through the update, the runner and
/// the store seam as every other does, with nothing else to change.
/// </summary>
public class BoardActionDispatchTests
{
    /// <summary>An action as a new feature would add it: its words while running, and its one call into the store.</summary>
    private sealed record NoteAction(long CallId, string Text) : BoardAction
    {
        public override string Describe() => $"note on call {CallId}";

        public override ActionOutcome Run(SafetyDb db, string actor, DateTimeOffset at) =>
            Text.Length == 0 ? throw SafetyException.Refused("Type the note first.") : new($"Call {CallId}: note by {actor} kept.");
    }

    [Fact]
    public void A_new_action_record_runs_on_the_store_through_the_one_dispatcher()
    {
        using var t = new TestDb();
        var store = new StoreBoardActions(t.Db);

        var done = BoardActionRunner.Run(store, "dana", new NoteAction(42, "parent called back"), Now);
        Assert.Equal((true, "Call 42: note by dana kept."), (done.Ok, done.Message));

        var refused = BoardActionRunner.Run(store, "dana", new NoteAction(42, ""), Now);
        Assert.Equal((false, "Type the note first."), (refused.Ok, refused.Message));
    }

    [Fact]
    public void The_update_sends_any_action_to_the_action_thread_and_shows_its_sentence()
    {
        var action = new NoteAction(42, "parent called back");
        var (working, effects) = BoardUpdate.Act(Loaded(), action);
        Assert.Equal([new ActEffect(action)], effects);
        Assert.Equal("Working: note on call 42...", working.Status!.Text);

        var done = BoardActionRunner.Run(new FakeActions(), "dana", action, Now);
        var shown = BoardUpdate.Update(working, done).State;
        Assert.Equal(("Done: note on call 42.", MessageKind.Info, 0), (shown.Status!.Text, shown.Status.Kind, shown.Busy));
    }
}
