using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Routing;

namespace SafetyConsole.Data.Policy;

/// <summary>
/// The answer to "may this operator assign this officer to this call?". <see cref="IsOverride"/> is true when the
/// assignment goes against the recommendation (R7, or R6 for an officer who timed out on the call) and must be recorded
/// with <see cref="Reason"/>. <see cref="Message"/> is one plain sentence: what happened, or what to do instead.
/// </summary>
public sealed record OverrideCheck(bool Allowed, bool IsOverride, string Message, string? Reason = null)
{
    /// <summary>The rule overridden ("R6" or "R7"), when <see cref="IsOverride"/>.</summary>
    public string? Rule { get; init; }

    internal static OverrideCheck Refuse(string message) => new(false, false, message);
}

/// <summary>Override rules (R2, R7, R10) as a pure check over a recommendation.</summary>
public static class Overrides
{
    /// <summary>
    /// R10: viewers (and the service account) assign nothing. R2: a call of class NONE or a DIVERTED call admits no
    /// override at all, only reclassification. An eligible candidate: allowed, no reason needed. An officer excluded for
    /// R7 only (training lapsed, agreement past review), or skipped under R6 (timed out on this call) with nothing but R7
    /// besides: allowed for a supervisor with a non-empty written reason.
    /// Any other exclusion, or an officer not among the plausible candidates: refused, naming the reason.
    /// </summary>
    public static OverrideCheck CanAssign(Recommendation rec, string badge, OperatorRole role, string? reason)
    {
        ArgumentNullException.ThrowIfNull(rec);
        ArgumentNullException.ThrowIfNull(badge);
        if (role < OperatorRole.Dispatcher)
            return OverrideCheck.Refuse($"R10: {role.InSentence()} may not assign officers; ask a dispatcher or a supervisor.");
        if (rec.Class == CallClass.None || rec.CallStatus == CallStatus.Diverted)
            return OverrideCheck.Refuse(
                $"R2: call {rec.CallId} is routine discipline for the school administration and admits no override; a supervisor may reclassify it first.");

        foreach (var c in rec.Candidates)
        {
            if (string.Equals(c.Officer.Badge, badge, StringComparison.Ordinal))
                return new OverrideCheck(true, false, $"{badge} is an eligible {rec.Class.Text()} candidate for call {rec.CallId}.");
        }

        foreach (var x in rec.Excluded)
        {
            if (!string.Equals(x.Badge, badge, StringComparison.Ordinal)) continue;
            if (!x.Overridable)
                return OverrideCheck.Refuse($"{badge} cannot be assigned to call {rec.CallId}: {x.Reason} Choose an eligible candidate.");
            if (role != OperatorRole.Supervisor)
                return OverrideCheck.Refuse($"{badge} is not recommended: {x.Reason} Only a supervisor may assign with a written reason; ask the on-call supervisor.");
            if (string.IsNullOrWhiteSpace(reason))
                return OverrideCheck.Refuse($"{badge} is not recommended: {x.Reason} Give a written reason (--override REASON) to assign anyway.");
            var rule = x.Kind == ExclusionKind.AckTimedOut ? "R6" : "R7";
            return new OverrideCheck(true, true, $"{rule} override: {badge} may be assigned to call {rec.CallId} against the recommendation. Not recommended: {x.Reason} Reason given: {reason.Trim()}", reason.Trim())
            {
                Rule = rule,
            };
        }

        return OverrideCheck.Refuse(
            $"{badge} is not a {rec.Class.Text()} candidate for call {rec.CallId} (wrong role, post or zone, or unknown badge); choose one from the recommendation.");
    }
}
