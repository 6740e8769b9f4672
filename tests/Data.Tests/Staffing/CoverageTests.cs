using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Staffing;

namespace SafetyConsole.Data.Tests.Staffing;

/// <summary>Issue 14: the coverage audit asks the real router who could ever answer each location's calls first.</summary>
public class CoverageTests
{
    private static readonly DistrictData Demo = DistrictParser.Parse(DistrictSource.Demo);
    private static readonly DateTimeOffset MondayMorning = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(-8));

    private static DistrictSnapshot Snapshot(IEnumerable<Officer>? officers = null) =>
        new(Demo.District, Demo.Calendar, Demo.Locations, Demo.Agencies, [], officers ?? Demo.Officers, Demo.Training);

    private static CoverageReport Audit(DateTimeOffset at, IEnumerable<Officer>? officers = null) =>
        Coverage.Compute(Snapshot(officers), at, PolicySettings.Default);

    private static LocationCoverage At(CoverageReport r, string code) => r.Locations.Single(l => l.Code == code);

    [Fact]
    public void The_demo_district_is_covered_everywhere_with_its_deliberate_weak_spots_kept_out_R7()
    {
        var r = Audit(MondayMorning);
        Assert.Empty(r.Gaps);
        Assert.Equal(Demo.Locations.Count, r.Locations.Count);
        // The sheriff's liaison officer for the NHS feeder pattern answers its liaison calls; the deputy on leave,
        // whose training lapsed while away, is listed as kept out.
        var nhs = At(r, "NHS");
        Assert.Equal(["SLO-2"], nhs.Liaison.Responders);
        var leave = Assert.Single(nhs.Liaison.KeptOut);
        Assert.Equal("SSO-2", leave.Badge);
        Assert.StartsWith("R7: training lapsed", leave.Reason, StringComparison.Ordinal);
        // The lapsed training of Fernhill's mobile specialist shows at every Fernhill location; the district-wide CSS covers.
        Assert.All(r.Locations.Where(l => l.Zone == "FHS"), l =>
        {
            Assert.Contains(l.Campus.KeptOut, k => k.Badge == "CSS-3");
            Assert.Contains("CSS-5", l.Campus.Responders);
        });
        // R1 posts: a CSO stays at its school; an SRO covers only its school.
        Assert.Equal(["CSO-01", "CSS-1", "CSS-5"], At(r, "LHS").Campus.Responders);
        Assert.DoesNotContain("SRO-1", At(r, "JMS").Liaison.Responders);
        Assert.Equal("R4: referred to NCSO (Narrows County Sheriff's Office).", nhs.Liaison.OutsideWindow);
    }

    [Fact]
    public void Live_status_is_ignored_an_officer_off_duty_or_busy_still_covers()
    {
        var officers = Demo.Officers.Select(o => o.Badge == "SLO-2" ? o with { Status = OfficerStatus.OffDuty } : o);
        Assert.Equal(["SLO-2"], At(Audit(MondayMorning, officers), "COVE").Liaison.Responders);
    }

    [Fact]
    public void A_feeder_pattern_with_no_liaison_officer_of_its_agency_is_a_gap_at_every_location_R1()
    {
        var r = Audit(MondayMorning, Demo.Officers.Where(o => o.Badge != "SLO-2"));
        var gaps = r.Gaps.Where(g => g.Cell.Class == CallClass.Liaison).ToList();
        Assert.Equal(Demo.Locations.Where(l => l.Zone == "NHS").Select(l => l.Code).Order(StringComparer.Ordinal),
            gaps.Select(g => g.Location.Code).Order(StringComparer.Ordinal));
        // SSO-2 is posted there but on leave with lapsed training: R7 names him.
        Assert.All(gaps, g => Assert.StartsWith("R7: every officer who covers it is kept out (SSO-2: training lapsed", g.Cell.Gap, StringComparison.Ordinal));

        // With nobody posted at all, the reason is R1 and names the agency with jurisdiction.
        var bare = Audit(MondayMorning, Demo.Officers.Where(o => o.Badge is not ("SLO-2" or "SSO-2")));
        Assert.Equal("R1: no liaison officer of NCSO, which has jurisdiction, or of the district is posted to cover COVE (zone NHS, or district-wide).",
            At(bare, "COVE").Liaison.Gap);
        // The HVPD liaison officer posted district-wide has no jurisdiction there (§3).
        Assert.DoesNotContain("SLO-1", At(bare, "COVE").Liaison.Responders);
    }

    [Fact]
    public void A_school_with_no_campus_officer_posted_and_no_mobile_one_covering_is_a_gap_R1()
    {
        var r = Audit(MondayMorning, Demo.Officers.Where(o => o.Badge is not ("CSS-5" or "CSS-1")));
        var gap = Assert.Single(r.Gaps, g => g.Location.Code == "BIRE");
        Assert.Equal(CallClass.Campus, gap.Cell.Class);
        Assert.Equal("R1: no CSO is posted at BIRE and no CSS covers zone LHS or the district.", gap.Cell.Gap);
        Assert.Null(At(r, "ALDE").Campus.Gap); // its own CSO
        Assert.Equal("R4: referred to HVPD (Harbor Valley Police Department).", At(r, "BIRE").Campus.OutsideWindow);
    }

    [Fact]
    public void The_sheriffs_agreement_review_due_2026_12_31_uncovers_both_sheriff_feeder_patterns_in_january_R7()
    {
        var r = Audit(new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.FromHours(-8)));
        var ncso = Demo.Locations.Where(l => l.Agency == "NCSO").Select(l => l.Code).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(ncso, r.Gaps.Select(g => g.Location.Code).Order(StringComparer.Ordinal));
        Assert.All(r.Gaps, g =>
        {
            Assert.Equal(CallClass.Liaison, g.Cell.Class);
            Assert.Contains("NCSO's agreement with the district was due for review 2026-12-31", g.Cell.Gap, StringComparison.Ordinal);
        });
        // The day it is due, the agreement is still current.
        Assert.Empty(Audit(new DateTimeOffset(2026, 12, 31, 9, 0, 0, TimeSpan.FromHours(-8))).Gaps);
    }
}
