using System.Collections.Concurrent;
using System.Diagnostics;

namespace SafetyConsole.Cli.Board.Terminal;

/// <summary>
/// One of the board loop's background threads (the store watcher, the action runner): a thread with its own queue,
/// running work one item at a time (so it may own a database connection) and posting each result to the loop; with
/// <c>idle</c> set, it runs that every <c>every</c> while nothing else is queued. Not the hosted worker process.
/// </summary>
/// <typeparam name="TMsg">The loop's message type.</typeparam>
public sealed class WorkThread<TMsg> where TMsg : class
{
    private readonly BlockingCollection<Func<TMsg?>> _queue = new();
    private readonly Thread _thread;

    /// <param name="failed">The message for an exception the work threw, or null to let it end the thread (a bug, not a failed read).</param>
    public WorkThread(string name, Action<TMsg> post, TimeSpan? every, Func<TMsg?>? idle, Func<Exception, TMsg?> failed)
    {
        _thread = new Thread(() =>
        {
            var timeout = every ?? Timeout.InfiniteTimeSpan;
            // Polling runs on a monotonic real-time clock, not the board's TimeProvider: under the demo's scaled clock the
            // database must still be polled every real quarter second.
            var clock = Stopwatch.StartNew();
            var next = clock.Elapsed; // the idle work runs at once, then every `every`
            while (!_queue.IsCompleted)
            {
                Func<TMsg?>? work = null;
                var wait = idle is null ? Timeout.InfiniteTimeSpan
                    : next - clock.Elapsed is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;
                try
                {
                    if (!_queue.TryTake(out work, wait)) work = null;
                }
                catch (InvalidOperationException)
                {
                    return; // completed while waiting
                }
                if (work is null)
                {
                    if (idle is null || _queue.IsCompleted) continue;
                    work = idle;
                    next = clock.Elapsed + timeout;
                }
                TMsg? result;
                TMsg? failure = null;
                try
                {
                    result = work();
                }
                catch (Exception e) when ((failure = failed(e)) is not null)
                {
                    result = failure; // never fatal: the next poll tries again
                }
                catch (Exception) when (_queue.IsAddingCompleted)
                {
                    // The board is leaving: a read still in hand may meet its store closed under it (a poll of a
                    // PostgreSQL connection being disposed). Nobody is left to tell, and it must not crash the exit.
                    return;
                }
                if (result is not null) post(result);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        _thread.Start();
    }

    public void Enqueue(Func<TMsg?> work)
    {
        try { _queue.Add(work); } catch (InvalidOperationException) { /* stopping */ }
    }

    /// <summary>Takes no more work and waits up to <paramref name="wait"/> for the item in hand to finish; true when it has.</summary>
    public bool Stop(TimeSpan wait)
    {
        _queue.CompleteAdding();
        return wait <= TimeSpan.Zero ? !_thread.IsAlive : _thread.Join(wait);
    }
}
