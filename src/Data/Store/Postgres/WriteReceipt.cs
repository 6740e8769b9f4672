namespace SafetyConsole.Data.Store;

/// <summary>
/// The token a PostgreSQL write transaction stores with its change (migration 0036), so that after a lost connection
/// the store can tell a change that was saved from one that was not, and never make it twice (issue 17).
/// <see cref="Sweep"/>: this write also deletes receipts too old for any retry.
/// </summary>
internal sealed record WriteReceipt(string Token, bool Sweep)
{
    private static int _count;

    /// <summary>A new random token; one write in 256 sweeps the old receipts.</summary>
    public static WriteReceipt New() => new(Guid.NewGuid().ToString("N"), Interlocked.Increment(ref _count) % 256 == 0);
}
