using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Demo;

/// <summary>What a demo day produced, as the headless demo prints it.</summary>
public static class DemoSummary
{
    public static string Text(SafetyDb db, DateOnly day, DateTimeOffset from, DateTimeOffset to)
    {
        var zone = db.DistrictZone();
        var n = DemoStore.Count(db);
        var figures = FirstResponseFigures.ForDay(db, day, to);
        var incidents = DemoIncidentCounts.Of(db);
        var lines = new List<string>
        {
            $"Simulated {day:dddd yyyy-MM-dd} from {Local(from, zone)} to {Local(to, zone)} (district time).",
            $"Calls received: {n.Calls}  (" + string.Join(", ", n.CallsByStatus.Select(s => $"{s.Status} {s.N}")) + ")",
            $"Diverted to school administration (R2, R3): {n.Diverted}",
            $"Referred to the police agency outside school hours (R4): {n.Referred}",
            $"Refused (R8): {n.Refused}",
            $"Assignments: {n.Assignments}, released for no acknowledgement (R6): {n.AckTimeouts}",
            $"Escalated to the supervisor (R5, R6): {n.Escalated}",
            $"First-response deadlines (R5): {figures.DeadlinesMet} met, {figures.DeadlinesMissed} missed",
            // Issue 15: the desk's work beside the calls.
            $"Duplicates linked: {incidents.DuplicatesLinked}; assisting officers: {incidents.Assists}; panic alarms: {incidents.PanicAlarms}",
            $"Scheduled duties: {incidents.Duties}, done {incidents.DutiesDone}",
            $"Position pings: {n.Positions}; events recorded: {n.Events}",
        };
        return string.Join('\n', lines) + "\n";
    }

    private static string Local(DateTimeOffset t, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(t, zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
