using Dapper;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Policy;

namespace SafetyConsole.Data.Store;

/// <summary>
/// Builds the policy's <see cref="DistrictSnapshot"/> from the store as of an instant: the district's facts plus
/// the live state the router needs (who is on which open call, how many calls each officer had today), and the
/// district's policy numbers (<see cref="PolicyStore"/>): every process takes them from here, so all agree.
/// </summary>
public static class SnapshotLoader
{
    /// <summary>
    /// Only what the school calendar needs (district, calendar days, locations): for `status`, which must start
    /// fast and judges no officer. Routing with it finds no candidates.
    /// </summary>
    public static DistrictSnapshot? LoadCalendar(SafetyDb db) =>
        DistrictReads.District(db) is { } district
            ? new DistrictSnapshot(district, DistrictReads.Calendar(db), DistrictReads.Locations(db), [], [], [], policy: PolicyStore.Load(db))
            : null;

    public static DistrictSnapshot Load(SafetyDb db, DateTimeOffset at)
    {
        var c = db.Connection;
        var district = DistrictReads.District(db) ?? throw SafetyException.Refused(
            "This database has no district yet; run `safety-console district import DIR` (or `safety-console init --demo`) first.");

        var openCalls = c.Query<(string Badge, long Id)>(
                $"SELECT assigned_to, id FROM calls WHERE assigned_to IS NOT NULL AND status IN ({StatusSql.HoldingOfficer})")
            .GroupBy(r => r.Badge, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);

        // "Calls today" (ranking tie-break, §3): assignments since the district's local midnight.
        var zone = TimeZoneInfo.FindSystemTimeZoneById(district.TimeZoneId);
        var midnight = TimeText.StartOfLocalDay(at, zone);
        var today = c.Query<(string Badge, long N)>(
                "SELECT badge, count(*) FROM assignments WHERE assigned_at >= @from AND assigned_at <= @to GROUP BY badge",
                new { from = TimeText.ToDb(midnight), to = TimeText.ToDb(at) })
            .ToDictionary(r => r.Badge, r => (int)r.N, StringComparer.Ordinal);

        return new DistrictSnapshot(district, DistrictReads.Calendar(db), DistrictReads.Locations(db), DistrictReads.Agencies(db),
            DistrictReads.CallTypes(db), Reads.Officers(db), DistrictReads.Training(db), openCalls, today,
            Accountability.AccountabilityReads.Agreements(db), Accountability.AccountabilityReads.Topics(db),
            PolicyStore.Load(db));
    }
}
