using System.Data.Common;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Dispatch;

/// <summary>Assisting officers (issue 15): `assign CALL BADGE --assist`, each assist's own progress, release with the call.</summary>
public static partial class CallActions
{
    /// <summary>A step of one officer's progress on a call.</summary>
    public enum Step { Acknowledge, EnRoute, OnScene, Clear }

    /// <summary>
    /// Adds <paramref name="badge"/> as an assisting officer to a call that has its first responder (R1: an assist is
    /// never the first response, so any staff may assist). Dispatchers and supervisors; refusals recorded (exit 1).
    /// One transaction: the call (still holding its officer) records the assist, the officer goes AVAILABLE → ASSIGNED,
    /// the assignment row (assist) is written. The call's status, deadline and R5 figures are untouched.
    /// </summary>
    public static string AssignAssist(SafetyDb db, string actor, long callId, string badge, DateTimeOffset at)
    {
        Operators.Require(db, actor, OperatorRole.Dispatcher, "assign officers", at);
        var call = Reads.RequireCall(db, callId);
        var snap = SnapshotLoader.Load(db, at);
        var refusal = Assists.Refusal(call, badge, snap, Assignments.OfCall(db, callId));
        if (refusal is not null) throw Refuse(db, actor, at, callId, refusal);
        var officer = snap.OfficersByBadge[badge];
        db.Write(WriteScope.OnCall(callId), tx =>
        {
            StateChanges.UpdateCall(tx, callId, call.Status, new CallSet(),
                new EventRow(at, actor, "call.assist", Badge: badge, Reason: $"{badge} assists {call.AssignedTo} (R1: an assist is never the first response)"));
            StateChanges.MoveOfficer(tx, badge, officer.Status, OfficerStatus.Assigned,
                new EventRow(at, actor, "officer.assigned", CallId: callId, Reason: $"assisting on call {callId}"));
            Assignments.InsertAssist(tx, callId, badge, at, actor);
        });
        return $"{badge} assists on call {callId} (first responder {call.AssignedTo}).";
    }

    /// <summary>
    /// One assisting officer's progress (acknowledged, en route, on scene, cleared): the call's status is its first
    /// responder's and does not move; the officer's status and the assignment's times do. Clearing an assist releases
    /// that officer only. Refused (exit 1, recorded) when <paramref name="badge"/> is not an open assist on the call.
    /// </summary>
    public static string AssistStep(SafetyDb db, string actor, long callId, string badge, Step step, DateTimeOffset at)
    {
        var words = StepWords(step);
        Operators.Require(db, actor, OperatorRole.Dispatcher, $"mark officers {words}", at);
        var call = Reads.RequireCall(db, callId);
        var row = Assignments.OfCall(db, callId).LastOrDefault(a => a.Open && a.Assist && string.Equals(a.Badge, badge, StringComparison.Ordinal))
            ?? throw Refuse(db, actor, at, callId, $"{badge} is not assisting on call {callId}; `safety-console calls show {callId}` lists its officers.");
        var officer = Reads.RequireOfficer(db, badge);
        db.Write(WriteScope.OnCall(callId), tx =>
        {
            StateChanges.UpdateCall(tx, callId, call.Status, new CallSet(),
                new EventRow(at, actor, $"assist.{Kind(step)}", Badge: badge, Reason: $"assisting officer {badge} {words}"));
            switch (step)
            {
                case Step.Acknowledge:
                    Assignments.MarkProgress(tx, callId, badge, "acked_at", at);
                    break;
                case Step.EnRoute or Step.OnScene:
                    var next = step == Step.EnRoute ? OfficerStatus.EnRoute : OfficerStatus.OnScene;
                    if (officer.Status != next)
                        StateChanges.MoveOfficer(tx, badge, officer.Status, next, new EventRow(at, actor, "officer.status", CallId: callId));
                    Assignments.MarkProgress(tx, callId, badge, "acked_at", at); // moving counts as acknowledging (R6), as for the first responder
                    Assignments.MarkProgress(tx, callId, badge, step == Step.EnRoute ? "en_route_at" : "on_scene_at", at);
                    break;
                default:
                    ReleaseOfficer(tx, callId, badge, actor, at, "assist cleared");
                    break;
            }
        });
        return $"{badge} {words} on call {callId} (assisting).";
    }

    /// <summary>Releases every open assist of a call, in the transaction that ends the call or takes its first responder away.</summary>
    internal static void ReleaseAssists(DbTransaction tx, long callId, string actor, DateTimeOffset at, string why)
    {
        foreach (var badge in Assignments.OpenAssists(tx, callId)) ReleaseOfficer(tx, callId, badge, actor, at, why);
    }

    private static string StepWords(Step s) => s switch
    {
        Step.Acknowledge => "acknowledged",
        Step.EnRoute => "en route",
        Step.OnScene => "on scene",
        _ => "cleared",
    };

    private static string Kind(Step s) => s switch
    {
        Step.Acknowledge => "acknowledged",
        Step.EnRoute => "en_route",
        Step.OnScene => "on_scene",
        _ => "cleared",
    };
}
