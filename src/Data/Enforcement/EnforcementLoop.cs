using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Enforcement;

/// <summary>
/// The worker's continuous loop (DESIGN §4b), usable in-process (the `demo` command) and by the hosted
/// `safety-worker`: on its own connection it runs an <see cref="EnforcementPass"/> at once, then about every
/// <see cref="PassInterval"/>, and at once when another connection or process changes the store (PRAGMA
/// data_version, polled every <see cref="PollInterval"/>). Its time comes only from the <see cref="TimeProvider"/>.
/// A failed pass is reported through <see cref="PassFailed"/> and retried at the next interval; cancelling the
/// token stops it between two actions, never in the middle of one, and ends <see cref="RunAsync"/> normally.
/// A database file removed or replaced under the loop ends it with <see cref="DatabaseMovedException"/>: nothing can
/// be enforced on a file nobody reads, and retrying would only log the same failure every second.
/// Each pass reads the district's policy numbers from the store, so a `policy set` applies from the next pass
/// (the change itself wakes the loop through data_version).
/// On PostgreSQL a lost connection is reported through <see cref="PassFailed"/> and opened again at the next poll
/// (<see cref="SafetyDb.ReopenIfBroken"/>): the worker carries on after a failover (issue 17).
/// </summary>
public sealed class EnforcementLoop
{
    private readonly string _dbPath;
    private readonly TimeProvider _time;

    public EnforcementLoop(string dbPath, TimeProvider time, TimeSpan? passInterval = null, TimeSpan? pollInterval = null)
    {
        _dbPath = dbPath ?? throw new ArgumentNullException(nameof(dbPath));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        PassInterval = passInterval ?? TimeSpan.FromSeconds(1);
        PollInterval = pollInterval ?? TimeSpan.FromMilliseconds(150);
        if (PassInterval <= TimeSpan.Zero || PollInterval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(passInterval), "The pass and poll intervals must be positive.");
    }

    public TimeSpan PassInterval { get; }
    public TimeSpan PollInterval { get; }

    /// <summary>Raised after each pass (on the loop's thread), with what it did.</summary>
    public event Action<PassResult>? PassCompleted;

    /// <summary>Raised when a pass could not run (e.g. the database has no district yet); the loop goes on.</summary>
    public event Action<Exception>? PassFailed;

    /// <summary>Raised when the loop has armed its timer and waits (so a test may advance a fake clock).</summary>
    public event Action? Waiting;

    /// <summary>Runs until <paramref name="ct"/> is cancelled. Opening the database may throw <see cref="SafetyException"/>.</summary>
    public Task RunAsync(CancellationToken ct) => Task.Run(() => LoopAsync(ct), CancellationToken.None);

    private async Task LoopAsync(CancellationToken ct)
    {
        using var db = SafetyDb.Open(_dbPath, EnforcementPass.Actor, time: _time);
        var nextPass = _time.GetUtcNow();
        var seen = long.MinValue;
        while (!ct.IsCancellationRequested)
        {
            var now = _time.GetUtcNow();
            long version;
            try
            {
                version = db.DataVersion(); // on PostgreSQL, first opens a new connection when the last one was lost
            }
            catch (Exception e) when (e is SafetyException || StoreErrors.IsConnectionLoss(e))
            {
                // The server is gone for now (a failover, a restart): said, and tried again a pass interval later,
                // not at every poll, so a long outage logs once a second rather than seven times (issue 17).
                PassFailed?.Invoke(e);
                if (!await Pause(PassInterval, ct).ConfigureAwait(false)) break;
                continue;
            }
            db.EnsureSameFile(); // every poll: the file's identity (one stat), before anything is read or written
            if (now >= nextPass || version != seen)
            {
                seen = version; // read before the pass: a change committed during it triggers the next one at once
                nextPass = now + PassInterval;
                try
                {
                    PassCompleted?.Invoke(EnforcementPass.Run(db, now, ct));
                }
                catch (Exception e) when (e is not OperationCanceledException and not DatabaseMovedException)
                {
                    PassFailed?.Invoke(e);
                }
                if (ct.IsCancellationRequested) break;
            }
            if (!await Pause(PollInterval, ct).ConfigureAwait(false)) break;
        }
    }

    /// <summary>Waits <paramref name="interval"/> on the loop's clock; false when cancelled.</summary>
    private async Task<bool> Pause(TimeSpan interval, CancellationToken ct)
    {
        var delay = Task.Delay(interval, _time, ct);
        Waiting?.Invoke();
        try
        {
            await delay.ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
