using Dapper;
using SafetyConsole.Data.Policy;

namespace SafetyConsole.Data.Store;

/// <summary>How many events of the log were late entries or replays (R10), and by whom.</summary>
public sealed record LateEntrySummary(int Total, IReadOnlyList<(string Actor, int Count)> ByActor);

/// <summary>
/// R10: events whose effective time is far from the time they were really recorded (<see cref="EntryTime"/>), counted
/// for the compliance report. The rule is applied here in C#; SQL only leaves out events whose two times are equal.
/// </summary>
public static class LateEntries
{
    public static LateEntrySummary Count(SafetyDb db)
    {
        var byActor = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (at, recordedAt, actor) in db.Connection.Query<(string At, string RecordedAt, string Actor)>(
                     "SELECT at, recorded_at, actor FROM events WHERE recorded_at IS NOT NULL AND at <> recorded_at"))
        {
            if (EntryTime.IsFarFromClock(TimeText.FromDb(at), TimeText.FromDb(recordedAt)))
                byActor[actor] = byActor.GetValueOrDefault(actor) + 1;
        }
        return new LateEntrySummary(byActor.Values.Sum(), byActor.Select(kv => (kv.Key, kv.Value)).ToList());
    }
}
