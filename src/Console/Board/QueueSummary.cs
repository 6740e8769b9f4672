using SafetyConsole.Data.Domain;

namespace SafetyConsole.Cli.Board;

/// <summary>
/// The supervisor view's figures, from the board's snapshot: open calls by priority and status, the oldest call
/// still waiting for a responder, escalations (R5), officers by status, and today's first-response deadlines met
/// and missed (R5).
/// </summary>
public sealed record QueueSummary(
    int Open,
    int[] ByPriority,
    IReadOnlyList<KeyValuePair<CallStatus, int>> ByStatus,
    Call? OldestWaiting,
    int Escalated,
    IReadOnlyList<KeyValuePair<OfficerStatus, int>> OfficersByStatus,
    int MetToday,
    int MissedToday)
{
    public static QueueSummary From(BoardData d, DateTimeOffset now)
    {
        var byPriority = new int[4];
        foreach (var c in d.Calls)
            if (c.Priority is >= 1 and <= 4) byPriority[c.Priority - 1]++;
        var byStatus = d.Calls.GroupBy(c => c.Status).OrderBy(g => g.Key).Select(g => KeyValuePair.Create(g.Key, g.Count())).ToList();
        var oldest = d.Calls.Where(c => c.Status is CallStatus.New or CallStatus.Pending or CallStatus.Escalated)
            .OrderBy(c => c.ReceivedAt).ThenBy(c => c.Id).FirstOrDefault();
        var officers = d.Officers.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => KeyValuePair.Create(g.Key, g.Count())).ToList();
        var missed = BoardView.MissedToday(d, now);
        var met = d.DeadlinesToday.Count(f => f.FirstAssignedAt is { } a && a <= f.Deadline);
        return new QueueSummary(d.Calls.Count, byPriority, byStatus, oldest, d.Calls.Count(c => c.Status == CallStatus.Escalated), officers, met, missed);
    }
}
