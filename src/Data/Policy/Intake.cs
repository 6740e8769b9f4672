using System.Globalization;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Routing;

namespace SafetyConsole.Data.Policy;

/// <summary>
/// The classification of a NEW call (DESIGN §4b step 1). <see cref="Status"/> is PENDING (with a
/// <see cref="Deadline"/>, R5), DIVERTED (R2, R3), REFERRED (R4, with the <see cref="Agency"/> of jurisdiction),
/// or CANCELLED with <see cref="Refused"/> set for a refused call type (R8, ALIEN). The trace is plain sentences citing rules.
/// </summary>
public sealed record IntakeDecision(CallStatus Status, CallClass Class, DateTimeOffset? Deadline, string? Agency, IReadOnlyList<string> Trace)
{
    /// <summary>R8: the call type is refused (ALIEN). Status is then CANCELLED and nothing is dispatched.</summary>
    public bool Refused { get; init; }

    /// <summary>R4: a referred call is closed with APCO disposition 15 (referred to a partner agency), as its trace says.</summary>
    public string? Disposition => Status == CallStatus.Referred ? Intake.ReferredDisposition : null;

    /// <summary>The trace as one text, a sentence a line (for calls.trace).</summary>
    public string TraceText => string.Join("\n", Trace);
}

/// <summary>Intake rules R1–R5 and R8 as one pure decision.</summary>
public static class Intake
{
    /// <summary>R4: the APCO disposition of a call referred to the police agency of jurisdiction.</summary>
    public const string ReferredDisposition = "15";

    /// <summary>As <see cref="Decide(Call, DistrictSnapshot, PolicySettings, DateTimeOffset)"/> at the clock's time.</summary>
    public static IntakeDecision Decide(Call call, DistrictSnapshot snap, PolicySettings settings, TimeProvider clock) =>
        Decide(call, snap, settings, clock.GetUtcNow());

    /// <summary>
    /// Decides a call, in this order:
    /// R8 a refused type (ALIEN) → CANCELLED, Refused;
    /// R2 a type of class NONE (DISCIPLINE) → DIVERTED to the school administration;
    /// R3 a type that requires a basis (INTERVENE) without one → DIVERTED (any stated basis — danger, disruption,
    /// emergency — qualifies; other types, emergencies included, need no request);
    /// R1 received inside the location's school-day window → PENDING for the type's class;
    /// R4 outside it: LIAISON → REFERRED to the location's agency; CAMPUS → PENDING when a district campus officer
    /// is eligible as of <paramref name="now"/> (§3), else REFERRED;
    /// R5 every PENDING call gets Deadline = ReceivedAt + the priority's deadline.
    /// The window is judged at the call's receipt; officer availability at <paramref name="now"/>.
    /// </summary>
    /// <exception cref="ArgumentException">the call's type or location is not in the snapshot.</exception>
    public static IntakeDecision Decide(Call call, DistrictSnapshot snap, PolicySettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(snap);
        ArgumentNullException.ThrowIfNull(settings);
        using var activity = PolicyTrace.Source.StartActivity(PolicyTrace.IntakeDecide);
        activity?.SetTag("call.id", call.Id);
        if (!snap.CallTypes.TryGetValue(call.Type, out var type))
            throw new ArgumentException($"Call {call.Id} has type '{call.Type}', which the district does not have; load the call types first.", nameof(call));
        var trace = new List<string>(3);

        // R8: never collected, never dispatched.
        if (type.Refused)
        {
            trace.Add($"R8: call type {type.Code} ({type.Name}) is refused; nothing is dispatched and no immigration or citizenship detail is kept.");
            return new IntakeDecision(CallStatus.Cancelled, CallClass.None, null, null, trace) { Refused = true };
        }

        if (!snap.Locations.TryGetValue(call.Location, out var loc))
            throw new ArgumentException($"Call {call.Id} is at location '{call.Location}', which the district does not have; load the district's locations first.", nameof(call));

        var inWindow = SchoolCalendar.InWindow(snap, loc, call.ReceivedAt, out var window);

        // R2: routine discipline belongs to principals.
        if (type.Class == CallClass.None)
        {
            var when = inWindow ? "" : $" for the next school day ({window})";
            trace.Add($"R2: {type.Code} is routine student discipline; diverted to {loc.Name}'s administration queue{when}. No override exists; a supervisor may only reclassify.");
            return new IntakeDecision(CallStatus.Diverted, CallClass.None, null, null, trace);
        }

        // R3: a request for intervention must state its basis.
        if (type.BasisRequired)
        {
            if (call.Basis is not { } basis)
            {
                trace.Add($"R3: {type.Code} ({type.Name}) must state its basis ({Codes.AllBases}); none was given.");
                trace.Add($"R2: without a qualifying basis it is not for safety staff; diverted to {loc.Name}'s administration queue. A supervisor may reclassify.");
                return new IntakeDecision(CallStatus.Diverted, CallClass.None, null, null, trace);
            }
            trace.Add($"R3: basis '{basis.Text()}' stated; the request qualifies.");
        }

        var cls = type.Class;
        string? referTo = null;
        if (inWindow)
        {
            trace.Add($"R1: {window}; {cls.Text()} first.");
        }
        else if (cls == CallClass.Liaison)
        {
            referTo = loc.Agency;
            trace.Add($"R4: {window}, outside {loc.Name}'s school-day window; LIAISON call referred to {AgencyName(snap, loc.Agency)}, with jurisdiction over {loc.Code} (APCO disposition 15).");
        }
        else
        {
            var rec = Router.Recommend(call, CallClass.Campus, snap, settings, now);
            if (rec.Candidates.Count > 0)
            {
                trace.Add($"R4: {window}, outside {loc.Name}'s school-day window; {Count(rec.Candidates.Count, "district campus officer")} AVAILABLE and eligible, so the CAMPUS call stays with the district.");
            }
            else
            {
                referTo = loc.Agency;
                trace.Add($"R4: {window}, outside {loc.Name}'s school-day window; no district campus officer is AVAILABLE and eligible, so the CAMPUS call is referred to {AgencyName(snap, loc.Agency)} (APCO disposition 15).");
            }
        }
        if (referTo is not null)
            return new IntakeDecision(CallStatus.Referred, cls, null, referTo, trace);

        // R5: first-response deadline by priority.
        var priority = type.PriorityFor(call.Priority);
        var span = settings.DeadlineFor(priority);
        var deadline = call.ReceivedAt + span;
        var local = TimeOnly.FromDateTime(snap.ToLocal(deadline).DateTime);
        trace.Add($"R5: P{priority} deadline {SchoolCalendar.Hms(local)} ({Span(span)} after receipt).");
        return new IntakeDecision(CallStatus.Pending, cls, deadline, null, trace);
    }

    private static string AgencyName(DistrictSnapshot snap, string code) =>
        snap.Agencies.TryGetValue(code, out var a) && !string.Equals(a.Name, code, StringComparison.Ordinal) ? $"{code} ({a.Name})" : code;

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun} is" : $"{n} {noun}s are";

    /// <summary>"60 s", "3 min", "90 s", "1 h 30 min" style.</summary>
    internal static string Span(TimeSpan t)
    {
        var s = (long)t.TotalSeconds;
        if (s < 120 || s % 60 != 0) return $"{s.ToString(CultureInfo.InvariantCulture)} s";
        return $"{(s / 60).ToString(CultureInfo.InvariantCulture)} min";
    }
}
