using Microsoft.Extensions.Time.Testing;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Routing;
using static SafetyConsole.Data.Tests.Policy.TestDistrict;

namespace SafetyConsole.Data.Tests.Policy;

public class RouterTests
{
    private static readonly PolicySettings Settings = PolicySettings.Default;
    private static readonly DateTimeOffset Now = At("2026-10-05T10:05:00-07:00");

    private static Recommendation Recommend(DistrictSnapshot snap, string type, string location, DateTimeOffset? now = null,
        IReadOnlySet<string>? skip = null, long id = 1)
    {
        var call = Call(type, location, now ?? Now, id: id);
        var cls = snap.CallTypes[type].Class;
        return Router.Recommend(call, cls, snap, Settings, now ?? Now, skip);
    }

    private static string[] Badges(Recommendation r) => r.Candidates.Select(c => c.Officer.Badge).ToArray();

    private static Exclusion Excluded(Recommendation r, string badge) => Assert.Single(r.Excluded, x => x.Badge == badge);

    [Fact]
    public void Liaison_candidates_follow_post_and_jurisdiction()
    {
        var snap = Create()
            .Officer("R1", Role.SRO, "NMS", "TPD")                                              // posted at L: first
            .Officer("R2", Role.SRO, "NHS", "TPD")                                              // SRO at another school
            .Officer("S1", Role.SSO, "NHS", "TPD", ping: new GeoPoint(47.2790, -122.4910), pingAt: Now.AddMinutes(-1))
            .Officer("S2", Role.SSO, "NHS", "PCSO")                                             // covers, wrong agency
            .Officer("L1", Role.SLO, "DISTRICT", "DIST")                                        // district-wide, no position
            .Officer("L2", Role.SLO, "DISTRICT", "PCSO")                                        // district-wide, wrong agency
            .Officer("S3", Role.SSO, "BHS", "TPD")                                              // another zone: not plausible
            .Officer("C1", Role.CSO, "NMS")                                                     // campus class
            .Officer("G1", Role.SGT, "DISTRICT", "TPD")                                         // never a first responder
            .Build();
        var r = Recommend(snap, "TRESPASS", "NMS");
        Assert.Equal(CallClass.Liaison, r.Class);
        Assert.Equal(["R1", "S1", "L1"], Badges(r));
        Assert.True(r.Candidates[0].PostedAtLocation);
        Assert.False(r.Candidates[1].PostedAtLocation);
        Assert.Null(r.Candidates[2].DistanceMeters);
        Assert.Null(r.Candidates[2].EtaSeconds);
        Assert.Equal(["L2", "R2", "S2"], r.Excluded.Select(x => x.Badge).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(new Exclusion("R2", ExclusionKind.NotCovered, "R1: SRO posted at NHS, another school.", false), Excluded(r, "R2"));
        Assert.Equal(new Exclusion("S2", ExclusionKind.OutsideJurisdiction, "R1: PCSO has no jurisdiction over NMS (TPD's).", false), Excluded(r, "S2"));
        Assert.Equal(ExclusionKind.OutsideJurisdiction, Excluded(r, "L2").Kind);
    }

    [Fact]
    public void Liaison_officers_of_the_locations_own_agency_are_candidates()
    {
        var snap = Create().Officer("S2", Role.SSO, "NHS", "PCSO").Officer("S1", Role.SSO, "NHS", "TPD").Build();
        var r = Recommend(snap, "TRESPASS", "NES"); // NES is PCSO's
        Assert.Equal(["S2"], Badges(r));
        Assert.Equal(ExclusionKind.OutsideJurisdiction, Excluded(r, "S1").Kind);
    }

    [Fact]
    public void Campus_candidates_are_the_schools_cso_then_mobile_officers_covering_it()
    {
        var snap = Create()
            .Officer("C1", Role.CSO, "NMS")
            .Officer("C2", Role.CSO, "NHS")
            .Officer("M1", Role.CSS, "NHS")
            .Officer("M2", Role.CSS, "DISTRICT")
            .Officer("M3", Role.CSS, "BHS", ping: NMS.Point, pingAt: Now)   // another zone's mobile officer: not plausible
            .Officer("R1", Role.SRO, "NMS", "TPD")
            .Build();
        var r = Recommend(snap, "FIGHT", "NMS");
        Assert.Equal(CallClass.Campus, r.Class);
        Assert.Equal(["C1", "M1", "M2"], Badges(r));
        Assert.Equal(0, r.Candidates[0].DistanceMeters);
        Assert.Equal(new Exclusion("C2", ExclusionKind.NotCovered, "R1: CSO posted at NHS stays at that school (§3).", false),
            Assert.Single(r.Excluded));
    }

    [Fact]
    public void The_cso_posted_at_the_school_ranks_first_even_when_farther()
    {
        var snap = Create()
            .Officer("C1", Role.CSO, "NMS", ping: BHS.Point, pingAt: Now.AddMinutes(-2))
            .Officer("M1", Role.CSS, "NHS", ping: NMS.Point, pingAt: Now.AddMinutes(-2))
            .Build();
        var r = Recommend(snap, "FIGHT", "NMS");
        Assert.Equal(["C1", "M1"], Badges(r));
        Assert.True(r.Candidates[0].DistanceMeters > 5_000);
        Assert.Equal(0, r.Candidates[1].DistanceMeters);
    }

    [Fact]
    public void A_zone_post_is_at_its_high_school_and_eta_uses_road_factor_and_speed()
    {
        var snap = Create().Officer("M1", Role.CSS, "NHS").Build();
        var c = Assert.Single(Recommend(snap, "WELFARE", "NES").Candidates);
        var expected = Geo.HaversineMeters(NHS.Point, NES.Point);
        Assert.Equal(expected, c.DistanceMeters!.Value, 6);
        Assert.Equal(expected * 1.4 / (35 / 3.6), c.EtaSeconds!.Value, 6);
        Assert.False(c.FromPing);
        Assert.False(c.PostedAtLocation);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(599, true)]    // 9:59 old: fresh
    [InlineData(600, false)]   // exactly 10 minutes: not fresher than 10 minutes → post
    [InlineData(3600, false)]
    [InlineData(-60, true)]    // stamped a minute after now (clock skew): within the freshness window
    public void Pings_fresher_than_ten_minutes_are_used_else_the_post(int ageSeconds, bool fresh)
    {
        var near = new GeoPoint(47.2810, -122.4890);
        var snap = Create()
            .Officer("M1", Role.CSS, "DISTRICT", ping: near, pingAt: Now.AddSeconds(-ageSeconds))  // DISTRICT: no post position
            .Officer("M2", Role.CSS, "BHS", ping: near, pingAt: Now.AddSeconds(-ageSeconds))       // not covering NMS at all
            .Officer("M3", Role.CSS, "NHS", ping: near, pingAt: Now.AddSeconds(-ageSeconds))       // stale → its zone's high school
            .Build();
        var r = Recommend(snap, "WELFARE", "NMS");
        if (fresh)
        {
            Assert.Equal(["M1", "M3"], Badges(r)); // equal ETA: badge order
            Assert.All(r.Candidates, c => Assert.True(c.FromPing));
            Assert.All(r.Candidates, c => Assert.Equal(Geo.HaversineMeters(near, NMS.Point), c.DistanceMeters!.Value, 6));
        }
        else
        {
            Assert.Equal(["M3", "M1"], Badges(r)); // unknown position last
            Assert.Equal(Geo.HaversineMeters(NHS.Point, NMS.Point), r.Candidates[0].DistanceMeters!.Value, 6);
            Assert.Null(r.Candidates[1].DistanceMeters);
            Assert.All(r.Candidates, c => Assert.False(c.FromPing));
        }
    }

    [Fact]
    public void District_posted_officers_without_a_ping_rank_after_every_known_position()
    {
        var snap = Create()
            .Officer("A0", Role.CSS, "DISTRICT")                                              // unknown
            .Officer("Z9", Role.CSS, "DISTRICT", ping: BHS.Point, pingAt: Now.AddMinutes(-1))   // known but far
            .Officer("B1", Role.CSS, "DISTRICT").CallsToday("A0", 3)                          // unknown, fewer calls
            .Build();
        var r = Recommend(snap, "WELFARE", "NHS");
        Assert.Equal(["Z9", "B1", "A0"], Badges(r));
    }

    [Theory]
    [InlineData("", "C10,C2,C9,c1")]                // all equal: badge in ordinal order (upper case before lower, "10" before "2")
    [InlineData("C9=0,C10=1,C2=1,c1=1", "C9,C10,C2,c1")]
    [InlineData("c1=0,C10=2,C2=1,C9=1", "c1,C2,C9,C10")]
    public void Ties_go_to_fewer_calls_today_then_badge_ordinal(string callsToday, string expected)
    {
        var b = Create();
        foreach (var badge in new[] { "C9", "c1", "C2", "C10" }) b.Officer(badge, Role.CSS, "NHS");
        foreach (var pair in callsToday.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=');
            b.CallsToday(kv[0], int.Parse(kv[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        var r = Recommend(b.Build(), "WELFARE", "NMS");
        Assert.Equal(expected.Split(','), Badges(r));
        Assert.All(r.Candidates, c => Assert.Equal(r.Candidates[0].EtaSeconds, c.EtaSeconds));
    }

    [Theory]
    [InlineData("offduty", ExclusionKind.NotAvailable, "§3: OFF_DUTY, not AVAILABLE.", false)]
    [InlineData("busy", ExclusionKind.NotAvailable, "§3: BUSY, not AVAILABLE.", false)]
    [InlineData("oncall", ExclusionKind.OnOtherCall, "§3: on call 42 (ASSIGNED).", false)]
    [InlineData("onthis", ExclusionKind.OnThisCall, "§3: already on this call (ASSIGNED).", false)]
    [InlineData("skip", ExclusionKind.AckTimedOut, "R6: did not acknowledge this call in time; skipped (a supervisor may assign with a written reason).", true)]
    [InlineData("skip+training", ExclusionKind.AckTimedOut, "R6: did not acknowledge this call in time; skipped; R7: training lapsed: First aid expired 2026-09-30 (a supervisor may assign with a written reason).", true)]
    [InlineData("skip+busy", ExclusionKind.AckTimedOut, "R6: did not acknowledge this call in time; skipped.", false)]
    [InlineData("training", ExclusionKind.TrainingLapsed, "R7: training lapsed: First aid expired 2026-09-30 (a supervisor may assign with a written reason).", true)]
    [InlineData("training2", ExclusionKind.TrainingLapsed, "R7: training lapsed: De-escalation expired 2026-06-30, First aid expired 2026-09-30 (a supervisor may assign with a written reason).", true)]
    [InlineData("offduty+training", ExclusionKind.NotAvailable, "§3: OFF_DUTY, not AVAILABLE.", false)]
    [InlineData("agreement", ExclusionKind.AgreementLapsed, "R7: PCSO's agreement with the district was due for review 2026-10-04 (a supervisor may assign with a written reason).", true)]
    [InlineData("agreement+training", ExclusionKind.TrainingLapsed, "R7: training lapsed: First aid expired 2026-09-30; PCSO's agreement with the district was due for review 2026-10-04 (a supervisor may assign with a written reason).", true)]
    public void Every_exclusion_names_its_reason(string scenario, ExclusionKind kind, string reason, bool overridable)
    {
        var b = Create().Officer("OK", Role.SSO, "NHS", "PCSO");
        var status = scenario.StartsWith("offduty", StringComparison.Ordinal) ? OfficerStatus.OffDuty
            : scenario is "busy" or "skip+busy" ? OfficerStatus.Busy
            : scenario is "oncall" or "onthis" ? OfficerStatus.Assigned
            : OfficerStatus.Available;
        b.Officer("X", Role.SSO, "NHS", "PCSO", status);
        if (scenario is "oncall") b.OnCall("X", 42);
        if (scenario is "onthis") b.OnCall("X", 7);
        if (scenario.Contains("training", StringComparison.Ordinal)) b.Training("X", "First aid", "2024-09-30", "2026-09-30");
        if (scenario is "training2") b.Training("X", "De-escalation", "2024-06-30", "2026-06-30");
        if (scenario.StartsWith("agreement", StringComparison.Ordinal)) b.Agreement("PCSO", "2026-10-04");
        var skip = scenario.StartsWith("skip", StringComparison.Ordinal) ? new HashSet<string>(["X"], StringComparer.Ordinal) : null;
        var r = Recommend(b.Build(), "TRESPASS", "NES", skip: skip, id: 7);

        Assert.Equal(new Exclusion("X", kind, reason, overridable), Excluded(r, "X"));
        Assert.DoesNotContain("X", Badges(r));
        Assert.Equal(scenario.StartsWith("agreement", StringComparison.Ordinal) ? [] : new[] { "OK" }, Badges(r));
    }

    [Fact]
    public void An_officer_of_an_agency_the_district_does_not_have_is_excluded()
    {
        var snap = Create().OfficerTheImportWouldRefuse("X", Role.CSS, "NHS", "XYZ").Build(); // district import refuses agency XYZ
        var r = Recommend(snap, "WELFARE", "NHS");
        Assert.Empty(r.Candidates);
        Assert.Equal(new Exclusion("X", ExclusionKind.UnknownAgency,
            "R7: agency XYZ is not in the district's data, so its agreement cannot be checked.", false), Excluded(r, "X"));
    }

    [Theory]
    [InlineData("2026-10-05", "2026-10-05T10:05:00-07:00", true)]   // valid through its expiry date
    [InlineData("2026-10-04", "2026-10-05T10:05:00-07:00", false)]  // the day after: lapsed
    [InlineData("2026-10-05", "2026-10-06T06:59:00Z", true)]        // 23:59 PDT on the 5th: the district's date, not UTC's
    [InlineData("2026-10-05", "2026-10-06T07:00:00Z", false)]       // midnight in the district
    public void R7_training_is_current_through_its_expiry_date_in_the_district(string expires, string now, bool current)
    {
        var snap = Create().Officer("X", Role.CSS, "NHS").Training("X", "First aid", "2024-10-01", expires).Build();
        var r = Recommend(snap, "WELFARE", "NHS", At(now));
        Assert.Equal(current, r.Candidates.Count == 1);
        Assert.Equal(current, snap.TrainingCurrent("X", snap.LocalDate(At(now))));
    }

    [Fact]
    public void R7_currency_follows_the_date_of_each_recommendation_on_one_snapshot()
    {
        var snap = Create().Officer("X", Role.CSS, "NHS").Training("X", "First aid", "2024-10-01", "2026-09-30").Build();
        bool Eligible(string now) => Recommend(snap, "WELFARE", "NHS", At(now)).Candidates.Count == 1;
        Assert.True(Eligible("2026-09-30T10:00:00-07:00"));
        Assert.False(Eligible("2026-10-01T10:00:00-07:00"));
        Assert.True(Eligible("2026-09-30T11:00:00-07:00"));
        Assert.False(Eligible("2026-10-01T11:00:00-07:00"));
    }

    [Fact]
    public void R7_only_the_latest_record_of_each_topic_counts()
    {
        var snap = Create().Officer("X", Role.CSS, "NHS")
            .Training("X", "First aid", "2022-09-01", "2024-09-01")   // old, expired
            .Training("X", "First aid", "2024-09-01", "2026-12-31")   // renewed
            .Build();
        Assert.Equal(["X"], Badges(Recommend(snap, "WELFARE", "NHS")));
        Assert.Empty(snap.LapsedTraining("X", D("2026-10-05")));
        Assert.Equal("First aid", Assert.Single(snap.LapsedTraining("X", D("2027-01-01"))).Topic);
    }

    [Theory]
    [InlineData("2026-10-05", true)]
    [InlineData("2026-10-04", false)]
    public void R7_agreement_is_current_through_its_review_date_and_district_staff_have_none(string due, bool current)
    {
        var snap = Create().Agreement("TPD", due)
            .Officer("S1", Role.SSO, "NHS", "TPD")
            .Officer("D1", Role.SSO, "NHS", "DIST")
            .Build();
        var r = Recommend(snap, "TRESPASS", "NHS");
        Assert.Equal(current ? ["D1", "S1"] : ["D1"], Badges(r));
        Assert.Equal(current, snap.AgreementCurrent("TPD", D("2026-10-05")));
    }

    [Fact]
    public void Skipped_badges_of_R6_fall_to_the_next_ranked()
    {
        var snap = Create().Officer("C1", Role.CSO, "NHS").Officer("M1", Role.CSS, "NHS").Build();
        Assert.Equal(["C1", "M1"], Badges(Recommend(snap, "FIGHT", "NHS")));
        var r = Recommend(snap, "FIGHT", "NHS", skip: new HashSet<string>(["C1"], StringComparer.Ordinal));
        Assert.Equal(["M1"], Badges(r));
        Assert.Equal(ExclusionKind.AckTimedOut, Excluded(r, "C1").Kind);
    }

    [Fact]
    public void Class_none_has_no_candidates()
    {
        var snap = Create().Officer("C1", Role.CSO, "NHS").Build();
        var r = Router.Recommend(Call("DISCIPLINE", "NHS", Now), CallClass.None, snap, Settings, Now);
        Assert.Empty(r.Candidates);
        Assert.Empty(r.Excluded);
        Assert.Null(r.Top);
    }

    [Fact]
    public void Recommend_reads_the_time_from_a_time_provider()
    {
        var clock = new FakeTimeProvider(Now);
        var snap = Create().Officer("M1", Role.CSS, "DISTRICT", ping: NMS.Point, pingAt: Now).Build();
        var call = Call("WELFARE", "NHS", Now);
        Assert.NotNull(Router.Recommend(call, CallClass.Campus, snap, Settings, clock).Top!.DistanceMeters);
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Null(Router.Recommend(call, CallClass.Campus, snap, Settings, clock).Top!.DistanceMeters);
    }

    [Theory]
    [InlineData(0, 0, 0, 1, 111_195.08)]
    [InlineData(0, 0, 1, 0, 111_195.08)]
    [InlineData(47.27, -122.50, 47.27, -122.50, 0)]
    [InlineData(51.5007, -0.1246, 40.6892, -74.0445, 5_574_840)] // Big Ben – Statue of Liberty, about 5,575 km
    public void Haversine_distance_in_metres(double lat1, double lon1, double lat2, double lon2, double metres)
    {
        var d = Geo.HaversineMeters(new GeoPoint(lat1, lon1), new GeoPoint(lat2, lon2));
        Assert.InRange(d, metres - Math.Max(0.01, metres * 1e-4), metres + Math.Max(0.01, metres * 1e-4));
    }
}
