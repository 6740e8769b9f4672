using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Routing;
using static SafetyConsole.Data.Tests.Policy.TestDistrict;

namespace SafetyConsole.Data.Tests.Policy;

public class OverridesTests
{
    private static readonly DateTimeOffset Now = At("2026-10-05T10:05:00-07:00");

    /// <summary>OK eligible; LAPSED training lapsed (R7); OFF off duty and lapsed; FAR a CSO at another school.</summary>
    private static readonly DistrictSnapshot Snap = Create()
        .Officer("OK", Role.CSS, "NHS")
        .Officer("LAPSED", Role.CSS, "NHS").Training("LAPSED", "First aid", "2024-09-30", "2026-09-30")
        .Officer("OFF", Role.CSS, "NHS", status: OfficerStatus.OffDuty).Training("OFF", "First aid", "2024-09-30", "2026-09-30")
        .Officer("FAR", Role.CSO, "NMS")
        .Build();

    private static Recommendation Rec(string type = "FIGHT", CallStatus status = CallStatus.Pending)
    {
        var call = Call(type, "NHS", Now, status: status);
        return Router.Recommend(call, Snap.CallTypes[type].Class, Snap, PolicySettings.Default, Now);
    }

    [Theory]
    // An eligible candidate: no reason needed, not an override.
    [InlineData("OK", OperatorRole.Dispatcher, null, true, false, "OK is an eligible CAMPUS candidate for call 1.")]
    [InlineData("OK", OperatorRole.Supervisor, null, true, false, "OK is an eligible CAMPUS candidate for call 1.")]
    // R7: a supervisor with a written reason only.
    [InlineData("LAPSED", OperatorRole.Supervisor, "Only officer near the fight; recertifies Friday", true, true,
        "R7 override: LAPSED may be assigned to call 1 against the recommendation. Not recommended: R7: training lapsed: First aid expired 2026-09-30 (a supervisor may assign with a written reason). Reason given: Only officer near the fight; recertifies Friday")]
    [InlineData("LAPSED", OperatorRole.Supervisor, null, false, false,
        "LAPSED is not recommended: R7: training lapsed: First aid expired 2026-09-30 (a supervisor may assign with a written reason). Give a written reason (--override REASON) to assign anyway.")]
    [InlineData("LAPSED", OperatorRole.Supervisor, "   ", false, false,
        "LAPSED is not recommended: R7: training lapsed: First aid expired 2026-09-30 (a supervisor may assign with a written reason). Give a written reason (--override REASON) to assign anyway.")]
    [InlineData("LAPSED", OperatorRole.Dispatcher, "urgent", false, false,
        "LAPSED is not recommended: R7: training lapsed: First aid expired 2026-09-30 (a supervisor may assign with a written reason). Only a supervisor may assign with a written reason; ask the on-call supervisor.")]
    // Any other exclusion: refused, even for a supervisor with a reason.
    [InlineData("OFF", OperatorRole.Supervisor, "urgent", false, false,
        "OFF cannot be assigned to call 1: §3: OFF_DUTY, not AVAILABLE. Choose an eligible candidate.")]
    [InlineData("FAR", OperatorRole.Supervisor, "urgent", false, false,
        "FAR cannot be assigned to call 1: R1: CSO posted at NMS stays at that school (§3). Choose an eligible candidate.")]
    [InlineData("NOBODY", OperatorRole.Supervisor, "urgent", false, false,
        "NOBODY is not a CAMPUS candidate for call 1 (wrong role, post or zone, or unknown badge); choose one from the recommendation.")]
    // R10: viewers assign nothing.
    [InlineData("OK", OperatorRole.Viewer, null, false, false, "R10: a viewer may not assign officers; ask a dispatcher or a supervisor.")]
    public void Can_assign(string badge, OperatorRole role, string? reason, bool allowed, bool isOverride, string message)
    {
        var check = Overrides.CanAssign(Rec(), badge, role, reason);
        Assert.Equal(allowed, check.Allowed);
        Assert.Equal(isOverride, check.IsOverride);
        Assert.Equal(message, check.Message, StringComparer.Ordinal);
        Assert.Equal(isOverride ? reason!.Trim() : null, check.Reason);
    }

    [Theory]
    [InlineData("DISCIPLINE", CallStatus.Diverted)]   // class NONE
    [InlineData("FIGHT", CallStatus.Diverted)]        // a diverted call, whatever its type
    public void R2_admits_no_override_at_all(string type, CallStatus status)
    {
        var rec = Rec(type, status);
        foreach (var badge in new[] { "OK", "LAPSED" })
        {
            var check = Overrides.CanAssign(rec, badge, OperatorRole.Supervisor, "please");
            Assert.False(check.Allowed);
            Assert.Equal("R2: call 1 is routine discipline for the school administration and admits no override; a supervisor may reclassify it first.",
                check.Message, StringComparer.Ordinal);
        }
    }

    /// <summary>R6: the only officer who covers a call timed out on it (skipped); the call must not be stranded.</summary>
    private static Recommendation TimedOutRec(string badge)
    {
        var call = Call("FIGHT", "NHS", Now);
        return Router.Recommend(call, CallClass.Campus, Snap, PolicySettings.Default, Now, new HashSet<string>([badge], StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("OK", OperatorRole.Supervisor, "Radio was down at NHS; OK confirmed by phone", true, true,
        "R6 override: OK may be assigned to call 1 against the recommendation. Not recommended: R6: did not acknowledge this call in time; skipped (a supervisor may assign with a written reason). Reason given: Radio was down at NHS; OK confirmed by phone")]
    [InlineData("OK", OperatorRole.Supervisor, null, false, false,
        "OK is not recommended: R6: did not acknowledge this call in time; skipped (a supervisor may assign with a written reason). Give a written reason (--override REASON) to assign anyway.")]
    [InlineData("OK", OperatorRole.Dispatcher, "urgent", false, false,
        "OK is not recommended: R6: did not acknowledge this call in time; skipped (a supervisor may assign with a written reason). Only a supervisor may assign with a written reason; ask the on-call supervisor.")]
    [InlineData("OFF", OperatorRole.Supervisor, "urgent", false, false,
        "OFF cannot be assigned to call 1: R6: did not acknowledge this call in time; skipped. Choose an eligible candidate.")]
    public void R6_exclusion_is_overridden_by_a_supervisor_with_a_written_reason(string badge, OperatorRole role, string? reason, bool allowed, bool isOverride, string message)
    {
        var check = Overrides.CanAssign(TimedOutRec(badge), badge, role, reason);
        Assert.Equal(allowed, check.Allowed);
        Assert.Equal(isOverride, check.IsOverride);
        Assert.Equal(message, check.Message, StringComparer.Ordinal);
        Assert.Equal(isOverride ? "R6" : null, check.Rule);
    }

    [Fact]
    public void The_service_account_assigns_nothing()
    {
        var check = Overrides.CanAssign(Rec(), "OK", OperatorRole.Service, null);
        Assert.False(check.Allowed);
        Assert.Equal("R10: the service account may not assign officers; ask a dispatcher or a supervisor.", check.Message, StringComparer.Ordinal);
    }
}
