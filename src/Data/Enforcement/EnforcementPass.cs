using System.Globalization;
using System.Data.Common;
using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Routing;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Enforcement;

/// <summary>
/// One enforcement pass of the first-response worker (DESIGN §4b), as of one instant:
/// 1. each NEW call received by then is classified by <see cref="Intake.Decide(Call, DistrictSnapshot, PolicySettings, DateTimeOffset)"/>:
///    DIVERTED (R2, R3), REFERRED with the agency (R4), CANCELLED and refused (R8), else PENDING with class and deadline (R5);
/// 2. each PENDING call whose deadline has come (deadline ≤ the pass's time), oldest (earliest received) first, is
///    assigned to the top-ranked eligible officer (§3), or ESCALATED to the on-duty supervisor when none is (R5);
/// 3. each ASSIGNED call whose current assignment is not acknowledged within the ack timeout has its officer
///    released and is assigned to the next-ranked eligible officer other than those who timed out on it, or
///    ESCALATED (R6).
/// Every action is one transaction of conditional updates with its events (actor <see cref="Actor"/>, stamped
/// with the pass's time) and its rule trace appended to calls.trace. Passes are idempotent: a second pass at the
/// same time finds nothing to do. Two workers at once never act twice on one call: the loser of a race gets a
/// <see cref="ChangeConflict"/>, which rolls its transaction back and is counted as a skip. Cancellation is
/// checked between actions, so stopping never leaves an action half-done.
/// </summary>
public static class EnforcementPass
{
    /// <summary>The system actor of every worker event (R10: who, when, why).</summary>
    public const string Actor = "worker";

    /// <summary>
    /// One pass with the district's policy numbers as stored now (issue 13): a supervisor's `policy set` takes
    /// effect at the next pass, and the worker, the board and the command line use the same numbers.
    /// </summary>
    public static PassResult Run(SafetyDb db, DateTimeOffset at, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var run = new PassRun(db, at, SnapshotLoader.CurrentPolicy(db), ct);
        run.Intake();
        run.Deadlines();
        run.AckTimeouts();
        return new PassResult(at, run.Actions, run.Skipped, run.Cancelled);
    }

    private sealed class PassRun(SafetyDb db, DateTimeOffset at, PolicySettings settings, CancellationToken ct)
    {
        private DistrictSnapshot? _snap;
        private bool _stale;

        public List<PassAction> Actions { get; } = [];
        public List<PassSkip> Skipped { get; } = [];
        public bool Cancelled { get; private set; }

        /// <summary>
        /// The district as of the pass, loaded when first needed and again after this pass moved officers. Its officers
        /// are read only when a decision first asks about one (intake mostly does not; issue 14, speed): intake's writes
        /// move no officer, and each question comes while deciding, outside the write's transaction.
        /// </summary>
        private DistrictSnapshot Snap
        {
            get
            {
                if (_snap is null || _stale) (_snap, _stale) = (SnapshotLoader.LoadWhenNeeded(db, at), false);
                return _snap;
            }
        }

        /// <summary>Step 1 (R2, R3, R4, R5, R8).</summary>
        public void Intake()
        {
            foreach (var call in Reads.NewCallsReceivedBy(db, at))
            {
                if (Stop()) return;
                Act(PassStep.Intake, call, () =>
                {
                    var d = Policy.Intake.Decide(call, Snap, settings, at);
                    var (trace, possibleMaster) = CallActions.IntakeTrace(db, call, d, settings);
                    var set = new CallSet().Class(d.Class).Deadline(d.Deadline).Agency(d.Agency).Disposition(d.Disposition)
                        .Trace(trace).PossibleDuplicateOf(possibleMaster);
                    var why = string.Join(" ", d.Trace);
                    var line = d.Status switch
                    {
                        CallStatus.Pending => $"{d.Class.Text()} P{PriorityOf(call)}, deadline {Local(d.Deadline!.Value)} (R5)",
                        CallStatus.Referred => $"referred to {d.Agency} (R4)",
                        CallStatus.Cancelled => $"call type {call.Type} refused (R8)",
                        _ => d.Trace[^1],
                    };
                    return (tx =>
                    {
                        RequireUnchanged(tx, call);
                        StateChanges.MoveCall(tx, call.Id, CallStatus.New, d.Status,
                            new EventRow(at, Actor, "call." + d.Status.Text().ToLowerInvariant(), Reason: why), set);
                        if (d.Refused)
                            StateChanges.AppendEvent(tx, new EventRow(at, Actor, "refused", call.Id, Reason: d.Trace[0]));
                    }, new PassAction(PassStep.Intake, call.Id, CallStatus.New, d.Status, null, null, Line(call.Id, CallStatus.New, d.Status, line)));
                }, movesOfficers: false);
            }
        }

        /// <summary>Step 2 (R5): PENDING calls whose deadline has come, oldest first.</summary>
        public void Deadlines()
        {
            foreach (var call in Reads.PendingCallsDueBy(db, at))
            {
                if (Stop()) return;
                Act(PassStep.Deadline, call, () =>
                {
                    var snap = Snap;
                    var rec = Recommendations.For(call, snap, settings, at, Recommendations.TimedOutOn(db, call.Id));
                    var due = $"R5: deadline {Local(call.Deadline!.Value)} reached with no officer assigned";
                    if (rec.Top is { } top)
                    {
                        var badge = top.Officer.Badge;
                        var why = $"{due}; the worker assigns the top-ranked eligible officer {badge} ({CallActions.RankReason(rec, badge)}).";
                        return (tx =>
                        {
                            RequireUnchanged(tx, call);
                            CallActions.AssignInTx(tx, snap, call, rec.Class, badge, Actor, at, why,
                                new CallSet().Trace(CallActions.AppendTrace(call.Trace, why)), call.Deadline);
                        }, new PassAction(PassStep.Deadline, call.Id, CallStatus.Pending, CallStatus.Assigned, badge, null,
                            // Missed by definition: the worker assigns only once the deadline has come, and an assignment at or
                            // after it is a miss (R5, FirstResponse.Outcome, which AssignInTx records; not worked out again here).
                            Line(call.Id, CallStatus.Pending, CallStatus.Assigned, $"{badge}, deadline missed (R5)")));
                    }
                    return Escalate(call, snap, "R5: no eligible officer at the deadline", PassStep.Deadline, null);
                }, movesOfficers: true);
            }
        }

        /// <summary>Step 3 (R6): assignments not acknowledged within the ack timeout.</summary>
        public void AckTimeouts()
        {
            foreach (var call in Reads.AssignedCallsUnacknowledgedSince(db, at - settings.AckTimeout))
            {
                if (Stop()) return;
                Act(PassStep.Acknowledgement, call, () =>
                {
                    var snap = Snap;
                    var old = call.AssignedTo!;
                    var skip = new HashSet<string>(Recommendations.TimedOutOn(db, call.Id), StringComparer.Ordinal) { old };
                    var rec = Recommendations.For(call, snap, settings, at, skip);
                    var late = $"R6: {old} did not acknowledge within {Policy.Intake.Span(settings.AckTimeout)} of assignment at {Local(call.AssignedAt!.Value)} and is released";
                    if (rec.Top is { } top)
                    {
                        var badge = top.Officer.Badge;
                        var why = $"{late}; the worker assigns the next-ranked eligible officer {badge} ({CallActions.RankReason(rec, badge)}).";
                        return (tx =>
                        {
                            ReleaseTimedOut(tx, call, old);
                            CallActions.AssignInTx(tx, snap, call, rec.Class, badge, Actor, at, why,
                                new CallSet().Trace(CallActions.AppendTrace(call.Trace, why)), call.Deadline);
                        }, new PassAction(PassStep.Acknowledgement, call.Id, CallStatus.Assigned, CallStatus.Assigned, badge, old,
                            Line(call.Id, CallStatus.Assigned, CallStatus.Assigned, $"{badge}, released {old}: no acknowledgement (R6)")));
                    }
                    return Escalate(call, snap, $"{late}; no other eligible officer", PassStep.Acknowledgement, old);
                }, movesOfficers: true);
            }
        }

        /// <summary>R5/R6: to the on-duty supervisors (sergeants not OFF_DUTY), naming them.</summary>
        private (Action<DbTransaction>, PassAction) Escalate(Call call, DistrictSnapshot snap, string cause, PassStep step, string? release)
        {
            var sergeants = snap.Officers
                .Where(o => o.Role == Role.SGT && o.Status != OfficerStatus.OffDuty)
                .Select(o => o.Badge).Order(StringComparer.Ordinal).ToList();
            var who = sergeants.Count > 0 ? string.Join(", ", sergeants) : "none is on duty";
            var why = $"{cause}; escalated to the on-duty supervisor ({who}).";
            var from = call.Status;
            return (tx =>
            {
                if (release is not null) ReleaseTimedOut(tx, call, release);
                else RequireUnchanged(tx, call);
                StateChanges.MoveCall(tx, call.Id, from, CallStatus.Escalated,
                    new EventRow(at, Actor, "call.escalated", Reason: why, Detail: string.Join(",", sergeants)),
                    new CallSet().AssignedTo(null, null).Trace(CallActions.AppendTrace(call.Trace, why)));
                FirstResponseFigures.RecordEscalation(tx, call.Id, call.ReceivedAt, at, snap);
                // Issue 15: a call that loses its first responder loses its assists with it.
                if (release is not null) CallActions.ReleaseAssists(tx, call.Id, Actor, at, "released with the call (escalated)");
            }, new PassAction(step, call.Id, from, CallStatus.Escalated, null, release,
                Line(call.Id, from, CallStatus.Escalated,
                    $"{(release is null ? "" : $"released {release}: no acknowledgement; ")}no eligible officer, to supervisor {who} ({(step == PassStep.Deadline ? "R5" : "R6")})")));
        }

        /// <summary>R6: the call still has <paramref name="badge"/> on an open, unacknowledged assignment that has timed out; release it.</summary>
        private void ReleaseTimedOut(DbTransaction tx, Call call, string badge)
        {
            RequireUnchanged(tx, call);
            if (!StillAsRead.AssignmentTimedOut(tx, call.Id, badge, at - settings.AckTimeout))
                throw new ChangeConflict($"Call {call.Id}: {badge}'s assignment was acknowledged or released meanwhile (the call is {StateChanges.DescribeCall(tx.Connection!, tx, call.Id)}), so the worker left it alone.");
            CallActions.ReleaseOfficer(tx, call.Id, badge, Actor, at, "ack-timeout");
        }

        /// <summary>
        /// The call is still as the pass read it (status, officer, type, priority, basis, location): otherwise a
        /// dispatcher, a supervisor or another worker acted first, and this action is skipped as a conflict.
        /// </summary>
        private static void RequireUnchanged(DbTransaction tx, Call call)
        {
            if (StillAsRead.Call(tx, call)) return;
            // Who won, and when (README: every lost race names them).
            var state = StateChanges.DescribeCall(tx.Connection!, tx, call.Id) is { } d ? $"it is now {d}" : "it no longer exists";
            throw new ChangeConflict($"Call {call.Id} changed after the worker read it ({state}); another worker or a dispatcher acted, so the worker skipped it.");
        }

        /// <summary>Decides (outside any transaction: the snapshot reads the store), then writes in one transaction.</summary>
        private void Act(PassStep step, Call call, Func<(Action<DbTransaction> Write, PassAction Action)> decide, bool movesOfficers)
        {
            Action<DbTransaction> write;
            PassAction action;
            try
            {
                (write, action) = decide();
            }
            catch (ArgumentException e)
            {
                // Bad data (a call type or location missing from the district): left for a person to fix.
                Skipped.Add(new PassSkip(step, call.Id, false, e.Message));
                return;
            }
            try
            {
                db.Write(write);
                Actions.Add(action);
                if (movesOfficers) _stale = true;
            }
            catch (SafetyException e)
            {
                // A ChangeConflict: another worker or a dispatcher acted first; anything else: a refusal. Rolled back either way.
                Skipped.Add(new PassSkip(step, call.Id, e is ChangeConflict, e.Message));
                _stale = true;
            }
        }

        private bool Stop()
        {
            if (!ct.IsCancellationRequested) return false;
            Cancelled = true;
            return true;
        }

        private int PriorityOf(Call call) => Snap.CallTypes[call.Type].PriorityFor(call.Priority);

        private string Local(DateTimeOffset t) => TimeText.ToIso(t, Snap.TimeZone);

        private static string Line(long id, CallStatus from, CallStatus to, string what) =>
            string.Create(CultureInfo.InvariantCulture, $"call {id}: {from.Text()} -> {to.Text()} {what}");
    }
}
