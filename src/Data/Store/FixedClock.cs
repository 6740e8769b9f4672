namespace SafetyConsole.Data.Store;

/// <summary>
/// A clock stopped at one instant: what a worker pass, an inbox load or the demo simulation writes is stamped "as of"
/// that instant, not the moment the write happens to run.
/// </summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
