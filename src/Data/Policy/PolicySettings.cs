namespace SafetyConsole.Data.Policy;

/// <summary>
/// The configurable numbers of the policy: first-response deadlines by priority (R5), the acknowledgement
/// timeout (R6) and the routing constants of DESIGN §3. <see cref="Default"/> holds the documented defaults, which are
/// also the store's first values (migration 0011). Processes never use it directly: they read the district's numbers
/// from the store (<c>PolicyStore</c>, the snapshot's <c>Policy</c>), so the board, the command line and the worker
/// agree (issue 13); a test guards that no code outside this folder reaches for the defaults.
/// </summary>
public sealed record PolicySettings
{
    /// <summary>R5: P1 deadline (default 60 s).</summary>
    public TimeSpan P1Deadline { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>R5: P2 deadline (default 3 min).</summary>
    public TimeSpan P2Deadline { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>R5: P3 deadline (default 15 min).</summary>
    public TimeSpan P3Deadline { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>R5: P4 deadline (default 60 min).</summary>
    public TimeSpan P4Deadline { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>R6: how long an assigned officer has to acknowledge (default 90 s).</summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>§3: a position ping younger than this is used; older ones fall back to the post (default 10 min).</summary>
    public TimeSpan PingFreshness { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>§3: great-circle distance is multiplied by this to estimate road distance (default 1.4).</summary>
    public double RoadFactor { get; init; } = 1.4;

    /// <summary>§3: urban travel speed in km/h (default 35).</summary>
    public double SpeedKmh { get; init; } = 35;

    /// <summary>Issue 15: a call at a location with an open call of a related type received at most this long before is flagged a possible duplicate (default 10 min).</summary>
    public TimeSpan DuplicateWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The documented defaults of R5, R6 and §3.</summary>
    public static PolicySettings Default { get; } = new();

    /// <summary>R5: the first-response deadline of a priority 1–4.</summary>
    /// <exception cref="ArgumentOutOfRangeException">priority is not 1–4.</exception>
    public TimeSpan DeadlineFor(int priority) => priority switch
    {
        1 => P1Deadline,
        2 => P2Deadline,
        3 => P3Deadline,
        4 => P4Deadline,
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, "A priority is 1, 2, 3 or 4 (R5)."),
    };

    /// <summary>§3: estimated travel seconds for a great-circle distance in metres.</summary>
    public double EtaSeconds(double greatCircleMeters) => greatCircleMeters * RoadFactor / (SpeedKmh / 3.6);
}
