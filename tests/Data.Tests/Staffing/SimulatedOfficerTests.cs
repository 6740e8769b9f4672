using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Simulation.Staffing;

namespace SafetyConsole.Data.Tests.Staffing;

/// <summary>Issue 14: each outcome of the simulator's officer model, and its day pattern.</summary>
public class SimulatedOfficerTests
{
    private static OfficerPlan Plan(long call, double? eta = 300, IReadOnlyList<TimeSpan>? history = null, string type = "FIGHT", CallClass cls = CallClass.Campus) =>
        SimulatedOfficer.Plan(seed: 1, call, "CSO-01", assignment: 1, type, cls, eta, history);

    private static readonly IReadOnlyList<OfficerPlan> Many = Enumerable.Range(1, 2000).Select(i => Plan(i)).ToList();

    [Fact]
    public void Most_officers_acknowledge_15_to_75_seconds_after_assignment()
    {
        var acks = Many.Where(p => p.AckAfter is not null).Select(p => p.AckAfter!.Value).ToList();
        Assert.InRange(acks.Count, 1860, 1940);
        Assert.All(acks, a => Assert.InRange(a, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(74)));
        Assert.All(Many, p => Assert.InRange(p.EnRouteAfter, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(44)));
    }

    [Fact]
    public void About_one_in_twenty_never_acknowledges_so_the_worker_releases_them_at_the_timeout_R6()
    {
        var never = Many.Count(p => p.AckAfter is null);
        Assert.InRange(never, 60, 140);
    }

    [Fact]
    public void Travel_is_the_routing_ETA_at_least_the_walk_across_a_campus_or_a_default_when_the_post_has_no_place()
    {
        Assert.Equal(TimeSpan.FromSeconds(437.5), Plan(1, eta: 437.5).Travel);
        Assert.Equal(SimulatedOfficer.MinimumTravel, Plan(1, eta: 0).Travel); // a CSO posted at the school
        Assert.Equal(SimulatedOfficer.UnknownTravel, Plan(1, eta: null).Travel); // a DISTRICT post
    }

    [Fact]
    public void Time_on_scene_is_drawn_from_the_districts_history_for_the_type_when_there_is_enough()
    {
        TimeSpan[] history = [TimeSpan.FromMinutes(7), TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(31), TimeSpan.FromMinutes(44), TimeSpan.FromMinutes(52)];
        var drawn = Enumerable.Range(1, 200).Select(i => Plan(i, history: history).OnScene).ToHashSet();
        Assert.Subset(history.ToHashSet(), drawn);
        Assert.True(drawn.Count >= 4, "the draws spread over the history");
    }

    [Fact]
    public void Without_enough_history_time_on_scene_is_the_documented_default_for_the_class()
    {
        TimeSpan[] tooFew = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)];
        Assert.All(Enumerable.Range(1, 200), i =>
        {
            Assert.InRange(Plan(i, history: tooFew, type: "DRUGS", cls: CallClass.Liaison).OnScene, TimeSpan.FromMinutes(12.5), TimeSpan.FromMinutes(37.5));
            Assert.InRange(Plan(i, history: null).OnScene, TimeSpan.FromMinutes(7.5), TimeSpan.FromMinutes(22.5));
        });
    }

    [Fact]
    public void The_officer_clears_with_a_disposition_that_fits_the_call_and_the_plan_is_the_same_for_the_same_seed()
    {
        Assert.All(Enumerable.Range(1, 100), i => Assert.Contains(Plan(i, type: "ALRBA").Disposition, new[] { "17", "01" }));
        Assert.Equal(Plan(42), Plan(42));
        Assert.NotEqual(Plan(42), SimulatedOfficer.Plan(2, 42, "CSO-01", 1, "FIGHT", CallClass.Campus, 300, null));
        Assert.NotEqual(Plan(42), SimulatedOfficer.Plan(1, 42, "CSO-01", 2, "FIGHT", CallClass.Campus, 300, null)); // a second assignment is a new draw
    }

    [Fact]
    public void Shifts_follow_the_initial_status_on_school_days_and_nobody_works_a_weekend()
    {
        var demo = DistrictParser.Parse(DistrictSource.Demo);
        var snap = new DistrictSnapshot(demo.District, demo.Calendar, demo.Locations, demo.Agencies, [], []);
        var monday = new DateOnly(2026, 11, 23);
        var day = ShiftPattern.On(snap, OfficerStatus.Available, monday)!.Value;
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 6, 45, 0, TimeSpan.FromHours(-8)), day.Start);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 16, 45, 0, TimeSpan.FromHours(-8)), day.End);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(-8)), ShiftPattern.On(snap, OfficerStatus.OffDuty, monday)!.Value.Start);
        Assert.Null(ShiftPattern.On(snap, OfficerStatus.Busy, monday)); // on leave
        Assert.Null(ShiftPattern.On(snap, OfficerStatus.Available, new DateOnly(2026, 11, 28))); // Saturday
        Assert.Null(ShiftPattern.On(snap, OfficerStatus.Available, new DateOnly(2026, 11, 26))); // Thanksgiving
    }
}
