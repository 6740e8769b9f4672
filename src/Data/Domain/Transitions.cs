namespace SafetyConsole.Data.Domain;

/// <summary>
/// The legal status transitions of calls and officers (DESIGN §2: illegal transitions are refused with a
/// message naming both states). Pure data; the store checks every change against it.
/// </summary>
public static class Transitions
{
    private static readonly Dictionary<CallStatus, CallStatus[]> CallMoves = new()
    {
        // Intake (worker pass step 1) or a supervisor's reclassification back to NEW.
        // -> CLEARED from NEW, PENDING, ESCALATED: `link`, a duplicate cleared with disposition 22 (issue 15).
        [CallStatus.New] = [CallStatus.Pending, CallStatus.Diverted, CallStatus.Referred, CallStatus.Cancelled, CallStatus.Assigned, CallStatus.Cleared],
        [CallStatus.Pending] = [CallStatus.Assigned, CallStatus.Escalated, CallStatus.Cancelled, CallStatus.Diverted, CallStatus.Referred, CallStatus.New, CallStatus.Cleared],
        // ASSIGNED -> ASSIGNED: released on an acknowledgement timeout and handed to the next officer (R6).
        [CallStatus.Assigned] = [CallStatus.Acknowledged, CallStatus.EnRoute, CallStatus.OnScene, CallStatus.Assigned, CallStatus.Pending, CallStatus.Escalated, CallStatus.Cancelled],
        [CallStatus.Acknowledged] = [CallStatus.EnRoute, CallStatus.OnScene, CallStatus.Cleared, CallStatus.Cancelled],
        [CallStatus.EnRoute] = [CallStatus.OnScene, CallStatus.Cleared, CallStatus.Cancelled],
        [CallStatus.OnScene] = [CallStatus.Cleared],
        [CallStatus.Escalated] = [CallStatus.Assigned, CallStatus.Cancelled, CallStatus.Referred, CallStatus.Diverted, CallStatus.New, CallStatus.Cleared],
        // R2: a diverted call can only come back by a supervisor's reclassification (to NEW, re-decided at intake).
        [CallStatus.Diverted] = [CallStatus.New],
        [CallStatus.Referred] = [CallStatus.New],
        // CLEARED -> NEW: only a supervisor's `unlink` of a duplicate (issue 15); intake decides it again.
        [CallStatus.Cleared] = [CallStatus.New],
        [CallStatus.Cancelled] = [],
    };

    private static readonly Dictionary<OfficerStatus, OfficerStatus[]> OfficerMoves = new()
    {
        [OfficerStatus.Available] = [OfficerStatus.Assigned, OfficerStatus.Busy, OfficerStatus.OffDuty],
        [OfficerStatus.Assigned] = [OfficerStatus.EnRoute, OfficerStatus.OnScene, OfficerStatus.Available],
        [OfficerStatus.EnRoute] = [OfficerStatus.OnScene, OfficerStatus.Available],
        [OfficerStatus.OnScene] = [OfficerStatus.Available],
        [OfficerStatus.Busy] = [OfficerStatus.Available, OfficerStatus.OffDuty],
        [OfficerStatus.OffDuty] = [OfficerStatus.Available],
    };

    /// <summary>Statuses in which a call still needs or holds a responder.</summary>
    public static bool IsOpen(CallStatus s) => s is CallStatus.New or CallStatus.Pending or CallStatus.Assigned
        or CallStatus.Acknowledged or CallStatus.EnRoute or CallStatus.OnScene or CallStatus.Escalated;

    /// <summary>Call statuses in which the call holds its assigned officer.</summary>
    public static bool HoldsOfficer(CallStatus s) => s is CallStatus.Assigned or CallStatus.Acknowledged or CallStatus.EnRoute or CallStatus.OnScene;

    /// <summary>Statuses in which an officer is attached to a call.</summary>
    public static bool IsOnCall(OfficerStatus s) => s is OfficerStatus.Assigned or OfficerStatus.EnRoute or OfficerStatus.OnScene;

    public static bool CanMove(CallStatus from, CallStatus to) => CallMoves[from].Contains(to);

    public static bool CanMove(OfficerStatus from, OfficerStatus to) => OfficerMoves[from].Contains(to);

    /// <summary>The refusal sentence for an illegal call transition, naming both states.</summary>
    public static string Refusal(CallStatus from, CallStatus to) =>
        CallMoves[from].Length == 0
            ? $"A {from.Text()} call cannot become {to.Text()}: {from.Text()} is final."
            : $"A {from.Text()} call cannot become {to.Text()}; from {from.Text()} it can become {string.Join(", ", CallMoves[from].Select(s => s.Text()))}.";

    public static string Refusal(OfficerStatus from, OfficerStatus to) =>
        $"An officer who is {from.Text()} cannot become {to.Text()}; from {from.Text()} the next status is {string.Join(" or ", OfficerMoves[from].Select(s => s.Text()))}.";
}
