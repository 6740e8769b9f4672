using Dapper;
using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Demo;

/// <summary>What a demo day produced, as the headless demo prints it.</summary>
public static class DemoSummary
{
    public static string Text(SafetyDb db, DateOnly day, DateTimeOffset from, DateTimeOffset to)
    {
        var c = db.Connection;
        var zone = db.DistrictZone();
        var byStatus = c.Query<(string Status, long N)>("SELECT status, count(*) FROM calls GROUP BY status ORDER BY count(*) DESC").ToList();
        long Scalar(string sql) => c.ExecuteScalar<long>(sql);
        var figures = FirstResponseFigures.ForDay(db, day, to);
        var lines = new List<string>
        {
            $"Simulated {day:dddd yyyy-MM-dd} from {Local(from, zone)} to {Local(to, zone)} (district time).",
            $"Calls received: {Scalar("SELECT count(*) FROM calls")}  (" + string.Join(", ", byStatus.Select(s => $"{s.Status} {s.N}")) + ")",
            $"Diverted to school administration (R2, R3): {Scalar("SELECT count(*) FROM calls WHERE status = 'DIVERTED'")}",
            $"Referred to the police agency outside school hours (R4): {Scalar("SELECT count(*) FROM calls WHERE status = 'REFERRED'")}",
            $"Refused (R8): {Scalar("SELECT count(*) FROM events WHERE kind = 'feed.refused'")}",
            $"Assignments: {Scalar("SELECT count(*) FROM assignments")}, released for no acknowledgement (R6): {Scalar("SELECT count(*) FROM assignments WHERE release_reason = 'ack-timeout'")}",
            $"Escalated to the supervisor (R5, R6): {Scalar("SELECT count(*) FROM calls WHERE escalated_at IS NOT NULL")}",
            $"First-response deadlines (R5): {figures.DeadlinesMet} met, {figures.DeadlinesMissed} missed",
            $"Position pings: {Scalar("SELECT count(*) FROM positions")}; events recorded: {Scalar("SELECT count(*) FROM events")}",
        };
        return string.Join('\n', lines) + "\n";
    }

    private static string Local(DateTimeOffset t, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(t, zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
