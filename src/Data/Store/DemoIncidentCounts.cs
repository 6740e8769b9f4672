using Dapper;

namespace SafetyConsole.Data.Store;

/// <summary>What the demo's day did of issue 15's desk work, for its summary.</summary>
public sealed record IncidentCounts(long DuplicatesLinked, long Assists, long PanicAlarms, long Duties, long DutiesDone);

/// <summary>Issue 15's counts over a whole demo database (the demo's summary; never a report: no R9 free text is read).</summary>
public static class DemoIncidentCounts
{
    /// <summary>Panic alarms are the standard's holdup / duress / panic alarm type (ALRHOLD), whatever alias the feed sent.</summary>
    public static IncidentCounts Of(SafetyDb db) => new(
        db.Connection.ExecuteScalar<long>("SELECT count(*) FROM calls WHERE duplicate_of IS NOT NULL"),
        db.Connection.ExecuteScalar<long>("SELECT count(*) FROM assignments WHERE assist = 1"),
        db.Connection.ExecuteScalar<long>("SELECT count(*) FROM calls WHERE type = 'ALRHOLD'"),
        db.Connection.ExecuteScalar<long>("SELECT count(*) FROM duties"),
        db.Connection.ExecuteScalar<long>("SELECT count(*) FROM duties WHERE done_at IS NOT NULL"));
}
