using Dapper;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Incidents;

/// <summary>The demo district in a fresh database, and NEW calls put into it as a feed would, for the issue 15 tests.</summary>
internal static class IncidentDb
{
    public static TestDb Demo(DateTimeOffset at)
    {
        var t = new TestDb();
        DistrictImport.Run(t.Db, DistrictSource.Demo, TestDb.Account, at);
        return t;
    }

    /// <summary>A NEW call of <paramref name="type"/> (its default priority) received at <paramref name="received"/>; returns its id.</summary>
    public static long AddCall(TestDb t, string type, DateTimeOffset received, string description = "", string location = "LHS") =>
        t.Db.Connection.ExecuteScalar<long>("""
            INSERT INTO calls(source, external_id, received_at, location, type, priority, description, reporter_role, status, created_at, updated_at)
            VALUES ('t', @ext, @at, @location, @type, (SELECT default_priority FROM call_types WHERE code = @type), @description, 'teacher', 'NEW', @at, @at) RETURNING id
            """, new { ext = Guid.NewGuid().ToString("N"), at = TimeText.ToDb(received), type, description, location });
}
