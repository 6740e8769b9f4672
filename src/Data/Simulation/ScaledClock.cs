namespace SafetyConsole.Data.Simulation;

/// <summary>
/// The demo's clock: starts at a simulated instant (a school-day morning) and runs <c>speed</c> times faster
/// than the real clock underneath. Timers are the real clock's, so the board still ticks once a real second
/// while simulated minutes fly by.
/// </summary>
public sealed class ScaledClock : TimeProvider
{
    private readonly DateTimeOffset _start;
    private readonly double _speed;
    private readonly TimeProvider _real;
    private readonly long _realStart;

    public ScaledClock(DateTimeOffset start, double speed, TimeProvider real)
    {
        if (speed <= 0) throw new ArgumentOutOfRangeException(nameof(speed), speed, "The demo speed must be positive.");
        _start = start;
        _speed = speed;
        _real = real;
        _realStart = real.GetTimestamp();
    }

    public override DateTimeOffset GetUtcNow() => _start + _real.GetElapsedTime(_realStart) * _speed;

    public override TimeZoneInfo LocalTimeZone => _real.LocalTimeZone;
}
