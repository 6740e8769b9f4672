using System.Runtime.CompilerServices;
using System.Data.Common;
using SafetyConsole.Data.Accountability;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Policy;

namespace SafetyConsole.Data.Districts;

/// <summary>
/// Builds the policy's <see cref="DistrictSnapshot"/> from the store as of an instant: the district's facts plus
/// the live state the router needs (who is on which open call, how many calls each officer had today), and the
/// district's policy numbers (<see cref="PolicyStore"/>): every process takes them from here, so all agree.
/// The district's facts (district, calendar, locations, agencies, call types, training, agreements, topics, policy)
/// are kept per connection while the store's district generation (migration 0021: bumped by a trigger in the same
/// transaction as any write to those tables, by any process) reads the same; the live part (officers' status and
/// positions, open calls, today's counts) is read fresh every time. The worker's pass at each arrival then costs
/// one counter read instead of nine table reads (issue 14, speed).
/// </summary>
public static class SnapshotLoader
{
    /// <summary>The district's facts as of one generation of the store.</summary>
    private sealed record Facts(
        long Generation,
        District? District,
        IReadOnlyList<CalendarDay> Calendar,
        IReadOnlyList<Location> Locations,
        IReadOnlyList<Agency> Agencies,
        IReadOnlyList<CallType> CallTypes,
        IReadOnlyList<TrainingRecord> Training,
        IReadOnlyList<Agreement> Agreements,
        IReadOnlyList<TrainingTopic> Topics,
        PolicySettings Policy)
    {
        /// <summary>The facts as a snapshot with no officers, built at the first full load (its time zone may be refused there, as before).</summary>
        public DistrictSnapshot? Base { get; set; }
    }

    private static readonly ConditionalWeakTable<DbConnection, Facts> Cache = new();

    /// <summary>
    /// Only what the school calendar needs (district, calendar days, locations): for `status`, which must start
    /// fast and judges no officer. Routing with it finds no candidates.
    /// </summary>
    public static DistrictSnapshot? LoadCalendar(SafetyDb db) =>
        DistrictReads.District(db) is { } district
            ? new DistrictSnapshot(district, DistrictReads.Calendar(db), DistrictReads.Locations(db), [], [], [], policy: PolicyStore.Load(db))
            : null;

    /// <summary>The district's policy numbers as stored now (the same as <see cref="PolicyStore.Load(SafetyDb)"/>, from the facts kept in memory).</summary>
    public static PolicySettings CurrentPolicy(SafetyDb db) => FactsOf(db).Policy;

    public static DistrictSnapshot Load(SafetyDb db, DateTimeOffset at)
    {
        var facts = FactsOf(db);
        var live = ReadLive(db, facts, at);
        return BaseOf(facts).WithOfficers(live.Officers, live.OpenCallByBadge, live.CallsToday);
    }

    /// <summary>
    /// As <see cref="Load"/>, with the officers and their live state read from the store only when the snapshot is
    /// first asked about an officer (<see cref="DistrictSnapshot.WithOfficersWhenNeeded"/>): for the worker's pass,
    /// whose intake decisions mostly need only the district's facts, and which loads again after any write that moves
    /// an officer. The first question must come outside a transaction, before any such write.
    /// </summary>
    public static DistrictSnapshot LoadWhenNeeded(SafetyDb db, DateTimeOffset at)
    {
        var facts = FactsOf(db);
        return BaseOf(facts).WithOfficersWhenNeeded(() => ReadLive(db, facts, at));
    }

    private static DistrictSnapshot BaseOf(Facts facts)
    {
        var district = facts.District ?? throw SafetyException.Refused(
            "This database has no district yet; run `safety-console district import DIR` (or `safety-console init --demo`) first.");
        return facts.Base ??= new DistrictSnapshot(district, facts.Calendar, facts.Locations, facts.Agencies, facts.CallTypes, [],
            facts.Training, null, null, facts.Agreements, facts.Topics, facts.Policy);
    }

    /// <summary>
    /// The live part's three queries, sent as one command (one round trip to PostgreSQL, issue 17): who is on an open call
    /// (§3: the assignments table, first responders and assists alike, issue 15); "calls today" (the ranking's tie-break,
    /// §3: assignments since the district's local midnight); the officers.
    /// </summary>
    private static readonly string LiveSql =
        $"SELECT a.badge, a.call_id FROM assignments a JOIN calls c ON c.id = a.call_id WHERE a.released_at IS NULL AND c.status IN ({StatusSql.HoldingOfficer});\n" +
        "SELECT badge, count(*) FROM assignments WHERE assigned_at >= @from AND assigned_at <= @to GROUP BY badge;\n" +
        $"SELECT {Reads.OfficerColumns} FROM officers ORDER BY badge";

    /// <summary>The live part as of <paramref name="at"/>: officers, the open call each holds, and assignments since the district's local midnight.</summary>
    private static DistrictSnapshot.LiveState ReadLive(SafetyDb db, Facts facts, DateTimeOffset at)
    {
        var openCalls = new Dictionary<string, long>(StringComparer.Ordinal);
        var today = new Dictionary<string, int>(StringComparer.Ordinal);
        var officers = new List<Officer>();
        var midnight = TimeText.StartOfLocalDay(at, BaseOf(facts).TimeZone);
        SqlRead.Sets(db.Connection, LiveSql, null,
            [
                r => openCalls.TryAdd(r.GetString(0), r.GetInt64(1)), // the first row per officer
                r => today.Add(r.GetString(0), (int)r.GetInt64(1)),
                r => officers.Add(Reads.OfficerRow(r)),
            ],
            ("@from", TimeText.ToDb(midnight)), ("@to", TimeText.ToDb(at)));
        return new DistrictSnapshot.LiveState(officers, openCalls, today);
    }

    /// <summary>
    /// The facts kept for this connection when the generation still reads the same, else read again. The generation
    /// is read before the tables: a write committed in between leaves facts newer than their label, so the next call
    /// reads them again (never older facts under a newer label).
    /// </summary>
    private static Facts FactsOf(SafetyDb db)
    {
        var c = db.Connection;
        var generation = SqlRead.Long(c, "SELECT n FROM district_generation WHERE id = 1");
        if (Cache.TryGetValue(c, out var kept) && kept.Generation == generation) return kept;
        var facts = new Facts(generation, DistrictReads.District(db), DistrictReads.Calendar(db), DistrictReads.Locations(db),
            DistrictReads.Agencies(db), DistrictReads.CallTypes(db), DistrictReads.Training(db),
            AccountabilityReads.Agreements(db), AccountabilityReads.Topics(db), PolicyStore.Load(db));
        Cache.AddOrUpdate(c, facts);
        return facts;
    }
}
