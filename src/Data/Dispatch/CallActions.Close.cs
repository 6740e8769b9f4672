using Dapper;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Dispatch;

/// <summary>Ending a call: cleared with an APCO disposition, diverted to the school administration (R2), cancelled.</summary>
public static partial class CallActions
{
    /// <summary>Clears a call with its APCO disposition; returns the sentence to report.</summary>
    public static string Clear(SafetyDb db, string actor, long callId, string disposition, DateTimeOffset at)
    {
        Operators.Require(db, actor, DispatchAction.Clear, at);
        var code = disposition.Trim();
        var name = SqlRead.Text(db.Connection, "SELECT name FROM dispositions WHERE code = @code", null, ("@code", code));
        if (name is null)
        {
            var all = string.Join(", ", db.Connection.Query<string>("SELECT code || ' ' || name FROM dispositions ORDER BY code"));
            throw SafetyException.Usage($"'{disposition}' is not an APCO disposition code; use one of: {all}.");
        }
        var call = Reads.RequireCall(db, callId);
        var badge = RequireAssigned(db, actor, at, call, "cleared", CallStatus.Acknowledged, CallStatus.EnRoute, CallStatus.OnScene);
        db.Write(WriteScope.OnCall(callId), tx =>
        {
            StateChanges.MoveCall(tx, callId, call.Status, CallStatus.Cleared,
                new EventRow(at, actor, "call.cleared", Badge: badge, Reason: $"disposition {code} {name}"), new CallSet().Disposition(code));
            ReleaseOfficer(tx, callId, badge, actor, at, "cleared");
            ReleaseAssists(tx, callId, actor, at, "released with the call (cleared)"); // issue 15: the call clears when its first responder clears
        });
        return $"Call {callId} cleared with disposition {code} {name}.";
    }

    /// <summary>R2: hands a call to the school administration queue; the reason is shown and recorded. Returns the sentence to report.</summary>
    public static string Divert(SafetyDb db, string actor, long callId, string reason, DateTimeOffset at)
    {
        Operators.Require(db, actor, DispatchAction.Divert, at);
        RequireReason(reason, "divert");
        var call = Reads.RequireCall(db, callId);
        if (call.Status is not (CallStatus.New or CallStatus.Pending or CallStatus.Escalated))
            throw Refuse(db, actor, at, callId,
                $"Call {callId} is {StateOf(db, call)}, so it cannot be diverted; only a NEW, PENDING or ESCALATED call with no officer can (cancel an assigned call instead).");
        db.Write(WriteScope.OnCall(callId), tx => StateChanges.MoveCall(tx, callId, call.Status, CallStatus.Diverted,
            new EventRow(at, actor, "call.diverted", Reason: $"R2: diverted to the school administration queue: {reason.Trim()}"),
            new CallSet().Class(CallClass.None).Deadline(null).Trace(AppendTrace(call.Trace, $"R2: diverted by {actor} to the school administration queue: {reason.Trim()}"))));
        return $"Call {callId} diverted to the school administration.";
    }

    /// <summary>Cancels a call, releasing its officer; returns the sentence to report.</summary>
    public static string Cancel(SafetyDb db, string actor, long callId, string reason, DateTimeOffset at)
    {
        Operators.Require(db, actor, DispatchAction.Cancel, at);
        RequireReason(reason, "cancel");
        var call = Reads.RequireCall(db, callId);
        if (!Transitions.CanMove(call.Status, CallStatus.Cancelled))
            throw Refuse(db, actor, at, callId, $"Call {callId}: " + Transitions.Refusal(call.Status, CallStatus.Cancelled));
        db.Write(WriteScope.OnCall(callId), tx =>
        {
            StateChanges.MoveCall(tx, callId, call.Status, CallStatus.Cancelled,
                new EventRow(at, actor, "call.cancelled", Badge: call.AssignedTo, Reason: reason.Trim()));
            if (call.AssignedTo is { } badge && call.Status is not (CallStatus.New or CallStatus.Pending or CallStatus.Escalated))
                ReleaseOfficer(tx, callId, badge, actor, at, "cancelled");
            ReleaseAssists(tx, callId, actor, at, "released with the call (cancelled)");
        });
        return $"Call {callId} cancelled.";
    }

    /// <summary>Frees the officer of a call (cleared, cancelled, R6 timeout): back to AVAILABLE, assignment closed.</summary>
    internal static void ReleaseOfficer(System.Data.Common.DbTransaction tx, long callId, string badge, string actor, DateTimeOffset at, string why)
    {
        var status = Codes.ParseOfficerStatus(StateChanges.LockedOfficerStatus(tx, badge)!);
        if (Transitions.IsOnCall(status))
            StateChanges.MoveOfficer(tx, badge, status, OfficerStatus.Available,
                new EventRow(at, actor, "officer.released", CallId: callId, Reason: $"{why}: call {callId}"));
        SqlRead.Queue(tx.Connection!,
            "UPDATE assignments SET released_at = @at, release_reason = @why WHERE call_id = @callId AND badge = @badge AND released_at IS NULL",
            tx, null, ("@callId", callId), ("@badge", badge), ("@at", TimeText.ToDb(at)), ("@why", why));
    }

    private static void RequireReason(string? reason, string verb)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw SafetyException.Usage($"Say why you {verb} the call with --reason TEXT; the reason is recorded (R10).");
    }

    internal static string AppendTrace(string trace, string line) => trace.Length == 0 ? line : trace + "\n" + line;
}
