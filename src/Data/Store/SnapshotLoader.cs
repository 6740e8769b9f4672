using Dapper;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;

namespace SafetyConsole.Data.Store;

/// <summary>
/// Builds the policy's <see cref="DistrictSnapshot"/> from the store as of an instant: the district's facts plus
/// the live state the router needs (who is on which open call, how many calls each officer had today).
/// </summary>
public static class SnapshotLoader
{
    public static DistrictSnapshot Load(SafetyDb db, DateTimeOffset at)
    {
        var c = db.Connection;
        var d = c.QuerySingleOrDefault<(string Name, string TimeZone, string Start, string End, long Lead, long Tail)?>(
            "SELECT name, time_zone, school_year_start, school_year_end, lead_minutes, tail_minutes FROM district WHERE id = 1")
            ?? throw SafetyException.Refused(
                "This database has no district yet; run `safety-console district import DIR` (or `safety-console init --demo`) first.");
        var district = new District(d.Name, d.TimeZone, TimeText.DateFromDb(d.Start), TimeText.DateFromDb(d.End), (int)d.Lead, (int)d.Tail);

        var calendar = c.Query<(string Date, string Kind, string? EndTime, string Note)>("SELECT date, kind, end_time, note FROM calendar_days")
            .Select(r => new CalendarDay(TimeText.DateFromDb(r.Date), Codes.ParseCalendarKind(r.Kind),
                r.EndTime is { Length: > 0 } e ? TimeText.TimeFromDb(e) : null, r.Note));
        var agencies = c.Query<(string Code, string Name, string Kind, string? Due)>("SELECT code, name, kind, agreement_review_due FROM agencies")
            .Select(r => new Agency(r.Code, r.Name, Codes.ParseAgencyKind(r.Kind), r.Due is { Length: > 0 } due ? TimeText.DateFromDb(due) : null));
        var locations = c.Query<(string Code, string Name, string Kind, string Zone, string Agency, double Lat, double Lon, string Address, string BellStart, string BellEnd, string Notes)>(
                "SELECT code, name, kind, zone, agency, lat, lon, address, bell_start, bell_end, notes FROM locations")
            .Select(r => new Location(r.Code, r.Name, r.Kind, r.Zone, r.Agency, r.Lat, r.Lon, r.Address,
                TimeText.TimeFromDb(r.BellStart), TimeText.TimeFromDb(r.BellEnd), r.Notes));
        var types = CallTypes(db);
        var training = c.Query<(string Badge, string Topic, string Completed, string Expires)>("SELECT badge, topic, completed_on, expires_on FROM training")
            .Select(r => new TrainingRecord(r.Badge, r.Topic, TimeText.DateFromDb(r.Completed), TimeText.DateFromDb(r.Expires)));

        var openCalls = c.Query<(string Badge, long Id)>(
                "SELECT assigned_to, id FROM calls WHERE assigned_to IS NOT NULL AND status IN ('ASSIGNED','ACKNOWLEDGED','EN_ROUTE','ON_SCENE')")
            .GroupBy(r => r.Badge, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);

        // "Calls today" (ranking tie-break, §3): assignments since the district's local midnight.
        var zone = TimeZoneInfo.FindSystemTimeZoneById(district.TimeZoneId);
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var midnight = new DateTimeOffset(local.Date, zone.GetUtcOffset(local.Date));
        var today = c.Query<(string Badge, long N)>(
                "SELECT badge, count(*) FROM assignments WHERE assigned_at >= @from AND assigned_at <= @to GROUP BY badge",
                new { from = TimeText.ToDb(midnight), to = TimeText.ToDb(at) })
            .ToDictionary(r => r.Badge, r => (int)r.N, StringComparer.Ordinal);

        return new DistrictSnapshot(district, calendar, locations, agencies, types, Reads.Officers(db), training, openCalls, today);
    }

    public static IReadOnlyList<CallType> CallTypes(SafetyDb db) =>
        db.Connection.Query<(string Code, string Name, string Class, long Priority, long Basis, long Refused)>(
                "SELECT code, name, class, default_priority, basis_required, refused FROM call_types ORDER BY code")
            .Select(r => new CallType(r.Code, r.Name, Codes.ParseCallClass(r.Class), (int)r.Priority, r.Basis != 0, r.Refused != 0))
            .ToList();
}
