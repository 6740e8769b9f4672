using SafetyConsole.Data.Domain;

namespace SafetyConsole.Data.Simulation.Staffing;

/// <summary>
/// What one simulated officer does with one assignment: acknowledge after <see cref="AckAfter"/> (null: never, so the
/// worker releases them at the R6 timeout), set off <see cref="EnRouteAfter"/> later, drive <see cref="Travel"/>, stay
/// <see cref="OnScene"/>, clear with <see cref="Disposition"/> and become AVAILABLE again.
/// </summary>
public sealed record OfficerPlan(TimeSpan? AckAfter, TimeSpan EnRouteAfter, TimeSpan Travel, TimeSpan OnScene, string Disposition);

/// <summary>
/// The staffing simulator's officer model (issue 14), a pure function of the seed, the call, the officer and the
/// assignment's number on that call, so a run is the same for a seed. Documented defaults:
/// acknowledgement 15–75 s after assignment, except 1 in 20 who never acknowledge (R6); en route 10–45 s after
/// acknowledging; travel at the routing ETA from the officer's post (§3: road factor × great-circle distance at the
/// urban speed), at least <see cref="MinimumTravel"/> (crossing a campus), or <see cref="UnknownTravel"/> when the post
/// has no coordinates (DISTRICT); time on scene drawn from the district's own history for the call type (cleared
/// calls' ON_SCENE → CLEARED), else <see cref="DefaultOnScene"/> for its class, times 0.5–1.5.
/// </summary>
public static class SimulatedOfficer
{
    public const double NeverAcknowledgesShare = 0.05;

    public static readonly TimeSpan MinimumTravel = TimeSpan.FromMinutes(2);

    public static readonly TimeSpan UnknownTravel = TimeSpan.FromMinutes(12);

    /// <summary>History needs at least this many cleared calls of a type before it is used instead of the default.</summary>
    public const int MinimumHistory = 5;

    public static TimeSpan DefaultOnScene(CallClass cls) => cls == CallClass.Liaison ? TimeSpan.FromMinutes(25) : TimeSpan.FromMinutes(15);

    public static OfficerPlan Plan(int seed, long callId, string badge, int assignment, string type, CallClass cls,
        double? etaSeconds, IReadOnlyList<TimeSpan>? sceneHistory)
    {
        var r = new Random(StableSeed(seed, callId, badge, assignment));
        TimeSpan? ack = r.NextDouble() < NeverAcknowledgesShare ? null : TimeSpan.FromSeconds(r.Next(15, 75));
        var enRoute = TimeSpan.FromSeconds(r.Next(10, 45));
        var travel = etaSeconds is { } eta ? TimeSpan.FromSeconds(Math.Max(eta, MinimumTravel.TotalSeconds)) : UnknownTravel;
        var scene = sceneHistory is { Count: >= MinimumHistory } h
            ? h[r.Next(h.Count)]
            : DefaultOnScene(cls) * (0.5 + r.NextDouble());
        return new OfficerPlan(ack, enRoute, travel, TimeSpan.FromSeconds(Math.Round(scene.TotalSeconds)), OfficerBehaviour.Disposition(type, r));
    }

    /// <summary>A seed that is the same in every process (HashCode.Combine is randomized per process).</summary>
    private static int StableSeed(int seed, long callId, string badge, int assignment)
    {
        unchecked
        {
            var h = seed * 1_000_003 + (int)callId * 7_919 + assignment;
            foreach (var c in badge) h = h * 31 + c;
            return h;
        }
    }
}
