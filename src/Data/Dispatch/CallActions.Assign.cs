using Dapper;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Routing;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Dispatch;

/// <summary>
/// Dispatch actions on calls, shared by the command line, the board and the worker: each checks the role (R10)
/// and the rules, then makes its changes as one transaction of conditional updates with their events, so two
/// dispatchers racing for one officer or one call cannot both win. Refusals throw <see cref="SafetyException"/>
/// (exit 1) with one sentence saying why and what would work.
/// </summary>
public static partial class CallActions
{
    /// <summary>What an assignment did, for the caller to report.</summary>
    public sealed record AssignResult(long CallId, string Badge, bool Override, Recommendation Recommendation, string Message);

    /// <summary>
    /// Assigns <paramref name="badge"/> to a NEW, PENDING or ESCALATED call. An eligible candidate needs nothing more;
    /// an officer excluded under R7, or skipped under R6 after timing out on this call, needs a supervisor and a written
    /// <paramref name="overrideReason"/>; R2 admits no override. A caller that has just loaded the district as of
    /// <paramref name="at"/> to choose the officer, and written nothing since, passes it as <paramref name="snapshot"/>
    /// instead of having it loaded a second time (the simulator's dispatchers; issue 14, speed).
    /// </summary>
    public static AssignResult Assign(SafetyDb db, string actor, long callId, string badge, DateTimeOffset at,
        string? overrideReason = null, DistrictSnapshot? snapshot = null)
    {
        var role = Operators.Require(db, actor, DispatchAction.Assign, at);
        var call = Reads.RequireCall(db, callId);
        var snap = snapshot ?? SnapshotLoader.Load(db, at);
        var settings = snap.Policy; // the stored policy (issue 13): R5 deadline and ranking agree with the worker
        if (call.Status is not (CallStatus.New or CallStatus.Pending or CallStatus.Escalated))
        {
            throw Refuse(db, actor, at, callId,
                $"Call {callId} is {StateOf(db, call)}, so it cannot be assigned; only NEW, PENDING or ESCALATED calls are assigned.");
        }

        var intake = call.Status == CallStatus.New ? Intake.Decide(call, snap, settings, at) : null;
        if (intake is { Status: not CallStatus.Pending })
            throw Refuse(db, actor, at, callId,
                $"Call {callId} cannot be assigned: {intake.Trace[^1]} A supervisor may reclassify it if the type is wrong.");

        // Intake ran once, just above: rank by its class rather than deciding the NEW call a second time.
        var rec = Recommendations.For(intake is null ? call : call with { Class = intake.Class }, snap, settings, at, Recommendations.TimedOutOn(db, callId));
        var check = Overrides.CanAssign(rec, badge, role, overrideReason);
        if (!check.Allowed)
        {
            // Lost a race between reading the call and ranking: say who took it rather than why the officer no longer fits.
            var current = Reads.RequireCall(db, callId);
            throw Refuse(db, actor, at, callId, current.Status != call.Status
                ? $"Call {callId} was taken meanwhile: it is {StateChanges.DescribeCall(db.Connection, null, callId)}; refresh and decide again."
                : check.Message);
        }

        var why = check.IsOverride ? $"{check.Rule} override by {actor}: {check.Reason}" : RankReason(rec, badge);
        db.Write(WriteScope.OnCall(callId), tx =>
        {
            var set = new CallSet();
            if (intake is not null)
            {
                var (trace, possibleMaster) = IntakeTrace(db, call, intake, settings);
                set.Deadline(intake.Deadline).Trace(trace).PossibleDuplicateOf(possibleMaster);
            }
            AssignInTx(tx, snap, call, rec.Class, badge, actor, at, why, set, intake?.Deadline ?? call.Deadline, check.IsOverride ? check.Reason : null);
            if (check.IsOverride)
                StateChanges.AppendEvent(tx, new EventRow(at, actor, "override", callId, badge, Reason: check.Message, Detail: check.Reason ?? ""));
        });
        var msg = check.IsOverride
            ? $"Call {callId} assigned to {badge} by {check.Rule} override (reason recorded)."
            : $"Call {callId} assigned to {badge}.";
        return new AssignResult(callId, badge, check.IsOverride, rec, msg);
    }

    /// <summary>
    /// The one assignment path, shared by dispatchers (<see cref="Assign"/>, after R10 and the override rules) and the
    /// worker (R5 at the deadline, R6 after an acknowledgement timeout; the system actor needs no operator role):
    /// inside the caller's transaction, the call moves from its current status to ASSIGNED (ASSIGNED → ASSIGNED for an
    /// R6 reassignment) with <paramref name="badge"/>, the officer from its snapshot status to ASSIGNED, the
    /// assignment row is written, and the R5 first-response figures are recorded. Each update is conditional: a lost
    /// race throws <see cref="ChangeConflict"/> and the whole transaction rolls back.
    /// </summary>
    internal static void AssignInTx(System.Data.Common.DbTransaction tx, DistrictSnapshot snap, Call call, CallClass cls, string badge,
        string actor, DateTimeOffset at, string reason, CallSet set, DateTimeOffset? deadline, string? overrideReason = null)
    {
        var officer = snap.OfficersByBadge[badge];
        StateChanges.MoveCall(tx, call.Id, call.Status, CallStatus.Assigned,
            new EventRow(at, actor, "call.assigned", Badge: badge, Reason: reason), set.AssignedTo(badge, at).Class(cls));
        StateChanges.MoveOfficer(tx, badge, officer.Status, OfficerStatus.Assigned,
            new EventRow(at, actor, "officer.assigned", CallId: call.Id, Reason: $"assigned to call {call.Id}"));
        InsertAssignment(tx, call.Id, badge, at, actor, overrideReason);
        FirstResponseFigures.RecordAssignment(tx, call.Id, call.ReceivedAt, deadline, at, snap);
    }

    internal static void InsertAssignment(System.Data.Common.DbTransaction tx, long callId, string badge, DateTimeOffset at, string actor, string? overrideReason) =>
        SqlRead.Queue(tx.Connection!, """
            INSERT INTO assignments(call_id, badge, assigned_at, assigned_by, override_reason)
            VALUES (@callId, @badge, @at, @actor, @overrideReason)
            """, tx, null, ("@callId", callId), ("@badge", badge), ("@at", TimeText.ToDb(at)), ("@actor", actor), ("@overrideReason", overrideReason));

    /// <summary>"rank 1 of 3, ETA 4 min": why this officer, for the event log.</summary>
    internal static string RankReason(Recommendation rec, string badge)
    {
        for (var i = 0; i < rec.Candidates.Count; i++)
        {
            var c = rec.Candidates[i];
            if (!string.Equals(c.Officer.Badge, badge, StringComparison.Ordinal)) continue;
            var eta = c.EtaSeconds is { } s ? $", ETA {Math.Round(s / 60.0, 1).ToString(System.Globalization.CultureInfo.InvariantCulture)} min" : ", position unknown";
            return $"§3: {rec.Class.Text()} candidate ranked {i + 1} of {rec.Candidates.Count}{(c.PostedAtLocation ? ", posted at the location" : "")}{eta}";
        }
        return "";
    }

    /// <summary>Records a refusal in the event log (R10: every refusal, at the clock's time) and returns the exception to throw.</summary>
    internal static SafetyException Refuse(SafetyDb db, string actor, DateTimeOffset at, long? callId, string message)
    {
        Refusals.Record(db, actor, callId, message, at == db.Clock.GetUtcNow() ? "" : $"effective time asked: {TimeText.ToDb(at)}");
        return SafetyException.Refused(message);
    }
}
