using SafetyConsole.Data.Policy;

namespace SafetyConsole.Data.Tests.Policy;

public class FirstResponseTests
{
    private static readonly DateTimeOffset Deadline = new(2026, 11, 23, 18, 1, 0, TimeSpan.Zero);

    public static TheoryData<string, int?, bool, int, DeadlineOutcome> Cases => new()
    {
        // name, first assignment (seconds relative to the deadline), escalated, now (relative), expected
        { "assigned before the deadline", -30, false, 100, DeadlineOutcome.Met },
        { "assigned exactly at the deadline (R5: by then the worker assigns in the dispatchers' place)", 0, false, 100, DeadlineOutcome.Missed },
        { "assigned a second before the deadline", -1, false, 100, DeadlineOutcome.Met },
        { "assigned one second late", 1, false, 100, DeadlineOutcome.Missed },
        { "unassigned, deadline ahead", null, false, -1, DeadlineOutcome.NotDue },
        { "unassigned, at the deadline", null, false, 0, DeadlineOutcome.Missed },
        { "unassigned, deadline passed", null, false, 1, DeadlineOutcome.Missed },
        { "escalated before anyone was assigned", null, true, 0, DeadlineOutcome.Missed },
        { "escalated, then assigned late by a supervisor", 300, true, 400, DeadlineOutcome.Missed },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void R5_deadline_outcomes(string name, int? assignedRelative, bool escalated, int nowRelative, DeadlineOutcome expected)
    {
        var assigned = assignedRelative is { } a ? Deadline.AddSeconds(a) : (DateTimeOffset?)null;
        Assert.True(expected == FirstResponse.Outcome(Deadline, assigned, escalated, Deadline.AddSeconds(nowRelative)), name);
    }

    [Fact]
    public void A_call_without_a_deadline_is_never_counted() =>
        Assert.Equal(DeadlineOutcome.NotDue, FirstResponse.Outcome(null, null, escalated: true, Deadline));
}
