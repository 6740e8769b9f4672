using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Routing;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Dispatch;

/// <summary>
/// The recommendation for a stored call (DESIGN §3), the same function for the board, the command line and the
/// worker. The class comes from the call's intake decision; a NEW call not yet classified is classified on the fly.
/// </summary>
public static class Recommendations
{
    /// <summary>For a stored call, with the district's policy numbers as stored (issue 13: the same in every process).</summary>
    public static Recommendation For(SafetyDb db, long callId, DateTimeOffset at)
    {
        var call = Reads.RequireCall(db, callId);
        var snap = SnapshotLoader.Load(db, at);
        return For(call, snap, snap.Policy, at, TimedOutOn(db, callId));
    }

    public static Recommendation For(Call call, DistrictSnapshot snap, PolicySettings settings, DateTimeOffset at, IReadOnlySet<string>? skip = null) =>
        Router.Recommend(call, ClassFor(call, snap, settings, at), snap, settings, at, skip) with { CallStatus = call.Status };

    /// <summary>
    /// R2: why no officer is recommended at all, for a DIVERTED call or routine discipline (class NONE); null for a
    /// call officers answer. One sentence for `recommend` and the board's route dialog.
    /// </summary>
    public static string? NotForOfficers(Recommendation rec) =>
        rec.CallStatus == CallStatus.Diverted
            ? $"Call {rec.CallId} is DIVERTED to the school administration (R2): no officer is recommended; a supervisor may reclassify it if the type is wrong."
            : rec.Class == CallClass.None
                ? $"Call {rec.CallId} is routine student discipline for the school administration (R2): no officer is recommended; a supervisor may reclassify it if the type is wrong."
                : null;

    /// <summary>
    /// The class a call is routed by: its class when intake gave it one (or the caller did, from the intake decision
    /// it already made: intake runs once per decision); for a NEW call not yet classified, the class intake would give
    /// it; for a call closed by hand before intake, its type's class.
    /// </summary>
    public static CallClass ClassFor(Call call, DistrictSnapshot snap, PolicySettings settings, DateTimeOffset at) =>
        call.Class is { } cls && cls != CallClass.None ? cls
        : call.Class is null && call.Status == CallStatus.New ? Intake.Decide(call, snap, settings, at).Class
        : snap.CallTypes.TryGetValue(call.Type, out var t) ? t.Class : CallClass.None;

    /// <summary>R6: officers released from this call for not acknowledging in time; they are not offered it again.</summary>
    public static IReadOnlySet<string> TimedOutOn(SafetyDb db, long callId) =>
        SqlRead.Rows(db.Connection, "SELECT badge FROM assignments WHERE call_id = @callId AND release_reason = 'ack-timeout'",
                r => r.GetString(0), null, ("@callId", callId))
            .ToHashSet(StringComparer.Ordinal);
}
