using System.Text;
using System.Text.Json;
using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Duties;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Enforcement;
using SafetyConsole.Data.Feeds;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Routing;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Simulation;

/// <summary>
/// The demo's simulated school day, one <see cref="Step"/> at a time: calls arrive through the real feed path
/// (source <c>demo-sim</c>), the worker's own enforcement pass runs, simulated officers log on, acknowledge, drive
/// (sending position pings through the real ping feed), arrive and clear. Deterministic for a seed and a
/// sequence of step times, so the headless demo is a reproducible test of the whole product.
/// </summary>
public sealed class DemoSimulation
{
    /// <summary>
    /// The operator every simulated colleague's act is recorded under: officers' radio traffic, simulated dispatchers and the
    /// simulated supervisor's overrides (a supervisor in the demo database). Not a person, and never the account running the demo.
    /// </summary>
    public const string Actor = "demo-sim";

    private readonly SafetyDb _db;
    private readonly IReadOnlyList<ScriptedCall> _script;
    private readonly DistrictSnapshot _district;
    private readonly int _seed;
    private readonly Dictionary<string, DateTimeOffset> _lastPing = new(StringComparer.Ordinal);
    private int _next;
    private bool _loggedOn;
    private long? _assessment;
    private bool _dutiesAdded;

    /// <param name="district">The district's facts (locations, officers' posts) the script and the pings are drawn from.</param>
    public DemoSimulation(SafetyDb db, DistrictSnapshot district, DateOnly day, int seed)
    {
        _db = db;
        _seed = seed;
        _district = district;
        Day = day;
        _script = DayScript.For(_district, day, seed);
    }

    public DateOnly Day { get; }

    /// <summary>The demo database's clock, moved to each step's time (null: the database keeps its own clock).</summary>
    public SteppedClock? Clock { get; init; }

    /// <summary>Whether simulated dispatchers route calls: always headless, and before the live demo hands over to the person at the board.</summary>
    public bool SimulateDispatchers { get; set; }

    /// <summary>The morning the demo shows first: 08:30 district time, when the school day is under way.</summary>
    public static DateTimeOffset MorningOf(DistrictSnapshot snap, DateOnly day) => snap.ToInstant(day, new TimeOnly(8, 30));

    /// <summary>Where the simulated day begins (05:00): the night before the morning is played through, step by step, so its calls are handled in their time.</summary>
    public static DateTimeOffset DawnOf(DistrictSnapshot snap, DateOnly day) => snap.ToInstant(day, new TimeOnly(5, 0));

    /// <summary>
    /// Makes the demo's simulator a supervisor (recorded, R10), so its simulated colleagues' acts, overrides included, pass the
    /// same checks as a person's and are recorded as the simulator's, not as the account running the demo.
    /// </summary>
    public static void Prepare(SafetyDb db, string supervisor, DateTimeOffset at)
    {
        if (Operators.RoleOf(db, Actor) < OperatorRole.Supervisor) Operators.Add(db, supervisor, Actor, OperatorRole.Supervisor, at);
    }

    /// <summary>Everything due at <paramref name="now"/>. Returns the worker's pass result.</summary>
    public PassResult Step(DateTimeOffset now)
    {
        Clock?.Set(now);
        InjectCalls(now);
        LogOn(now);
        Duties(now);
        if (SimulateDispatchers) DispatcherBehaviour.Step(_db, Actor, now, _seed);
        var pass = EnforcementPass.Run(_db, now);
        OfficerBehaviour.Step(_db, Actor, now, _seed);
        Ping(now);
        return pass;
    }

    /// <summary>Runs the day without a clock from <paramref name="from"/> to <paramref name="until"/> in steps of <paramref name="step"/>; returns the last step's time.</summary>
    public DateTimeOffset RunHeadless(DateTimeOffset from, DateTimeOffset until, TimeSpan step, CancellationToken ct = default)
    {
        var now = from;
        for (; now <= until && !ct.IsCancellationRequested; now += step) Step(now);
        return now - step;
    }

    /// <summary>Runs live against <paramref name="clock"/> (the scaled demo clock) until cancelled, a step every quarter of a real second.</summary>
    public async Task RunLiveAsync(TimeProvider clock, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        do
        {
            try { Step(clock.GetUtcNow()); }
            catch (SafetyException) { /* a dispatcher on the board got there first; the next step sees the new state */ }
        }
        while (await WaitAsync(timer, ct));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }

    private void InjectCalls(DateTimeOffset now)
    {
        var lines = new StringBuilder();
        for (; _next < _script.Count && _script[_next].At <= now; _next++)
        {
            var c = _script[_next];
            lines.AppendLine(JsonSerializer.Serialize(new Dictionary<string, string?>
            {
                ["external_id"] = c.ExternalId,
                ["received_at"] = c.At.ToString("O"),
                ["location"] = c.Location,
                ["type"] = c.Type,
                ["description"] = c.Description,
                ["reporter_role"] = c.ReporterRole,
                ["basis"] = c.Basis,
            }));
        }
        if (lines.Length == 0) return;
        using var input = FeedInput.FromReader(new StringReader(lines.ToString()), "simulated feed");
        CallFeed.Load(_db, input, new FeedOptions(Actor, new FixedClock(now)) { Format = FeedFormat.Jsonl, Source = "demo-sim" });
    }

    /// <summary>The officers who start the day off duty come on at 07:45.</summary>
    private void LogOn(DateTimeOffset now)
    {
        if (_loggedOn || now < _district.ToInstant(Day, new TimeOnly(7, 45))) return;
        _loggedOn = true;
        foreach (var o in Reads.Officers(_db).Where(o => o.Status == OfficerStatus.OffDuty))
        {
            try { OfficerActions.SetStatus(_db, Actor, o.Badge, OfficerStatus.Available, now, "shift start"); }
            catch (SafetyException) { }
        }
    }

    /// <summary>
    /// Issue 15: two scheduled duties, not emergencies: at 07:45 a facility safety assessment due today (done at 13:30)
    /// and a staff safety training due tomorrow. They have a due date, no R5 deadline; the worker never escalates them.
    /// </summary>
    private void Duties(DateTimeOffset now)
    {
        if (!_dutiesAdded && now >= _district.ToInstant(Day, new TimeOnly(7, 45)))
        {
            _dutiesAdded = true;
            var schools = _district.Locations.Values.Where(l => l.Kind is "high" or "elementary").OrderBy(l => l.Kind, StringComparer.Ordinal).ThenBy(l => l.Code, StringComparer.Ordinal).ToList();
            if (schools.Count == 0) return;
            _assessment = DutyStore.Add(_db, Actor, "ASSESS", schools[^1].Code, Day, null, "Walk-through after the fence repair", now);
            DutyStore.Add(_db, Actor, "TRAINREQ", schools[0].Code, Day.AddDays(1), null, "Lockdown drill training for the office staff", now);
        }
        if (_assessment is { } id && now >= _district.ToInstant(Day, new TimeOnly(13, 30)))
        {
            _assessment = null;
            DutyStore.Done(_db, Actor, id, now);
        }
    }

    /// <summary>Officers on a call report their position every 30 simulated seconds: halfway there while driving, at the scene after.</summary>
    private void Ping(DateTimeOffset now)
    {
        var moving = SimulationReads.OfficersOnTheMove(_db);
        var lines = new StringBuilder();
        foreach (var m in moving)
        {
            if (_lastPing.TryGetValue(m.Badge, out var last) && now - last < TimeSpan.FromSeconds(30)) continue;
            if (!_district.Locations.TryGetValue(m.Location, out var loc)) continue;
            var officer = _district.OfficersByBadge.GetValueOrDefault(m.Badge);
            var from = m.Lat is { } lat && m.Lon is { } lon ? new GeoPoint(lat, lon) : officer is null ? null : _district.PostPoint(officer.Post);
            var to = loc.Point;
            var at = m.Status == "ON_SCENE" || from is null ? to : new GeoPoint((from.Value.Lat + to.Lat) / 2, (from.Value.Lon + to.Lon) / 2);
            _lastPing[m.Badge] = now;
            lines.AppendLine(JsonSerializer.Serialize(new { badge = m.Badge, at = now.ToString("O"), lat = Math.Round(at.Lat, 6), lon = Math.Round(at.Lon, 6) }));
        }
        if (lines.Length == 0) return;
        using var input = FeedInput.FromReader(new StringReader(lines.ToString()), "simulated pings");
        PositionFeed.Load(_db, input, new FeedOptions(Actor, new FixedClock(now)) { Format = FeedFormat.Jsonl });
    }
}
