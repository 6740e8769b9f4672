using System.Text.Json;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Simulation;
using SafetyConsole.Data.Simulation.Staffing;

namespace SafetyConsole.Data.Tests.Staffing;

/// <summary>Issue 14: the simulator replays calls through the real intake, router and worker pass against a roster.</summary>
public class StaffingSimulationTests
{
    private static readonly DistrictData Demo = DistrictParser.Parse(DistrictSource.Demo);
    private static readonly TimeSpan Pacific = TimeSpan.FromHours(-8);

    private static StaffingInput Input(IReadOnlyList<SimCall> calls) =>
        new(Demo.District, Demo.Calendar, Demo.Agencies, Demo.Locations, calls, new Dictionary<string, TimeSpan[]>());

    private static Roster DemoRoster(Func<Officer, bool>? keep = null)
    {
        var officers = Demo.Officers.Where(keep ?? (_ => true)).ToList();
        return new("demo", officers, Demo.Training.Where(t => officers.Any(o => o.Badge == t.Badge)).ToList());
    }

    /// <summary>Liaison calls in the Narrows feeder pattern (the sheriff's), one an hour from 09:00 on a school day, inside the windows.</summary>
    private static List<SimCall> NarrowsLiaisonCalls()
    {
        string[] places = ["NHS", "TMS", "PMS", "COVE", "SALE", "NHS"];
        return places.Select((p, i) => new SimCall(new DateTimeOffset(2026, 11, 23, 9, 0, 0, Pacific).AddMinutes(60 * i), p,
            i % 2 == 0 ? "THREATS" : "DRUGS", i % 2 == 0 ? 2 : 3, "administrator", null)).ToList();
    }

    [Fact]
    public void A_roster_with_no_liaison_officer_in_a_zone_escalates_every_liaison_call_there_and_adding_one_meets_the_deadlines()
    {
        var input = Input(NarrowsLiaisonCalls());
        // SLO-2 is the sheriff's liaison officer for NHS; SSO-2, posted there too, is on leave with lapsed training (R7).
        var without = StaffingSimulation.Run(input, DemoRoster(o => o.Badge != "SLO-2") with { Name = "without SLO-2" }, 1, PolicySettings.Default, TestDb.Account);
        Assert.Equal(6, without.LiaisonCalls);
        Assert.Equal(6, without.LiaisonEscalated);
        Assert.Equal((0, 6), (without.DeadlinesMet, without.DeadlinesMissed));
        Assert.Equal(0, without.ToArrival.Count);

        var with = StaffingSimulation.Run(input, DemoRoster(), 1, PolicySettings.Default, TestDb.Account);
        Assert.Equal(6, with.LiaisonCalls);
        Assert.Equal((6, 0), (with.DeadlinesMet, with.DeadlinesMissed));
        Assert.Equal(6, with.ToAssignment.Count);
        Assert.True(with.ToAssignment.P90 < TimeSpan.FromMinutes(1), $"dispatchers route within a minute: {with.ToAssignment.P90}");
        Assert.True(with.ToArrival.Count >= 5, "SLO-2 reaches the calls");
        Assert.True(with.Roles.Single(r => r.Role == Role.SLO).BusyHours > 0);
    }

    [Fact]
    public void Calls_outside_the_window_are_referred_and_discipline_is_diverted_by_the_same_rules_R2_R4()
    {
        var saturday = new DateTimeOffset(2026, 11, 28, 22, 0, 0, Pacific);
        var monday = new DateTimeOffset(2026, 11, 23, 10, 0, 0, Pacific);
        var r = StaffingSimulation.Run(Input([
            new SimCall(saturday, "BHS", "VANDAL", 3, "public", null),
            new SimCall(saturday.AddMinutes(5), "BHS", "ALRBA", 3, "public", null),
            new SimCall(monday, "LHS", "DISCIPLINE", 4, "teacher", null),
            new SimCall(monday.AddMinutes(1), "LHS", "INTERVENE", 2, "teacher", null),
        ]), DemoRoster(), 1, PolicySettings.Default, TestDb.Account);
        Assert.Equal(1, r.Count("LIAISON", "referred"));
        Assert.Equal(1, r.Count("CAMPUS", "referred")); // nobody on duty on a Saturday night
        Assert.Equal(2, r.Count("NONE", "diverted")); // R2, and R3 without a basis
    }

    [Fact]
    public void A_run_is_the_same_for_a_seed()
    {
        var calls = DayScript.For(new DistrictSnapshot(Demo.District, Demo.Calendar, Demo.Locations, Demo.Agencies, [], []), new DateOnly(2026, 11, 23), seed: 3, callsInSession: 40)
            .Select(c => new SimCall(c.At, c.Location, c.Type, 0, c.ReporterRole, c.Basis)).ToList();
        string Once(int seed) => JsonSerializer.Serialize(StaffingSimulation.Run(Input(calls), DemoRoster(), seed, PolicySettings.Default, TestDb.Account));
        var first = Once(7);
        Assert.Equal(first, Once(7));
        Assert.Contains("\"Calls\":" + calls.Count, first, StringComparison.Ordinal);
    }
}
