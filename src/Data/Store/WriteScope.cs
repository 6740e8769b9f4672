namespace SafetyConsole.Data.Store;

/// <summary>
/// What a write transaction holds while it runs (issue 17). On SQLite every write is exclusive (BEGIN IMMEDIATE) and the
/// scope changes nothing. On PostgreSQL, where dispatchers on several hosts write at once, it decides what waits for what:
/// <list type="bullet">
/// <item><see cref="Store"/>: the store's advisory lock, exclusive. Nothing else writes until it commits, so a read inside
/// it sees every earlier commit and nothing commits between its read and its write: the enforcement pass's re-read,
/// releasing a timed-out officer, removing the last supervisor, feeds, imports, migrations. The default.</item>
/// <item><see cref="OnCall"/>: the store's lock shared, then the call's row (<c>FOR NO KEY UPDATE</c>) in the same round
/// trip. For a change to one call and the officers on it whose correctness rests on its conditional updates
/// (<see cref="StateChanges"/>: <c>WHERE status = @expected</c>): changes on different calls run side by side; a second
/// change on the same call waits for the first and then meets its result as a lost race. Officers are locked after their
/// call, always (<see cref="StateChanges.LockedOfficerStatus"/>), so two such changes cannot deadlock.</item>
/// <item><see cref="AppendOnly"/>: the store's lock shared and no row: a write that only appends an event (a refusal, a
/// recorded read), which nothing reads back inside the transaction.</item>
/// </list>
/// A <see cref="Store"/> write waits for every shared one in flight and holds back new ones (PostgreSQL queues a shared
/// request behind a waiting exclusive one), so it still sees a quiet store.
/// </summary>
public sealed record WriteScope
{
    private WriteScope(bool shared, long? call)
    {
        Shared = shared;
        Call = call;
    }

    /// <summary>True: the store's lock is taken shared (PostgreSQL); false: exclusive.</summary>
    public bool Shared { get; }

    /// <summary>The call whose row is locked first, or null.</summary>
    public long? Call { get; }

    public static readonly WriteScope Store = new(false, null);

    public static readonly WriteScope AppendOnly = new(true, null);

    public static WriteScope OnCall(long callId) => new(true, callId);
}
