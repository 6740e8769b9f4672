using Dapper;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Dispatch;

/// <summary>The assigned officer's progress on a call: acknowledged (R6), en route, on scene.</summary>
public static partial class CallActions
{
    /// <summary>R6: the assigned officer acknowledges the call (by radio, through a dispatcher). Returns the sentence to report.</summary>
    public static string Acknowledge(SafetyDb db, string actor, long callId, DateTimeOffset at)
    {
        Operators.Require(db, actor, DispatchAction.Acknowledge, at);
        var call = Reads.RequireCall(db, callId);
        var badge = RequireAssigned(db, actor, at, call, "acknowledged", CallStatus.Assigned);
        db.Write(WriteScope.OnCall(callId), tx =>
        {
            StateChanges.MoveCall(tx, callId, CallStatus.Assigned, CallStatus.Acknowledged,
                new EventRow(at, actor, "call.acknowledged", Badge: badge, Reason: $"R6: {badge} acknowledged"));
            MarkAcknowledged(tx, callId, badge, at);
        });
        return $"Call {callId} acknowledged.";
    }

    public static string EnRoute(SafetyDb db, string actor, long callId, DateTimeOffset at) =>
        Progress(db, actor, callId, at, CallStatus.EnRoute, OfficerStatus.EnRoute, "en route", CallStatus.Assigned, CallStatus.Acknowledged);

    public static string OnScene(SafetyDb db, string actor, long callId, DateTimeOffset at) =>
        Progress(db, actor, callId, at, CallStatus.OnScene, OfficerStatus.OnScene, "on scene", CallStatus.Assigned, CallStatus.Acknowledged, CallStatus.EnRoute);

    /// <summary>Moves the call and its officer along; returns the sentence to report ("Call 42: CSO-01 en route.").</summary>
    private static string Progress(SafetyDb db, string actor, long callId, DateTimeOffset at, CallStatus next, OfficerStatus officerNext,
        string words, params CallStatus[] from)
    {
        Operators.Require(db, actor, next == CallStatus.EnRoute ? DispatchAction.EnRoute : DispatchAction.OnScene, at);
        var call = Reads.RequireCall(db, callId);
        var badge = RequireAssigned(db, actor, at, call, $"marked {words}", from);
        var officer = Reads.RequireOfficer(db, badge);
        db.Write(WriteScope.OnCall(callId), tx =>
        {
            StateChanges.MoveCall(tx, callId, call.Status, next, new EventRow(at, actor, $"call.{next.Text().ToLowerInvariant()}", Badge: badge));
            if (officer.Status != officerNext)
                StateChanges.MoveOfficer(tx, badge, officer.Status, officerNext, new EventRow(at, actor, "officer.status", CallId: callId));
            // Moving counts as acknowledging (R6): an officer on the way has plainly received the call.
            if (call.Status == CallStatus.Assigned) MarkAcknowledged(tx, callId, badge, at);
            Assignments.MarkProgress(tx, callId, badge, next == CallStatus.EnRoute ? "en_route_at" : "on_scene_at", at); // issue 15: per-assignment progress
        });
        return $"Call {callId}: {badge} {words}.";
    }

    private static string RequireAssigned(SafetyDb db, string actor, DateTimeOffset at, Call call, string words, params CallStatus[] from)
    {
        if (from.Contains(call.Status) && call.AssignedTo is { } badge) return badge;
        var allowed = string.Join(" or ", from.Select(s => s.Text()));
        throw Refuse(db, actor, at, call.Id, call.Status is CallStatus.New or CallStatus.Pending or CallStatus.Escalated
            ? $"Call {call.Id} is {StateOf(db, call)} with no officer, so it cannot be {words}; assign an officer first."
            : $"Call {call.Id} is {StateOf(db, call)}, so it cannot be {words}; only a call that is {allowed} can be.");
    }

    /// <summary>
    /// The call's state with who changed it last and when ("ASSIGNED to CSO-01 (by alice at …)"): a refusal that a
    /// lost race explains names the winner (README), whichever verb lost.
    /// </summary>
    internal static string StateOf(SafetyDb db, Call call) => StateChanges.DescribeCall(db.Connection, null, call.Id) ?? call.Status.Text();

    private static void MarkAcknowledged(System.Data.Common.DbTransaction tx, long callId, string badge, DateTimeOffset at) =>
        SqlRead.Queue(tx.Connection!,
            "UPDATE assignments SET acked_at = @at WHERE call_id = @callId AND badge = @badge AND released_at IS NULL AND acked_at IS NULL",
            tx, null, ("@callId", callId), ("@badge", badge), ("@at", TimeText.ToDb(at)));
}
