namespace SafetyConsole.Data.Domain;

/// <summary>One officer on a call (a row of the assignments table), with its own progress.</summary>
public sealed record OnCall(
    string Badge,
    bool Assist,
    DateTimeOffset AssignedAt,
    string AssignedBy,
    DateTimeOffset? AckedAt,
    DateTimeOffset? EnRouteAt,
    DateTimeOffset? OnSceneAt,
    DateTimeOffset? ReleasedAt,
    string? ReleaseReason)
{
    public bool Open => ReleasedAt is null;

    /// <summary>"assigned", "acknowledged", "en route", "on scene" or "released (cleared)".</summary>
    public string Progress =>
        ReleasedAt is not null ? $"released ({ReleaseReason})"
        : OnSceneAt is not null ? "on scene"
        : EnRouteAt is not null ? "en route"
        : AckedAt is not null ? "acknowledged"
        : "assigned";
}
