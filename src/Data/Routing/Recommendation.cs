using SafetyConsole.Data.Domain;

namespace SafetyConsole.Data.Routing;

/// <summary>Why a plausible candidate was left out of a recommendation.</summary>
public enum ExclusionKind
{
    /// <summary>R1/§3: the officer's post does not cover the call's location (e.g. a CSO posted at another school).</summary>
    NotCovered,
    /// <summary>R1/§3: a liaison officer of a police agency without jurisdiction over the location.</summary>
    OutsideJurisdiction,
    /// <summary>R6: the officer did not acknowledge this call in time and is skipped.</summary>
    AckTimedOut,
    /// <summary>§3: the officer is on this call already.</summary>
    OnThisCall,
    /// <summary>§3: the officer is on another open call.</summary>
    OnOtherCall,
    /// <summary>§3: the officer's status is not AVAILABLE.</summary>
    NotAvailable,
    /// <summary>R7: the officer's agency is not in the district's data (no agreement to check).</summary>
    UnknownAgency,
    /// <summary>R7: required training lapsed (overridable by a supervisor with a written reason).</summary>
    TrainingLapsed,
    /// <summary>R7: the agency's agreement is past its review date (overridable by a supervisor with a written reason).</summary>
    AgreementLapsed,
}

/// <summary>An eligible officer, in rank order. Distance is great-circle metres (null: position unknown);
/// ETA applies the road factor and urban speed (§3).</summary>
public sealed record Candidate(Officer Officer, double? DistanceMeters, double? EtaSeconds, bool PostedAtLocation)
{
    /// <summary>True when the position came from a fresh ping, false when from the post (or unknown).</summary>
    public bool FromPing { get; init; }
}

/// <summary>
/// A plausible candidate left out, with its reason citing the rule. Only R7 reasons, and an R6 time-out on this call when
/// nothing but R7 stands beside it, are <see cref="Overridable"/> (by a supervisor with a written reason).
/// </summary>
public sealed record Exclusion(string Badge, ExclusionKind Kind, string Reason, bool Overridable);

/// <summary>The ranked candidates for a call and every plausible candidate left out (§3).</summary>
public sealed record Recommendation(long CallId, CallClass Class, IReadOnlyList<Candidate> Candidates, IReadOnlyList<Exclusion> Excluded)
{
    /// <summary>The call's status when recommended (a DIVERTED call admits no override, R2).</summary>
    public CallStatus CallStatus { get; init; }

    /// <summary>The top-ranked eligible candidate, if any.</summary>
    public Candidate? Top => Candidates.Count > 0 ? Candidates[0] : null;
}
