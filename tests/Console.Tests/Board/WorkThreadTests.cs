using SafetyConsole.Cli.Board.Terminal;

namespace SafetyConsole.Cli.Tests.Board;

/// <summary>
/// The board's background threads when the board quits. A poll still in hand when the board leaves could meet its
/// store closed under it (seen on PostgreSQL under load: the board crashed on `q`); it must end quietly, while an
/// unexpected error during normal running still ends the thread (it is a bug, not a failed read).
/// </summary>
public class WorkThreadTests
{
    [Fact]
    public void Work_that_fails_after_the_board_began_to_leave_ends_the_thread_quietly()
    {
        using var inHand = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var posted = new List<string>();
        var thread = new WorkThread<string>("test", m => { lock (posted) posted.Add(m); }, every: null, idle: null, failed: _ => null);
        thread.Enqueue(() =>
        {
            inHand.Set();
            release.Wait();
            throw new ObjectDisposedException("store"); // the store the board closed while this read was running
        });
        Assert.True(inHand.Wait(TimeSpan.FromSeconds(10)));

        Assert.False(thread.Stop(TimeSpan.Zero)); // still in hand
        release.Set();

        // Before the fix the exception went unhandled on the thread and took the whole process (here: the test host) down.
        Assert.True(thread.Stop(TimeSpan.FromSeconds(10)), "the thread ended");
        Assert.Empty(posted);
    }
}
