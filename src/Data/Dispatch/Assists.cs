using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;

namespace SafetyConsole.Data.Dispatch;

/// <summary>
/// Who may assist on a call (issue 15), a pure decision. R1 holds: an assist is never the first response, so any staff
/// may assist, whatever their class or post (a CSO from another school, the sergeant); the call must already have its
/// first responder and still hold it; the officer must be AVAILABLE and on no other open call (§3).
/// </summary>
public static class Assists
{
    /// <summary>Null when <paramref name="badge"/> may assist on <paramref name="call"/>, else the refusal sentence.</summary>
    public static string? Refusal(Call call, string badge, DistrictSnapshot snap, IReadOnlyList<OnCall> onCall)
    {
        if (!Transitions.HoldsOfficer(call.Status) || call.AssignedTo is null)
            return $"Call {call.Id} is {call.Status.Text()}, with no first responder on it; assign its first responder first (R1: an assist is never the first response), or assign {badge} without --assist.";
        if (!snap.OfficersByBadge.TryGetValue(badge, out var officer))
            return $"There is no officer {badge}; check the badge with `safety-console officers list`.";
        if (onCall.Any(a => a.Open && string.Equals(a.Badge, badge, StringComparison.Ordinal)))
            return $"{badge} is already on call {call.Id}.";
        if (snap.OpenCallByBadge.TryGetValue(badge, out var other))
            return $"{badge} is on call {other} ({officer.Status.Text()}); an officer works one call at a time (§3).";
        if (officer.Status != OfficerStatus.Available)
            return $"{badge} is {officer.Status.Text()}, not AVAILABLE; set the officer AVAILABLE first (`safety-console officer status {badge} AVAILABLE`).";
        return null;
    }
}
