using Microsoft.Extensions.Time.Testing;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using static SafetyConsole.Data.Tests.Policy.TestDistrict;

namespace SafetyConsole.Data.Tests.Policy;

public class IntakeTests
{
    private static readonly DistrictSnapshot Empty = Create().Build();
    private static readonly PolicySettings Settings = PolicySettings.Default;

    [Fact]
    public void Liaison_call_inside_the_window_is_pending_with_the_traces_of_R1_and_R5()
    {
        var received = At("2026-10-05T10:05:00-07:00");
        var d = Intake.Decide(Call("WEAPON", "NHS", received), Empty, Settings, received);
        Assert.Equal(CallStatus.Pending, d.Status);
        Assert.Equal(CallClass.Liaison, d.Class);
        Assert.Equal(received.AddSeconds(60), d.Deadline);
        Assert.Null(d.Agency);
        Assert.False(d.Refused);
        Assert.Equal(
            ["R1: school day, 10:05 inside Narrows High School's window 07:20–15:20; LIAISON first.",
             "R5: P1 deadline 10:06:00 (60 s after receipt)."],
            d.Trace);
    }

    [Theory]
    [InlineData(1, 60, "R5: P1 deadline 10:06:00 (60 s after receipt).")]
    [InlineData(2, 180, "R5: P2 deadline 10:08:00 (3 min after receipt).")]
    [InlineData(3, 900, "R5: P3 deadline 10:20:00 (15 min after receipt).")]
    [InlineData(4, 3600, "R5: P4 deadline 11:05:00 (60 min after receipt).")]
    public void R5_deadline_follows_the_calls_priority(int priority, int seconds, string trace)
    {
        var received = At("2026-10-05T10:05:00-07:00");
        var d = Intake.Decide(Call("SUSP", "NMS", received, priority: priority), Empty, Settings, received);
        Assert.Equal(CallStatus.Pending, d.Status);
        Assert.Equal(received.AddSeconds(seconds), d.Deadline);
        Assert.Equal(trace, d.Trace[^1], StringComparer.Ordinal);
    }

    [Fact]
    public void R5_deadlines_are_configurable()
    {
        var received = At("2026-10-05T10:05:00-07:00");
        var settings = Settings with { P2Deadline = TimeSpan.FromSeconds(90) };
        var d = Intake.Decide(Call("THREATS", "NHS", received), Empty, settings, received);
        Assert.Equal(received.AddSeconds(90), d.Deadline);
        Assert.Equal("R5: P2 deadline 10:06:30 (90 s after receipt).", d.Trace[^1], StringComparer.Ordinal);
    }

    [Theory]
    [InlineData("2026-10-05T10:05:00-07:00")] // inside the window
    [InlineData("2026-10-03T10:05:00-07:00")] // Saturday: diverted for the next school day (R4)
    public void R2_discipline_is_diverted_and_never_classed(string instant)
    {
        var received = At(instant);
        var d = Intake.Decide(Call("DISCIPLINE", "NHS", received), Empty, Settings, received);
        Assert.Equal(CallStatus.Diverted, d.Status);
        Assert.Equal(CallClass.None, d.Class);
        Assert.Null(d.Deadline);
        Assert.Null(d.Agency);
        Assert.StartsWith("R2: DISCIPLINE is routine student discipline; diverted to Narrows High School's administration queue", d.Trace[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, CallStatus.Diverted, CallClass.None)]
    [InlineData(Basis.Danger, CallStatus.Pending, CallClass.Campus)]
    [InlineData(Basis.Disruption, CallStatus.Pending, CallClass.Campus)]
    [InlineData(Basis.Emergency, CallStatus.Pending, CallClass.Campus)]
    public void R3_a_request_for_intervention_needs_a_basis(Basis? basis, CallStatus status, CallClass cls)
    {
        var received = At("2026-10-05T10:05:00-07:00");
        var d = Intake.Decide(Call("INTERVENE", "NHS", received, basis), Empty, Settings, received);
        Assert.Equal(status, d.Status);
        Assert.Equal(cls, d.Class);
        Assert.StartsWith("R3: ", d.Trace[0], StringComparison.Ordinal);
        if (basis is null)
        {
            Assert.Equal("R3: INTERVENE (Request for intervention) must state its basis (danger, disruption, emergency); none was given.", d.Trace[0], StringComparer.Ordinal);
            Assert.StartsWith("R2: ", d.Trace[1], StringComparison.Ordinal);
            Assert.Null(d.Deadline);
        }
        else
        {
            Assert.Equal(received.AddMinutes(3), d.Deadline);
        }
    }

    [Theory]
    [InlineData("FIGHT")]
    [InlineData("SUICTHRT")]
    [InlineData("WEAPON")]
    public void R3_emergencies_and_other_types_need_no_request_basis(string type)
    {
        var received = At("2026-10-05T10:05:00-07:00");
        var d = Intake.Decide(Call(type, "NHS", received), Empty, Settings, received);
        Assert.Equal(CallStatus.Pending, d.Status);
        Assert.DoesNotContain(d.Trace, t => t.StartsWith("R3", StringComparison.Ordinal));
    }

    [Fact]
    public void R8_alien_is_refused()
    {
        var received = At("2026-10-05T10:05:00-07:00");
        var d = Intake.Decide(Call("ALIEN", "NHS", received), Empty, Settings, received);
        Assert.True(d.Refused);
        Assert.Equal(CallStatus.Cancelled, d.Status);
        Assert.Equal(CallClass.None, d.Class);
        Assert.Null(d.Deadline);
        Assert.StartsWith("R8: call type ALIEN", Assert.Single(d.Trace), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NHS", "2026-10-05T07:19:00-07:00", CallStatus.Referred, "TPD")]  // a minute before the window
    [InlineData("NHS", "2026-10-05T07:20:00-07:00", CallStatus.Pending, null)]    // its first minute
    [InlineData("NHS", "2026-10-05T15:19:00-07:00", CallStatus.Pending, null)]    // its last minute
    [InlineData("NHS", "2026-10-05T15:20:00-07:00", CallStatus.Referred, "TPD")]
    [InlineData("NHS", "2026-10-03T10:00:00-07:00", CallStatus.Referred, "TPD")]  // weekend
    [InlineData("NHS", "2026-11-26T10:00:00-08:00", CallStatus.Referred, "TPD")]  // holiday
    [InlineData("NHS", "2026-12-22T10:00:00-08:00", CallStatus.Referred, "TPD")]  // break
    [InlineData("NHS", "2026-11-25T13:30:00-08:00", CallStatus.Referred, "TPD")]  // early release, after 12:30 + 60
    [InlineData("NHS", "2026-11-25T13:29:00-08:00", CallStatus.Pending, null)]
    [InlineData("NES", "2026-10-05T19:00:00-07:00", CallStatus.Referred, "PCSO")] // the location's agency of jurisdiction
    public void R4_liaison_calls_outside_the_window_are_referred_to_the_agency_of_jurisdiction(string loc, string instant, CallStatus status, string? agency)
    {
        var received = At(instant);
        var d = Intake.Decide(Call("TRESPASS", loc, received), Empty, Settings, received);
        Assert.Equal(status, d.Status);
        Assert.Equal(CallClass.Liaison, d.Class);
        Assert.Equal(agency, d.Agency);
        Assert.Equal(status == CallStatus.Pending, d.Deadline is not null);
        Assert.StartsWith(status == CallStatus.Pending ? "R1: " : "R4: ", d.Trace[0], StringComparison.Ordinal);
    }

    [Fact]
    public void R4_referral_trace_names_the_agency()
    {
        var received = At("2026-10-03T10:00:00-07:00");
        var d = Intake.Decide(Call("TRESPASS", "NHS", received), Empty, Settings, received);
        Assert.Equal(
            "R4: Saturday 2026-10-03 is not a school day (weekend), outside Narrows High School's school-day window; LIAISON call referred to TPD (Tacoma Police Department), with jurisdiction over NHS (APCO disposition 15).",
            Assert.Single(d.Trace), StringComparer.Ordinal);
    }

    [Theory]
    [InlineData(OfficerStatus.Available, "NHS", CallStatus.Pending)]  // the school's CSO is on duty
    [InlineData(OfficerStatus.OffDuty, "NHS", CallStatus.Referred)]   // nobody on duty
    [InlineData(OfficerStatus.Busy, "NHS", CallStatus.Referred)]
    [InlineData(OfficerStatus.Available, "NMS", CallStatus.Referred)] // a CSO at another school stays there (§3)
    public void R4_campus_calls_outside_the_window_stay_with_available_district_officers_else_are_referred(
        OfficerStatus status, string csoPost, CallStatus expected)
    {
        var snap = Create().Officer("C1", Role.CSO, csoPost, status: status).Build();
        var received = At("2026-10-03T21:00:00-07:00");
        var d = Intake.Decide(Call("FIGHT", "NHS", received), snap, Settings, received);
        Assert.Equal(expected, d.Status);
        Assert.Equal(CallClass.Campus, d.Class);
        Assert.Equal(expected == CallStatus.Pending ? received.AddSeconds(60) : null, d.Deadline);
        Assert.Equal(expected == CallStatus.Referred ? "TPD" : null, d.Agency);
        Assert.StartsWith("R4: ", d.Trace[0], StringComparison.Ordinal);
    }

    [Fact]
    public void R4_campus_availability_is_judged_now_and_the_window_at_receipt()
    {
        // Received inside the window: pending whatever the staffing.
        var received = At("2026-10-05T15:19:00-07:00");
        var d = Intake.Decide(Call("FIGHT", "NHS", received), Empty, Settings, received.AddMinutes(5));
        Assert.Equal(CallStatus.Pending, d.Status);
        Assert.Equal(received.AddSeconds(60), d.Deadline);

        // Received after the window; a mobile officer who pinged 5 minutes before now is AVAILABLE now.
        var now = At("2026-10-05T19:00:00-07:00");
        var snap = Create().Officer("S1", Role.CSS, "DISTRICT", ping: NMS.Point, pingAt: now.AddMinutes(-5)).Build();
        var late = Intake.Decide(Call("WELFARE", "NHS", now.AddMinutes(-2)), snap, Settings, now);
        Assert.Equal(CallStatus.Pending, late.Status);
        Assert.Equal(now.AddMinutes(-2).AddMinutes(15), late.Deadline);
        Assert.Contains("1 district campus officer is AVAILABLE", late.Trace[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_reads_the_time_from_a_time_provider()
    {
        var clock = new FakeTimeProvider(At("2026-10-03T21:00:00-07:00"));
        var snap = Create().Officer("C1", Role.CSO, "NHS").Build();
        var call = Call("FIGHT", "NHS", At("2026-10-03T20:59:00-07:00"));
        Assert.Equal(CallStatus.Pending, Intake.Decide(call, snap, Settings, clock).Status);
        var offDuty = Create().Officer("C1", Role.CSO, "NHS", status: OfficerStatus.OffDuty).Build();
        Assert.Equal(CallStatus.Referred, Intake.Decide(call, offDuty, Settings, clock).Status);
    }

    [Fact]
    public void Deadline_trace_is_in_the_district_zone_across_a_dst_change()
    {
        // 2026-11-01 fall back: a P4 call at 00:30 PDT, deadline 60 min later is 01:30 PDT (the first 01:30).
        var snap = Create().SchoolYear("2025-09-02", "2027-12-17").Officer("C1", Role.CSO, "NHS").Build();
        var received = At("2026-11-01T00:30:00-07:00");
        var d = Intake.Decide(Call("ALRBA", "NHS", received, priority: 4), snap, Settings, received);
        Assert.Equal(CallStatus.Pending, d.Status);
        Assert.Equal(At("2026-11-01T08:30:00Z"), d.Deadline);
        Assert.Equal("R5: P4 deadline 01:30:00 (60 min after receipt).", d.Trace[^1], StringComparer.Ordinal);
    }

    [Fact]
    public void Unknown_types_and_locations_are_refused_with_a_sentence()
    {
        var at = At("2026-10-05T10:05:00-07:00");
        var badType = Call("FIGHT", "NHS", at) with { Type = "NOPE" };
        Assert.Contains("NOPE", Assert.Throws<ArgumentException>(() => Intake.Decide(badType, Empty, Settings, at)).Message, StringComparison.Ordinal);
        var badLoc = Call("FIGHT", "NHS", at) with { Location = "ZZZ" };
        Assert.Contains("ZZZ", Assert.Throws<ArgumentException>(() => Intake.Decide(badLoc, Empty, Settings, at)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Deadline_for_refuses_priorities_outside_1_to_4(int p) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Settings.DeadlineFor(p));
}
