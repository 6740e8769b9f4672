using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Dispatch;

/// <summary>Duplicates (issue 15): `link CALL MASTER` and a supervisor's `unlink CALL`.</summary>
public static partial class CallActions
{
    /// <summary>
    /// The trace a NEW call gets at intake: its decision's sentences, then, for a PENDING call, the possible-duplicate
    /// flag (issue 15) and the call it names (null when none). Shared by the worker's intake and a dispatcher's assign.
    /// </summary>
    internal static (string Trace, long? PossibleMaster) IntakeTrace(SafetyDb db, Call call, Policy.IntakeDecision d, Policy.PolicySettings settings)
    {
        var trace = AppendTrace(call.Trace, d.TraceText);
        if (d.Status != CallStatus.Pending || Duplicates.Flag(db, call, settings) is not { } flag) return (trace, null);
        return (AppendTrace(trace, flag.Trace), flag.Master);
    }

    /// <summary>APCO ANS 1.111.2: duplicate.</summary>
    public const string DuplicateDisposition = "22";

    /// <summary>
    /// Makes <paramref name="callId"/> a duplicate of <paramref name="masterId"/>: dispatchers and supervisors, like
    /// assign. The call must have no officer (NEW, PENDING, ESCALATED): a call with an officer on it is cleared or
    /// cancelled by its officer's progress. One transaction: the call is CLEARED with disposition 22 and points to its
    /// master; the master's events gain its reporter and description (the duplicate's own report of the incident).
    /// Linked duplicates are left out of the R5 figures and the report's workload.
    /// </summary>
    public static string Link(SafetyDb db, string actor, long callId, long masterId, DateTimeOffset at)
    {
        Operators.Require(db, actor, OperatorRole.Dispatcher, "link duplicate calls", at);
        var call = Reads.RequireCall(db, callId);
        var master = Reads.RequireCall(db, masterId);
        if (callId == masterId) throw Refuse(db, actor, at, callId, $"Call {callId} cannot be a duplicate of itself; give the call it repeats.");
        var links = Duplicates.LinksOf(db, callId);
        if (links.DuplicateOf is { } already)
            throw Refuse(db, actor, at, callId, $"Call {callId} is already a duplicate of call {already}; a supervisor may `unlink` it first.");
        if (Duplicates.LinksOf(db, masterId).DuplicateOf is { } root)
            throw Refuse(db, actor, at, callId, $"Call {masterId} is itself a duplicate of call {root}; link call {callId} to call {root}.");
        if (links.Duplicates.Count > 0)
            throw Refuse(db, actor, at, callId, $"Call {callId} is the master of call(s) {string.Join(", ", links.Duplicates)}; link call {masterId} to call {callId} instead.");
        if (call.Status is not (CallStatus.New or CallStatus.Pending or CallStatus.Escalated))
            throw Refuse(db, actor, at, callId,
                $"Call {callId} is {StateOf(db, call)}, so it cannot be linked as a duplicate; only a call with no officer (NEW, PENDING or ESCALATED) can (clear or cancel it instead).");
        var line = $"Duplicate of call {masterId}, linked by {actor}; cleared with disposition {DuplicateDisposition}.";
        db.Write(tx =>
        {
            StateChanges.MoveCall(tx, callId, call.Status, CallStatus.Cleared,
                new EventRow(at, actor, "call.linked", Reason: $"duplicate of call {masterId} (disposition {DuplicateDisposition})", Detail: $"master {masterId}"),
                new CallSet().DuplicateOf(masterId).Disposition(DuplicateDisposition).Trace(AppendTrace(call.Trace, line)));
            // The master's record gains the duplicate's report: who reported it and what they said (free text, R9, as the call's own).
            StateChanges.AppendEvent(tx, new EventRow(at, actor, "call.duplicate", masterId,
                Reason: $"call {callId} ({call.Type}, {call.Source}, reported by {call.ReporterRole ?? "unknown"}) linked as a duplicate", Detail: call.Description));
        });
        return $"Call {callId} linked as a duplicate of call {masterId} and cleared (disposition {DuplicateDisposition}).";
    }

    /// <summary>
    /// Undoes a link: supervisors only, with a reason (R10). The call is NEW again, its disposition and link cleared, and
    /// intake decides it afresh; the master's events record the unlink.
    /// </summary>
    public static string Unlink(SafetyDb db, string actor, long callId, string reason, DateTimeOffset at)
    {
        Operators.Require(db, actor, OperatorRole.Supervisor, "unlink duplicate calls", at);
        RequireReason(reason, "unlink");
        var call = Reads.RequireCall(db, callId);
        if (Duplicates.LinksOf(db, callId).DuplicateOf is not { } master)
            throw Refuse(db, actor, at, callId, $"Call {callId} is not a linked duplicate; nothing to unlink.");
        var line = $"Unlinked from call {master} by supervisor {actor}: {reason.Trim()}";
        db.Write(tx =>
        {
            StateChanges.MoveCall(tx, callId, CallStatus.Cleared, CallStatus.New,
                new EventRow(at, actor, "call.unlinked", Reason: reason.Trim(), Detail: $"master {master}"),
                new CallSet().DuplicateOf(null).Disposition(null).Class(null).Deadline(null).Trace(AppendTrace(call.Trace, line)));
            StateChanges.AppendEvent(tx, new EventRow(at, actor, "call.duplicate.unlinked", master, Reason: $"call {callId} is no longer a duplicate: {reason.Trim()}"));
        });
        return $"Call {callId} unlinked from call {master}; it is NEW again and will be decided by intake.";
    }
}
