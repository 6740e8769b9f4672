namespace SafetyConsole.Data.Store;

/// <summary>
/// One row of the append-only event log (R10): who, when, what, and why. <see cref="At"/> is the effective time (what
/// the event counts as); <see cref="RecordedAt"/> the real time it was written, always taken from the writing
/// connection's clock by <see cref="StateChanges.AppendEvent"/> (a value set here is ignored on write).
/// </summary>
public sealed record EventRow(
    DateTimeOffset At,
    string Actor,
    string Kind,
    long? CallId = null,
    string? Badge = null,
    string? FromStatus = null,
    string? ToStatus = null,
    string Reason = "",
    string Detail = "")
{
    /// <summary>When the event was really written (null for events written before schema 10).</summary>
    public DateTimeOffset? RecordedAt { get; init; }

    /// <summary>R10: a late entry or replay, entered with an effective time far from the clock (<see cref="Policy.EntryTime"/>).</summary>
    public bool LateEntry => RecordedAt is { } r && Policy.EntryTime.IsFarFromClock(At, r);
}
