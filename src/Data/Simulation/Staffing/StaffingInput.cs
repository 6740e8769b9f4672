using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Feeds;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Simulation.Staffing;

/// <summary>One call to replay, as a feed would deliver it; no description is carried (R9: the simulator reports aggregates only).</summary>
public sealed record SimCall(DateTimeOffset ReceivedAt, string Location, string Type, int Priority, string? ReporterRole, string? Basis);

/// <summary>A roster to try: officers.csv (with initial statuses, which choose the shift) and training.csv.</summary>
public sealed record Roster(string Name, IReadOnlyList<Officer> Officers, IReadOnlyList<TrainingRecord> Training);

/// <summary>What every roster of one simulation shares: the district's facts, the calls in order, and its on-scene history.</summary>
public sealed record StaffingInput(
    District District, IReadOnlyList<CalendarDay> Calendar, IReadOnlyList<Agency> Agencies, IReadOnlyList<Location> Locations,
    IReadOnlyList<SimCall> Calls, IReadOnlyDictionary<string, TimeSpan[]> SceneHistory)
{
    /// <summary>The district's facts and its on-scene history by call type (cleared calls' first ON_SCENE to CLEARED), from the store.</summary>
    public static StaffingInput FromStore(SafetyDb db, IReadOnlyList<SimCall> calls)
    {
        var district = DistrictReads.District(db) ?? throw SafetyException.Refused(
            "This database has no district yet; run `safety-console district import DIR` (or `safety-console init --demo`) first.");
        var history = SimulationReads.ClearedCallScenes(db)
            .Where(r => r.OnScene is not null && r.Cleared is not null)
            .Select(r => (r.Type, Span: TimeText.FromDb(r.Cleared!) - TimeText.FromDb(r.OnScene!)))
            .Where(r => r.Span > TimeSpan.Zero)
            .GroupBy(r => r.Type, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Span).Order().ToArray(), StringComparer.Ordinal);
        return new StaffingInput(district, DistrictReads.Calendar(db), DistrictReads.Agencies(db), DistrictReads.Locations(db), calls, history);
    }

    /// <summary>The calls stored in a database received from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), oldest first.</summary>
    public static IReadOnlyList<SimCall> StoredCalls(SafetyDb db, DateTimeOffset from, DateTimeOffset to) =>
        SimulationReads.CallsReceived(db, from, to)
            .Select(r => new SimCall(TimeText.FromDb(r.ReceivedAt), r.Location, r.Type, (int)r.Priority, r.ReporterRole, r.Basis))
            .ToList();

    /// <summary>
    /// The calls of a feed file (`feed load`'s formats and checks), read through the real feed path into a scratch
    /// database holding the district's facts, then read back oldest first. Rows the feed rejects are counted, not replayed.
    /// </summary>
    public static (IReadOnlyList<SimCall> Calls, int Rejected) FeedCalls(SafetyDb district, string path, string account, DateTimeOffset at)
    {
        using var db = ScratchStore.Open(account, at);
        var facts = DistrictReads.District(district) ?? throw SafetyException.Refused(
            "This database has no district yet; run `safety-console district import DIR` (or `safety-console init --demo`) first.");
        DistrictWriter.Write(db, new DistrictData(facts, DistrictReads.Calendar(district), DistrictReads.Agencies(district),
            DistrictReads.Locations(district), [], []), "the district", account, at);
        using var input = FeedInput.OpenFile(path);
        var summary = CallFeed.Load(db, input, new FeedOptions(account, new FixedClock(at)));
        return (StoredCalls(db, DateTimeOffset.MinValue, DateTimeOffset.MaxValue), summary.Rejected);
    }

    /// <summary>The district's current officers as a roster: live statuses on a call count as AVAILABLE (their shift is the day shift).</summary>
    public static Roster CurrentRoster(SafetyDb db) => new("current",
        Reads.Officers(db).Select(o => new Officer(o.Badge, o.Name, o.Role, o.Agency, o.Post,
            o.Status is OfficerStatus.OffDuty or OfficerStatus.Busy ? o.Status : OfficerStatus.Available)).ToList(),
        DistrictReads.Training(db));
}
