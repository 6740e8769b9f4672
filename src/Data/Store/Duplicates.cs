using Dapper;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;

namespace SafetyConsole.Data.Store;

/// <summary>A call's duplicate links (issue 15): the master it duplicates, the call intake flagged, its own duplicates.</summary>
public sealed record DuplicateLinks(long? DuplicateOf, long? PossibleDuplicateOf, IReadOnlyList<long> Duplicates);

/// <summary>The reads and writes of duplicates and related calls (issue 15, migration 0033).</summary>
public static class Duplicates
{
    /// <summary>The related-types data, as pairs (read both ways by <see cref="DuplicateCheck.Related"/>).</summary>
    public static IReadOnlySet<(string, string)> RelatedPairs(SafetyDb db) =>
        SqlRead.Rows(db.Connection, "SELECT type, related FROM related_call_types", r => (r.GetString(0), r.GetString(1))).ToHashSet();

    /// <summary>Open calls at <paramref name="location"/> received from <paramref name="from"/> through <paramref name="to"/>, duplicates excluded.</summary>
    public static IReadOnlyList<OpenCallAt> OpenAt(SafetyDb db, string location, DateTimeOffset from, DateTimeOffset to) =>
        SqlRead.Rows(db.Connection, $"""
                SELECT id, type, received_at, status FROM calls
                WHERE location = @location AND status IN ({StatusSql.Open}) AND received_at >= @from AND received_at <= @to AND duplicate_of IS NULL
                """, r => new OpenCallAt(r.GetInt64(0), r.GetString(1), TimeText.FromDb(r.GetString(2)), Codes.ParseCallStatus(r.GetString(3))),
            null, ("@location", location), ("@from", TimeText.ToDb(from)), ("@to", TimeText.ToDb(to)));

    /// <summary>Intake's flag for <paramref name="call"/>: the possible master and its trace sentence, or null.</summary>
    public static (long Master, string Trace)? Flag(SafetyDb db, Call call, PolicySettings settings)
    {
        if (settings.DuplicateWindow <= TimeSpan.Zero) return null;
        var master = DuplicateCheck.PossibleMaster(call, OpenAt(db, call.Location, call.ReceivedAt - settings.DuplicateWindow, call.ReceivedAt),
            RelatedPairs(db), settings.DuplicateWindow);
        return master is null ? null : (master.Id, DuplicateCheck.Trace(call, master, settings.DuplicateWindow));
    }

    public static DuplicateLinks LinksOf(SafetyDb db, long callId)
    {
        var (of, possible) = db.Connection.QuerySingleOrDefault<(long? Of, long? Possible)>(
            "SELECT duplicate_of, possible_duplicate_of FROM calls WHERE id = @callId", new { callId });
        var duplicates = db.Connection.Query<long>("SELECT id FROM calls WHERE duplicate_of = @callId ORDER BY id", new { callId }).ToList();
        return new DuplicateLinks(of, possible, duplicates);
    }
}
