namespace SafetyConsole.Data.Policy;

/// <summary>How a call fared against its first-response deadline (R5).</summary>
public enum DeadlineOutcome { NotDue, Met, Missed }

/// <summary>R5: deadlines met and missed are counted. Pure; the store supplies the facts.</summary>
public static class FirstResponse
{
    /// <summary>
    /// Met: the first officer was assigned before the deadline. Missed: assigned at or after it (at the deadline
    /// the worker assigns in the dispatchers' place, R5), escalated, or still unassigned once it has passed. NotDue: still waiting, deadline ahead (or the call never had one).
    /// </summary>
    public static DeadlineOutcome Outcome(DateTimeOffset? deadline, DateTimeOffset? firstAssignedAt, bool escalated, DateTimeOffset now)
    {
        if (deadline is not { } d) return DeadlineOutcome.NotDue;
        if (firstAssignedAt is { } a) return a < d ? DeadlineOutcome.Met : DeadlineOutcome.Missed;
        if (escalated || now >= d) return DeadlineOutcome.Missed;
        return DeadlineOutcome.NotDue;
    }
}
