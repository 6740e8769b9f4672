namespace SafetyConsole.Worker.Simulation;

/// <summary>A clock stopped at one simulated instant, so what the simulation writes is stamped in simulated time.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
