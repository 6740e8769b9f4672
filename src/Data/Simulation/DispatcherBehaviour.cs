using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Routing;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Simulation;

/// <summary>
/// Simulated dispatchers for the headless demo (in the live demo the person at the board dispatches): most
/// waiting calls are routed to the top-ranked candidate 15–50 seconds after they arrive, before their deadline;
/// about one in five is left for the worker (R5); escalated calls are picked up by the supervisor once an
/// officer is free, and an urgent one (P1, P2) with nobody eligible goes to an officer excluded only under R7,
/// by the simulated supervisor's written override. Every act is recorded as <paramref name="actor"/> (the simulator).
/// Decisions are a pure function of the call id and the seed.
/// </summary>
public static class DispatcherBehaviour
{
    public static int Step(SafetyDb db, string actor, DateTimeOffset now, int seed)
    {
        var waiting = SimulationReads.WaitingForDispatch(db);
        var done = 0;
        DistrictSnapshot? snap = null; // loaded once per step, and again only after an assignment changes it
        foreach (var (id, status, receivedAt, escalatedAt) in waiting)
        {
            var r = new Random(unchecked(seed * 7_919 + (int)id));
            var leaveToWorker = r.NextDouble() < 0.2;
            var due = status == "ESCALATED"
                ? TimeText.FromDb(escalatedAt ?? receivedAt).AddSeconds(r.Next(60, 240))
                : TimeText.FromDb(receivedAt).AddSeconds(r.Next(15, 50));
            if (now < due || (status == "PENDING" && leaveToWorker)) continue;
            try
            {
                snap ??= SnapshotLoader.Load(db, now);
                var call = Reads.RequireCall(db, id);
                var rec = Recommendations.For(call, snap, snap.Policy, now, Recommendations.TimedOutOn(db, id));
                if (rec.Top is { } top) CallActions.Assign(db, actor, id, top.Officer.Badge, now);
                else if (status == "ESCALATED" && call.Priority <= 2 && rec.Excluded.FirstOrDefault(x => x.Kind is ExclusionKind.TrainingLapsed or ExclusionKind.AgreementLapsed) is { } r7)
                    CallActions.Assign(db, actor, id, r7.Badge, now,
                        $"P{call.Priority} {call.Type} escalated with no eligible officer; {r7.Badge} is the nearest available");
                else continue;
                snap = null;
                done++;
            }
            catch (SafetyException)
            {
                // The worker or another dispatcher acted first: nothing to do.
            }
        }
        return done;
    }
}
