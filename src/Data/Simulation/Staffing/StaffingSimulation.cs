using System.Globalization;
using System.Text;
using System.Text.Json;
using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Enforcement;
using SafetyConsole.Data.Feeds;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Reports;
using SafetyConsole.Data.Routing;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Simulation.Staffing;

/// <summary>
/// Issue 14's what-if: replays calls against one roster in a scratch database on a simulated clock, through the
/// product's own code — the call feed (intake at ingest), the worker's <see cref="EnforcementPass"/> (R1–R6),
/// <see cref="Router"/> via <see cref="Recommendations"/> and <see cref="CallActions"/> — never a copy of the rules.
/// Time jumps from one due event to the next (a call arriving, a dispatcher routing it 15–50 s later, a deadline,
/// an acknowledgement timeout, an officer's next step, a shift change), so a school year runs in seconds; the worker
/// pass runs at every arrival, deadline and timeout, which is when a pass once a second would act. Simulated
/// dispatchers route each PENDING call to the router's top candidate, or leave it for the worker's deadline (R5);
/// the supervisor sends an escalated call to the first officer who becomes eligible within an hour.
/// Deterministic for a seed.
/// </summary>
public sealed class StaffingSimulation
{
    /// <summary>The operator the simulated dispatchers and officers act as (a dispatcher in the scratch database).</summary>
    public const string Actor = DemoSimulation.Actor;

    /// <summary>How long the supervisor keeps trying to place an escalated call.</summary>
    public static readonly TimeSpan EscalationWindow = TimeSpan.FromHours(1);

    private enum Kind { ShiftEnd, ShiftStart, Arrive, Clear, OnScene, EnRoute, Ack, AckTimeout, Deadline, Dispatch }

    private readonly record struct Ev(Kind Kind, long Call, string? Badge, int Assignment);

    private readonly StaffingInput _input;
    private readonly Roster _roster;
    private readonly int _seed;
    private readonly PolicySettings _settings;
    private readonly DistrictSnapshot _facts;
    private readonly PriorityQueue<Ev, (long Ticks, long Seq)> _queue = new();
    private readonly Dictionary<long, (OfficerPlan Plan, int Assignment)> _plans = [];
    private readonly Dictionary<long, int> _assignments = [];
    private readonly Dictionary<long, DateTimeOffset> _escalated = [];
    private readonly HashSet<string> _offAfterCall = new(StringComparer.Ordinal);
    private readonly Dictionary<Role, double> _onDutyHours = [];
    private long _seq;
    private SafetyDb _db = null!;

    private StaffingSimulation(StaffingInput input, Roster roster, int seed, PolicySettings settings)
    {
        _input = input;
        _roster = roster;
        _seed = seed;
        _settings = settings;
        _facts = new DistrictSnapshot(input.District, input.Calendar, input.Locations, input.Agencies, [], roster.Officers, roster.Training);
    }

    /// <summary>Runs <paramref name="roster"/> against the input's calls in a scratch store in memory (created as <paramref name="account"/>, gone after).</summary>
    public static StaffingResult Run(StaffingInput input, Roster roster, int seed, PolicySettings settings, string account)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(roster);
        if (input.Calls.Count == 0) throw new ArgumentException("There are no calls to simulate.", nameof(input));
        var sim = new StaffingSimulation(input, roster, seed, settings);
        using var db = ScratchDatabase(input, roster, account, settings);
        sim._db = db;
        sim.FeedAll();
        sim.Schedule();
        sim.Drain();
        return sim.Figures();
    }

    /// <summary>
    /// The baseline of the benchmark: the same scratch database and the same arrivals through the feed and the worker
    /// pass, with nobody dispatching and no officer on duty (intake only: every call is classified, nothing is routed).
    /// </summary>
    public static int ReplayIntake(StaffingInput input, Roster roster, string account, PolicySettings settings)
    {
        var sim = new StaffingSimulation(input, roster, 0, settings);
        using var db = ScratchDatabase(input, roster, account, settings);
        sim._db = db;
        sim.FeedAll();
        foreach (var c in input.Calls) EnforcementPass.Run(db, c.ReceivedAt);
        return SimulationReads.CallsDecided(db);
    }

    /// <summary>A fresh store with the district's facts and the roster, written by the district writer; officers start off duty (the shift pattern logs them on).</summary>
    private static SafetyDb ScratchDatabase(StaffingInput input, Roster roster, string account, PolicySettings settings)
    {
        var start = input.Calls[0].ReceivedAt.AddDays(-1);
        var db = ScratchStore.Open(account, start);
        try
        {
            var officers = roster.Officers.Select(o => o with { Status = o.Status == OfficerStatus.Busy ? OfficerStatus.Busy : OfficerStatus.OffDuty }).ToList();
            // Issue 13: the scratch store holds the district's own policy numbers, so the real pass and router read them.
            var policy = PolicyKeys.InPolicyRow.ToDictionary(k => k, k => PolicyKeys.ValueIn(settings, k));
            DistrictWriter.Write(db, new DistrictData(input.District, input.Calendar, input.Agencies, input.Locations, officers, roster.Training) { Policy = policy },
                $"the roster {roster.Name}", account, start);
            DemoSimulation.Prepare(db, account, start);
            return db;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    private void At(DateTimeOffset t, Ev e) => _queue.Enqueue(e, (t.UtcTicks, _seq++));

    private void Schedule()
    {
        var calls = _input.Calls;
        for (var i = 0; i < calls.Count; i++) At(calls[i].ReceivedAt, new Ev(Kind.Arrive, i, null, 0));
        var first = _facts.LocalDate(calls[0].ReceivedAt);
        var last = _facts.LocalDate(calls[^1].ReceivedAt);
        for (var d = first; d <= last; d = d.AddDays(1))
        {
            foreach (var o in _roster.Officers)
            {
                if (ShiftPattern.On(_facts, o.Status, d) is not { } shift) continue;
                At(shift.Start, new Ev(Kind.ShiftStart, 0, o.Badge, 0));
                At(shift.End, new Ev(Kind.ShiftEnd, 0, o.Badge, 0));
                _onDutyHours[o.Role] = _onDutyHours.GetValueOrDefault(o.Role) + (shift.End - shift.Start).TotalHours;
            }
        }
    }

    private void Drain()
    {
        while (_queue.TryDequeue(out var e, out var key))
        {
            var t = new DateTimeOffset(key.Ticks, TimeSpan.Zero);
            try
            {
                Handle(e, t);
            }
            catch (SafetyException)
            {
                // A refusal (the call or the officer moved on first): the simulated person follows the new state.
            }
        }
    }

    private void Handle(Ev e, DateTimeOffset t)
    {
        switch (e.Kind)
        {
            case Kind.Arrive:
                Pass(t);
                break;
            case Kind.Dispatch:
                if (Status(e.Call) is { Status: CallStatus.Pending }) TryAssign(e.Call, t);
                break;
            case Kind.Deadline:
                if (Status(e.Call) is { Status: CallStatus.Pending }) Pass(t);
                break;
            case Kind.AckTimeout:
                if (Status(e.Call) is { Status: CallStatus.Assigned } c && c.AssignedTo == e.Badge) Pass(t);
                break;
            case Kind.Ack:
                Advance(e, t, CallStatus.Assigned, () => CallActions.Acknowledge(_db, Actor, e.Call, t), Kind.EnRoute, p => p.EnRouteAfter);
                break;
            case Kind.EnRoute:
                Advance(e, t, CallStatus.Acknowledged, () => CallActions.EnRoute(_db, Actor, e.Call, t), Kind.OnScene, p => p.Travel);
                break;
            case Kind.OnScene:
                Advance(e, t, CallStatus.EnRoute, () => CallActions.OnScene(_db, Actor, e.Call, t), Kind.Clear, p => p.OnScene);
                break;
            case Kind.Clear:
                if (Holds(e, CallStatus.OnScene))
                {
                    CallActions.Clear(_db, Actor, e.Call, _plans[e.Call].Plan.Disposition, t);
                    Freed(e.Badge!, t);
                }
                break;
            case Kind.ShiftStart:
                _offAfterCall.Remove(e.Badge!);
                if (Reads.Officer(_db, e.Badge!) is { Status: OfficerStatus.OffDuty })
                {
                    OfficerActions.SetStatus(_db, Actor, e.Badge!, OfficerStatus.Available, t, "shift start (simulated)");
                    PlaceEscalated(t);
                }
                break;
            case Kind.ShiftEnd:
                var officer = Reads.Officer(_db, e.Badge!);
                if (officer is { Status: OfficerStatus.Available }) OfficerActions.SetStatus(_db, Actor, e.Badge!, OfficerStatus.OffDuty, t, "shift end (simulated)");
                else if (officer is not null && Transitions.IsOnCall(officer.Status)) _offAfterCall.Add(e.Badge!);
                break;
        }
    }

    /// <summary>The officer's next step, if the call is still where the plan left it; then the step after is scheduled.</summary>
    private void Advance(Ev e, DateTimeOffset t, CallStatus expected, Action act, Kind next, Func<OfficerPlan, TimeSpan> after)
    {
        if (!Holds(e, expected)) return;
        act();
        At(t + after(_plans[e.Call].Plan), e with { Kind = next });
    }

    /// <summary>
    /// Every call goes in through the real feed path once, at the start, as NEW (one batch instead of one load per call);
    /// the worker pass classifies a NEW call only once its received time has come (R1–R5 at receipt), so each call is
    /// decided at its arrival as if it had just come in. Its number in the replay is its external id (source <c>simulate</c>).
    /// </summary>
    private void FeedAll()
    {
        var lines = new StringBuilder();
        for (var i = 0; i < _input.Calls.Count; i++)
        {
            var c = _input.Calls[i];
            var fields = new Dictionary<string, object?>
            {
                ["external_id"] = "SIM-" + i.ToString(CultureInfo.InvariantCulture),
                ["received_at"] = c.ReceivedAt.ToString("O", CultureInfo.InvariantCulture),
                ["location"] = c.Location,
                ["type"] = c.Type,
                ["reporter_role"] = c.ReporterRole,
                ["basis"] = c.Basis,
            };
            if (c.Priority is >= 1 and <= 4) fields["priority"] = c.Priority; // else the type's default
            lines.Append(JsonSerializer.Serialize(fields)).Append('\n');
        }
        using var input = FeedInput.FromReader(new StringReader(lines.ToString()), "simulated feed");
        // The feed's clock is the latest arrival: the calls need not be in order, and none is "in the future" (issue 13's check).
        var latest = _input.Calls.Max(c => c.ReceivedAt);
        CallFeed.Load(_db, input, new FeedOptions(Actor, new FixedClock(latest)) { Format = FeedFormat.Jsonl, Source = "simulate" });
    }

    /// <summary>One worker pass at <paramref name="t"/>; what it did schedules what follows.</summary>
    private void Pass(DateTimeOffset t)
    {
        foreach (var a in EnforcementPass.Run(_db, t).Actions)
        {
            if (a.Step == PassStep.Intake && a.To == CallStatus.Pending && Status(a.CallId) is { Deadline: { } deadline } call)
            {
                var r = new Random(unchecked(_seed * 7_919 + (int)a.CallId));
                var dispatch = call.ReceivedAt.AddSeconds(r.Next(15, 50));
                if (dispatch < deadline) At(dispatch, new Ev(Kind.Dispatch, a.CallId, null, 0));
                At(deadline, new Ev(Kind.Deadline, a.CallId, null, 0));
            }
            else if (a.To == CallStatus.Assigned && a.Badge is { } badge)
            {
                _escalated.Remove(a.CallId);
                Assigned(a.CallId, badge, t);
            }
            else if (a.To == CallStatus.Escalated)
            {
                _escalated.TryAdd(a.CallId, t);
            }
        }
    }

    /// <summary>A simulated dispatcher (or the supervisor, for an escalated call) routes the call to the router's top candidate.</summary>
    private bool TryAssign(long callId, DateTimeOffset t)
    {
        DistrictSnapshot? snap = null;
        return TryAssign(callId, t, ref snap);
    }

    /// <summary>
    /// As <see cref="TryAssign(long, DateTimeOffset)"/>, with the district as of <paramref name="t"/> loaded once for
    /// several calls in a row (the supervisor's escalated calls): nothing is written until an assignment, after which
    /// it is loaded again. The same recommendation as <see cref="Recommendations.For(SafetyDb, long, DateTimeOffset)"/>.
    /// </summary>
    private bool TryAssign(long callId, DateTimeOffset t, ref DistrictSnapshot? snap)
    {
        var call = Reads.RequireCall(_db, callId);
        snap ??= SnapshotLoader.Load(_db, t);
        var rec = Recommendations.For(call, snap, snap.Policy, t, Recommendations.TimedOutOn(_db, callId));
        if (rec.Top is not { } top) return false;
        // The dispatcher assigns as of the district it ranked (nothing written since); the assignment moves an officer,
        // so the next call sees the district after it.
        CallActions.Assign(_db, Actor, callId, top.Officer.Badge, t, snapshot: snap);
        snap = null;
        Assigned(callId, top.Officer.Badge, t);
        return true;
    }

    private void Assigned(long callId, string badge, DateTimeOffset t)
    {
        var n = _assignments[callId] = _assignments.GetValueOrDefault(callId) + 1;
        var call = Status(callId)!;
        var plan = SimulatedOfficer.Plan(_seed, callId, badge, n, call.Type, call.Class ?? CallClass.None, TravelSeconds(badge, call.Location),
            _input.SceneHistory.GetValueOrDefault(call.Type));
        _plans[callId] = (plan, n);
        var ev = new Ev(Kind.Ack, callId, badge, n);
        if (plan.AckAfter is { } ack) At(t + ack, ev);
        else At(t + _settings.AckTimeout, ev with { Kind = Kind.AckTimeout }); // R6: the worker releases them at the timeout
    }

    /// <summary>§3's ETA from the officer's post (the simulator sends no position pings); null when the post has no coordinates.</summary>
    private double? TravelSeconds(string badge, string location)
    {
        if (!_facts.OfficersByBadge.TryGetValue(badge, out var o) || _facts.PostPoint(o.Post) is not { } post) return null;
        return _settings.EtaSeconds(Geo.HaversineMeters(post, _facts.Locations[location].Point));
    }

    private void Freed(string badge, DateTimeOffset t)
    {
        if (_offAfterCall.Remove(badge))
        {
            OfficerActions.SetStatus(_db, Actor, badge, OfficerStatus.OffDuty, t, "shift end (simulated), after the call");
            return;
        }
        PlaceEscalated(t);
    }

    /// <summary>The supervisor places escalated calls (oldest first) once someone is eligible, for up to <see cref="EscalationWindow"/>.</summary>
    private void PlaceEscalated(DateTimeOffset t)
    {
        if (_escalated.Count == 0) return;
        DistrictSnapshot? snap = null;
        foreach (var (id, since) in _escalated.OrderBy(x => x.Value).ThenBy(x => x.Key).ToList())
        {
            if (t - since > EscalationWindow || Status(id) is not { Status: CallStatus.Escalated })
            {
                _escalated.Remove(id);
                continue;
            }
            try
            {
                if (TryAssign(id, t, ref snap)) _escalated.Remove(id);
            }
            catch (SafetyException)
            {
                snap = null;
                _escalated.Remove(id);
            }
        }
    }

    private Call? Status(long callId) => Reads.Call(_db, callId);

    /// <summary>Is this officer's step still due: the call is in <paramref name="expected"/> with the same officer and assignment?</summary>
    private bool Holds(Ev e, CallStatus expected) =>
        _plans.TryGetValue(e.Call, out var p) && p.Assignment == e.Assignment
        && Status(e.Call) is { } c && c.Status == expected && string.Equals(c.AssignedTo, e.Badge, StringComparison.Ordinal);

    // ---- figures (aggregates only, R9) ---------------------------------------------------------------------

    private StaffingResult Figures()
    {
        var byClass = SimulationReads.OutcomesByClass(_db)
            .GroupBy(r => r.Class, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, int>)g.ToDictionary(r => r.Outcome, r => (int)r.N, StringComparer.Ordinal), StringComparer.Ordinal);
        var byPriority = SimulationReads.DeadlinesByPriority(_db)
            .Select(r => new DeadlineCount("P" + r.P.ToString(CultureInfo.InvariantCulture), (int)r.Met, (int)r.Missed)).ToList();
        var byZone = SimulationReads.DeadlinesByZone(_db)
            .Select(r => new DeadlineCount(r.Zone, (int)r.Met, (int)r.Missed)).ToList();
        var toAssignment = SimulationReads.FirstAssignments(_db)
            .Select(r => TimeText.FromDb(r.First) - TimeText.FromDb(r.Received));
        var toArrival = SimulationReads.FirstArrivals(_db)
            .Select(r => TimeText.FromDb(r.Arrived) - TimeText.FromDb(r.Received));
        var busy = SimulationReads.AssignmentSpans(_db)
            .GroupBy(r => Codes.ParseRole(r.Role))
            .ToDictionary(g => g.Key, g => g.Sum(r => r.To is null ? 0 : (TimeText.FromDb(r.To) - TimeText.FromDb(r.From)).TotalHours));
        var roles = _roster.Officers.GroupBy(o => o.Role).OrderBy(g => g.Key)
            .Select(g => new RoleUse(g.Key, g.Count(), _onDutyHours.GetValueOrDefault(g.Key), busy.GetValueOrDefault(g.Key)))
            .ToList();
        return new StaffingResult(_roster.Name, _roster.Officers.Count, _input.Calls.Count, byClass, byPriority, byZone,
            DurationStats.Of(toAssignment), DurationStats.Of(toArrival), roles, _onDutyHours.Values.Sum());
    }
}
