namespace SafetyConsole.Data.Simulation;

/// <summary>
/// The simulated "now" of the demo's own database connection, moved to each step's time by <see cref="DemoSimulation"/>:
/// in the demo's world that is the real time, so the events it writes are recorded at the time they count as (R10) and
/// the demo shows no late entries.
/// </summary>
public sealed class SteppedClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _ticks, now.UtcTicks);
}
