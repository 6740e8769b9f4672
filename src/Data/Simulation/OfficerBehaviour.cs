using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Simulation;

/// <summary>
/// How the demo's officers behave once the worker or a dispatcher assigns them: they acknowledge after a short
/// while (a few never do, so R6 can be seen releasing them), drive, arrive, and clear with a disposition that
/// fits the call. Every decision is a pure function of the call id and the seed, so a replay is the same.
/// </summary>
public static class OfficerBehaviour
{
    /// <summary>Moves every assigned call whose next step is due at <paramref name="now"/>. Returns the number of actions.</summary>
    public static int Step(SafetyDb db, string actor, DateTimeOffset now, int seed)
    {
        var active = SimulationReads.CallsHeldByOfficers(db);
        var done = 0;
        foreach (var call in active)
        {
            if (call.Since is null || call.AssignedTo is null) continue;
            var since = TimeText.FromDb(call.Since);
            var r = new Random(StableSeed(seed, call.Id, call.AssignedTo, call.Status));
            try
            {
                switch (Codes.ParseCallStatus(call.Status))
                {
                    case CallStatus.Assigned:
                        if (r.NextDouble() < 0.08) break; // never acknowledges: R6 releases the officer at the timeout
                        if (now >= since.AddSeconds(r.Next(15, 75))) { CallActions.Acknowledge(db, actor, call.Id, now); done++; }
                        break;
                    case CallStatus.Acknowledged:
                        if (now >= since.AddSeconds(r.Next(10, 45))) { CallActions.EnRoute(db, actor, call.Id, now); done++; }
                        break;
                    case CallStatus.EnRoute:
                        if (now >= since.AddSeconds(r.Next(120, 540))) { CallActions.OnScene(db, actor, call.Id, now); done++; }
                        break;
                    case CallStatus.OnScene:
                        if (now >= since.AddMinutes(r.Next(6, 26))) { CallActions.Clear(db, actor, call.Id, Disposition(call.Type, r), now); done++; }
                        break;
                }
            }
            catch (SafetyException)
            {
                // A dispatcher on the board or the worker acted first: the simulated officer simply follows the new state.
            }
        }
        return done;
    }

    /// <summary>A believable APCO disposition for a call type.</summary>
    public static string Disposition(string type, Random r) => type switch
    {
        "ALRBA" => r.NextDouble() < 0.8 ? "17" : "01",
        "FIGHT" => Weighted(r, ("01", 5), ("05", 4), ("03", 1)),
        "WEAPON" or "ASSAULT" or "DRUGS" => Weighted(r, ("01", 5), ("03", 2), ("15", 2)),
        "TRAFFIC" => Weighted(r, ("01", 3), ("04", 3), ("05", 2)),
        "TRESPASS" or "SUSP" => Weighted(r, ("06", 4), ("07", 3), ("04", 1)),
        "WELFARE" or "EDP" or "SUICTHRT" => Weighted(r, ("02", 6), ("15", 2)),
        "TRUANT" or "ASSESS" or "EVIDENCE" => "01",
        _ => Weighted(r, ("01", 4), ("02", 3), ("05", 2)),
    };

    /// <summary>A seed that is the same in every process (HashCode.Combine is randomized per process).</summary>
    private static int StableSeed(int seed, long id, string badge, string status)
    {
        unchecked
        {
            var h = seed * 1_000_003 + (int)id;
            foreach (var c in badge + "/" + status) h = h * 31 + c;
            return h;
        }
    }

    private static string Weighted(Random r, params (string Code, int Weight)[] options)
    {
        var x = r.Next(options.Sum(o => o.Weight));
        foreach (var (code, w) in options)
        {
            if ((x -= w) < 0) return code;
        }
        return options[^1].Code;
    }
}
