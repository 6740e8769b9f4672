using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Reports;

namespace SafetyConsole.Data.Simulation.Staffing;

/// <summary>Met and missed first-response deadlines (R5) for one priority or zone.</summary>
public sealed record DeadlineCount(string Key, int Met, int Missed);

/// <summary>One role's share of its on-duty hours spent on calls (assignment to release).</summary>
public sealed record RoleUse(Role Role, int Officers, double OnDutyHours, double BusyHours)
{
    public double Utilisation => OnDutyHours > 0 ? BusyHours / OnDutyHours : 0;
}

/// <summary>
/// What one roster did with the calls: aggregates only (R9). Outcomes: <c>assigned</c> (an officer was assigned and
/// the call was never escalated), <c>referred</c> (R4), <c>diverted</c> (R2, R3), <c>escalated</c> (R5, R6: at least
/// once, even if the supervisor later found an officer), <c>other</c> (refused R8 or left unclassified).
/// </summary>
public sealed record StaffingResult(
    string Roster,
    int Officers,
    int Calls,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> ByClassAndOutcome,
    IReadOnlyList<DeadlineCount> DeadlinesByPriority,
    IReadOnlyList<DeadlineCount> DeadlinesByZone,
    DurationStats ToAssignment,
    DurationStats ToArrival,
    IReadOnlyList<RoleUse> Roles,
    double OfficerHours)
{
    public static readonly IReadOnlyList<string> Outcomes = ["assigned", "referred", "diverted", "escalated", "other"];

    public int Count(string cls, string outcome) =>
        ByClassAndOutcome.TryGetValue(cls, out var o) && o.TryGetValue(outcome, out var n) ? n : 0;

    public int LiaisonCalls => ByClassAndOutcome.TryGetValue("LIAISON", out var o) ? o.Values.Sum() : 0;

    public int LiaisonEscalated => Count("LIAISON", "escalated");

    public int DeadlinesMet => DeadlinesByPriority.Sum(d => d.Met);

    public int DeadlinesMissed => DeadlinesByPriority.Sum(d => d.Missed);
}
