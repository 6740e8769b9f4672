namespace SafetyConsole.Data.Policy;

/// <summary>How a call fared against its first-response deadline (R5).</summary>
public enum DeadlineOutcome { NotDue, Met, Missed }

/// <summary>R5: deadlines met and missed are counted. Pure; the store supplies the facts.</summary>
public static class FirstResponse
{
    /// <summary>
    /// Met: the first officer was assigned at or before the deadline. Missed: assigned after it, escalated, or
    /// still unassigned once it has passed. NotDue: still waiting, deadline ahead (or the call never had one).
    /// </summary>
    public static DeadlineOutcome Outcome(DateTimeOffset? deadline, DateTimeOffset? firstAssignedAt, bool escalated, DateTimeOffset now)
    {
        if (deadline is not { } d) return DeadlineOutcome.NotDue;
        if (firstAssignedAt is { } a) return a <= d ? DeadlineOutcome.Met : DeadlineOutcome.Missed;
        if (escalated || now > d) return DeadlineOutcome.Missed;
        return DeadlineOutcome.NotDue;
    }
}
