using Dapper;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Dispatch;

/// <summary>An officer's own status changes: logging on (AVAILABLE), off (OFF_DUTY), BUSY. Shared by the command line and the board.</summary>
public static class OfficerActions
{
    /// <summary>Sets an officer's own status; returns the sentence to report ("CSO-12 is now OFF_DUTY.").</summary>
    public static string SetStatus(SafetyDb db, string actor, string badge, OfficerStatus next, DateTimeOffset at, string reason = "")
    {
        Operators.Require(db, actor, DispatchAction.OfficerStatus, at);
        if (Transitions.IsOnCall(next))
            throw SafetyException.Refused(
                $"An officer becomes {next.Text()} through a call; use `assign`, `enroute` or `onscene` on the call instead of `officer status`.");
        db.Write(tx =>
        {
            var officer = Reads.RequireOfficer(db, badge);
            if (officer.Status == next)
                throw SafetyException.Refused($"Officer {badge} is already {next.Text()}; nothing changed.");
            if (Transitions.IsOnCall(officer.Status))
            {
                var call = tx.Connection!.ExecuteScalar<long?>(
                    $"SELECT id FROM calls WHERE assigned_to = @badge AND status IN ({StatusSql.HoldingOfficer}) LIMIT 1",
                    new { badge }, tx);
                throw SafetyException.Refused(
                    $"Officer {badge} is {officer.Status.Text()} on call {call}; clear or cancel that call first, then change the officer's status.");
            }
            StateChanges.MoveOfficer(tx, badge, officer.Status, next, new EventRow(at, actor, "officer.status", Reason: reason));
        });
        return $"{badge} is now {next.Text()}.";
    }
}
