using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Dispatch;

/// <summary>R2: the only way past a diversion is a supervisor's reclassification, which is recorded.</summary>
public static partial class CallActions
{
    /// <summary>
    /// Changes a call's type (and its priority to the new type's default unless given) and sends it back to NEW,
    /// so intake decides it again under the new type. Supervisors only. Returns the sentence to report.
    /// </summary>
    public static string Reclassify(SafetyDb db, string actor, long callId, string type, string reason, DateTimeOffset at, int? priority = null)
    {
        Operators.Require(db, actor, DispatchAction.Reclassify, at);
        RequireReason(reason, "reclassify");
        var code = type.Trim().ToUpperInvariant();
        var types = Districts.DistrictReads.CallTypes(db);
        var newType = types.FirstOrDefault(t => t.Code == code)
            ?? throw SafetyException.Usage($"'{type}' is not a call type; use one of {string.Join(", ", types.Where(t => !t.Refused).Select(t => t.Code))}.");
        if (newType.Refused)
            throw Refuse(db, actor, at, callId, $"R8: call type {newType.Code} is refused; choose another type.");
        if (newType.Duty)
            throw Refuse(db, actor, at, callId,
                $"{newType.Code} ({newType.Name}) is a scheduled duty, not a call for service; cancel the call and add the duty with `safety-console duty add {newType.Code} --location L --due DATE`.");
        if (priority is < 1 or > 4) throw SafetyException.Usage("A priority is 1, 2, 3 or 4.");
        var call = Reads.RequireCall(db, callId);
        if (call.Status is not (CallStatus.New or CallStatus.Pending or CallStatus.Escalated or CallStatus.Diverted or CallStatus.Referred))
            throw Refuse(db, actor, at, callId,
                $"Call {callId} is {StateOf(db, call)}; only a call with no officer (NEW, PENDING, ESCALATED, DIVERTED or REFERRED) can be reclassified.");
        var p = newType.PriorityFor(priority);
        var line = $"Reclassified by supervisor {actor} from {call.Type} P{call.Priority} to {newType.Code} P{p}: {reason.Trim()}";
        var set = new CallSet().Type(newType.Code, p).Class(null).Deadline(null).Agency(null).Disposition(null).Trace(AppendTrace(call.Trace, line));
        var ev = new EventRow(at, actor, "call.reclassified", Reason: reason.Trim(), Detail: $"{call.Type} P{call.Priority} -> {newType.Code} P{p}");
        db.Write(tx =>
        {
            if (call.Status == CallStatus.New) StateChanges.UpdateCall(tx, callId, CallStatus.New, set, ev);
            else StateChanges.MoveCall(tx, callId, call.Status, CallStatus.New, ev, set);
        });
        return $"Call {callId} reclassified {newType.Code} P{p} (recorded, R2); intake decides it again.";
    }
}
