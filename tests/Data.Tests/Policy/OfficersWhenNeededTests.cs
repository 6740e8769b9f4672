using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Routing;
using static SafetyConsole.Data.Tests.Policy.TestDistrict;

namespace SafetyConsole.Data.Tests.Policy;

/// <summary>
/// Issue 14 (speed): the worker's pass builds its snapshot with the officers read only when a decision first asks
/// about one (<see cref="DistrictSnapshot.WithOfficersWhenNeeded"/>). Intake inside the window (R1–R3, R5) never
/// asks; R4's after-hours CAMPUS check does; and the snapshot then decides exactly as one built with the officers.
/// </summary>
public class OfficersWhenNeededTests
{
    private static readonly PolicySettings Settings = PolicySettings.Default;

    private static (DistrictSnapshot Deferred, Func<int> Reads) Deferred(TestDistrict district)
    {
        var full = district.Build();
        var reads = 0;
        var deferred = Create().Build().WithOfficersWhenNeeded(() =>
        {
            reads++;
            return new DistrictSnapshot.LiveState(full.Officers, full.OpenCallByBadge, full.CallsToday);
        });
        return (deferred, () => reads);
    }

    [Theory]
    [InlineData("WEAPON", "NHS", "2026-10-05T10:05:00-07:00")]    // R1 LIAISON in the window, R5 deadline
    [InlineData("FIGHT", "NMS", "2026-10-05T10:05:00-07:00")]     // R1 CAMPUS in the window
    [InlineData("DISCIPLINE", "NHS", "2026-10-05T10:05:00-07:00")] // R2 diverted
    [InlineData("INTERVENE", "NHS", "2026-10-05T10:05:00-07:00")]  // R3 no basis: diverted
    [InlineData("TRESPASS", "NHS", "2026-10-03T21:00:00-07:00")]   // R4 LIAISON after hours: referred, no officer needed
    [InlineData("ALIEN", "NHS", "2026-10-05T10:05:00-07:00")]      // R8 refused
    public void Intake_that_needs_no_officer_reads_none(string type, string location, string instant)
    {
        var (snap, reads) = Deferred(Create().Officer("C1", Role.CSO, "NHS"));
        var received = At(instant);
        var full = Create().Officer("C1", Role.CSO, "NHS").Build();

        var d = Intake.Decide(Call(type, location, received), snap, Settings, received);

        Assert.Equal(0, reads());
        Assert.Equal(Intake.Decide(Call(type, location, received), full, Settings, received).Trace, d.Trace);
    }

    [Theory]
    [InlineData(OfficerStatus.Available, CallStatus.Pending)]
    [InlineData(OfficerStatus.OffDuty, CallStatus.Referred)]
    public void R4_after_hours_campus_check_reads_the_officers_once_and_decides_as_with_them(OfficerStatus status, CallStatus expected)
    {
        var district = Create().Officer("C1", Role.CSO, "NHS", status: status);
        var (snap, reads) = Deferred(district);
        var received = At("2026-10-03T21:00:00-07:00");

        var d = Intake.Decide(Call("FIGHT", "NHS", received), snap, Settings, received);
        var again = Router.Recommend(Call("FIGHT", "NHS", received), CallClass.Campus, snap, Settings, received);

        Assert.Equal(1, reads());
        Assert.Equal(expected, d.Status);
        Assert.Equal(Intake.Decide(Call("FIGHT", "NHS", received), district.Build(), Settings, received).Trace, d.Trace);
        Assert.Equal(expected == CallStatus.Pending ? ["C1"] : [], again.Candidates.Select(c => c.Officer.Badge));
    }
}
