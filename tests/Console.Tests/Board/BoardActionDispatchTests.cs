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

    /// <summary>An action whose store fails under it with <see cref="Error"/>.</summary>
    private sealed record FailingAction(Exception Error) : BoardAction
    {
        public override string Describe() => "a note";

        public override ActionOutcome Run(SafetyDb db, string actor, DateTimeOffset at) => throw Error;
    }

    [Fact]
    public void An_action_the_database_fails_ends_with_its_sentence_and_the_board_is_no_longer_working()
    {
        using var t = new TestDb();
        var action = new FailingAction(new Microsoft.Data.Sqlite.SqliteException("SQLite Error 10: 'disk I/O error'.", 10));
        var (working, _) = BoardUpdate.Act(Loaded(), action);

        // Before: the error left the runner, the loop took it for a failed poll ("retrying", though nothing retries an
        // action) and the board said "Working..." for good.
        var done = BoardActionRunner.Run(new StoreBoardActions(t.Db), "dana", action, Now);
        var shown = BoardUpdate.Update(working, done).State;

        Assert.False(done.Ok);
        Assert.Equal("The action failed in the database (SQLite Error 10: 'disk I/O error'); look at the call before trying again.", done.Message);
        Assert.Equal((MessageKind.Error, 0), (shown.Status!.Kind, shown.Busy));
    }

    /// <summary>A store whose reads fail with <paramref name="error"/>.</summary>
    private sealed class FailingStore(Exception error) : IBoardActions
    {
        public ActionOutcome Run(BoardAction action, string actor, DateTimeOffset at) => throw error;
        public Data.Routing.Recommendation Recommend(long callId, DateTimeOffset at) => throw error;
        public void RecordDetailRead(string actor, long callId, DateTimeOffset at) => throw error;
        public void RecordRefusal(string actor, long? callId, string reason, DateTimeOffset at) => throw error;
    }

    [Fact]
    public void A_recommendation_the_database_fails_is_said_in_the_route_dialog_that_waits_for_it()
    {
        var failed = BoardActionRunner.Recommend(new FailingStore(new Npgsql.NpgsqlException("Exception while reading from stream")), 42, Now);

        Assert.Null(failed.Recommendation); // before: the error left the runner and the dialog waited for good
        Assert.Equal("The recommendation could not be read from the database (Exception while reading from stream); close and try again.", failed.Error);
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
