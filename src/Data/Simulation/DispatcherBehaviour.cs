using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
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
            // Issue 15: a call intake flagged as a possible duplicate of a call still open is linked to it, never left.
            var master = status == "PENDING" ? OpenMaster(db, id) : null;
            var leaveToWorker = master is null && r.NextDouble() < 0.2;
            var due = status == "ESCALATED"
                ? TimeText.FromDb(escalatedAt ?? receivedAt).AddSeconds(r.Next(60, 240))
                : TimeText.FromDb(receivedAt).AddSeconds(r.Next(15, 50));
            if (now < due || (status == "PENDING" && leaveToWorker)) continue;
            try
            {
                if (master is { } m)
                {
                    CallActions.Link(db, actor, id, m, now);
                    done++;
                    continue;
                }
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
        return done + Assists(db, actor, now);
    }

    /// <summary>The call intake flagged <paramref name="id"/> a possible duplicate of, while that call is still open.</summary>
    private static long? OpenMaster(SafetyDb db, long id) =>
        Duplicates.LinksOf(db, id).PossibleDuplicateOf is { } m && Transitions.IsOpen(Reads.RequireCall(db, m).Status) ? m : null;

    /// <summary>
    /// Issue 15: a weapon call whose first responder is on the way gets an assisting officer: a campus officer posted
    /// at the school if one is free, else the first free officer by badge (R1 does not apply to an assist). Once per call.
    /// </summary>
    private static int Assists(SafetyDb db, string actor, DateTimeOffset now)
    {
        var done = 0;
        foreach (var held in SimulationReads.CallsHeldByOfficers(db))
        {
            if (held.Type != "WEAPON" || held.Status is not ("EN_ROUTE" or "ON_SCENE")) continue;
            if (Assignments.OfCall(db, held.Id).Any(a => a.Assist)) continue;
            var snap = SnapshotLoader.Load(db, now);
            var call = Reads.RequireCall(db, held.Id);
            var free = snap.OfficersByBadge.Values
                .Where(o => o.Status == Domain.OfficerStatus.Available && !snap.OpenCallByBadge.ContainsKey(o.Badge))
                .OrderBy(o => o.Post == call.Location ? 0 : 1).ThenBy(o => o.Badge, StringComparer.Ordinal)
                .FirstOrDefault();
            if (free is null) continue;
            try
            {
                CallActions.AssignAssist(db, actor, held.Id, free.Badge, now);
                done++;
            }
            catch (SafetyException)
            {
                // Another act took the officer or ended the call first.
            }
        }
        return done;
    }
}
