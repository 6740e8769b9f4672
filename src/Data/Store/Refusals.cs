namespace SafetyConsole.Data.Store;

/// <summary>
/// R10: every refusal is recorded in the event log (kind <c>refused</c>), whoever refused it: the role and time checks
/// (<see cref="Operators"/>), the dispatch rules (<c>CallActions</c>), and the board, which refuses some actions before
/// they reach the store (a key above the operator's role, an override the rules do not allow) and records them here too.
/// </summary>
public static class Refusals
{
    /// <summary>
    /// Records that <paramref name="actor"/> was refused, with the sentence they were shown, in its own transaction. A refusal
    /// happens now: it is stamped with the store's clock, never with an effective time the actor asked for (`--at`), so a
    /// refused attempt can neither be back-dated nor pass for a late entry.
    /// </summary>
    public static void Record(SafetyDb db, string actor, long? callId, string reason, string detail = "") =>
        db.Write(WriteScope.AppendOnly, tx => StateChanges.AppendEvent(tx, new EventRow(db.Clock.GetUtcNow(), actor, "refused", callId, Reason: reason, Detail: detail)));
}
