using Dapper;
using System.Data.Common;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Districts;

/// <summary>
/// The district's facts (DESIGN §2) as domain records, for building a policy snapshot: the district row, its
/// calendar, agencies, locations, call types and training records. Officers and calls come from
/// <see cref="Reads"/>. Each list is in key order.
/// </summary>
public static class DistrictReads
{
    /// <summary>The district, or null before one has been imported.</summary>
    public static District? District(SafetyDb db) => District(db.Connection, null);

    public static IReadOnlyList<CalendarDay> Calendar(SafetyDb db) => Calendar(db.Connection, null);

    public static IReadOnlyList<Agency> Agencies(SafetyDb db) => Agencies(db.Connection, null);

    public static IReadOnlyList<Location> Locations(SafetyDb db) => Locations(db.Connection, null);

    public static IReadOnlyList<CallType> CallTypes(SafetyDb db) => CallTypes(db.Connection, null);

    public static IReadOnlyList<TrainingRecord> Training(SafetyDb db) => Training(db.Connection, null);

    // District, Calendar and Locations are read by every process start (`status` too): plain reads (SqlRead), not Dapper.

    internal static District? District(DbConnection c, DbTransaction? tx) =>
        SqlRead.Rows(c, "SELECT name, time_zone, school_year_start, school_year_end, lead_minutes, tail_minutes, complaint_response_days, panic_alarm_class FROM district WHERE id = 1",
                r => new District(r.GetString(0), r.GetString(1), TimeText.DateFromDb(r.GetString(2)), TimeText.DateFromDb(r.GetString(3)),
                    r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), Codes.ParseCallClass(r.GetString(7))), tx)
            .FirstOrDefault();

    internal static IReadOnlyList<CalendarDay> Calendar(DbConnection c, DbTransaction? tx) =>
        SqlRead.Rows(c, "SELECT date, kind, end_time, note FROM calendar_days ORDER BY date",
            r => new CalendarDay(TimeText.DateFromDb(r.GetString(0)), Codes.ParseCalendarKind(r.GetString(1)),
                r.NullableText(2) is { } end ? TimeText.TimeFromDb(end) : null, r.GetString(3)), tx);

    internal static IReadOnlyList<Agency> Agencies(DbConnection c, DbTransaction? tx) =>
        c.Query<(string Code, string Name, string Kind, string? Due)>(
                "SELECT code, name, kind, agreement_review_due FROM agencies ORDER BY code", transaction: tx)
            .Select(r => new Agency(r.Code, r.Name, Codes.ParseAgencyKind(r.Kind), r.Due is null ? null : TimeText.DateFromDb(r.Due)))
            .ToList();

    internal static IReadOnlyList<Location> Locations(DbConnection c, DbTransaction? tx) =>
        SqlRead.Rows(c, "SELECT code, name, kind, zone, agency, lat, lon, address, bell_start, bell_end, notes FROM locations ORDER BY code",
            r => new Location(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetDouble(5), r.GetDouble(6),
                r.GetString(7), TimeText.TimeFromDb(r.GetString(8)), TimeText.TimeFromDb(r.GetString(9)), r.GetString(10)), tx);

    /// <summary>The call types, the panic alarm's class being the district's choice (issue 15; LIAISON before a district is imported).</summary>
    internal static IReadOnlyList<CallType> CallTypes(DbConnection c, DbTransaction? tx) =>
        Policy.CallCodes.WithDistrictClasses(
            c.Query<(string Code, string Name, string Class, long Priority, long BasisRequired, long Refused, long Duty)>(
                    "SELECT code, name, class, default_priority, basis_required, refused, duty FROM call_types ORDER BY code", transaction: tx)
                .Select(r => new CallType(r.Code, r.Name, Codes.ParseCallClass(r.Class), (int)r.Priority, r.BasisRequired != 0, r.Refused != 0, r.Duty != 0))
                .ToList(),
            District(c, tx)?.PanicAlarmClass ?? CallClass.Liaison);

    internal static IReadOnlyList<TrainingRecord> Training(DbConnection c, DbTransaction? tx) =>
        c.Query<(string Badge, string Topic, string CompletedOn, string ExpiresOn, double Hours)>(
                "SELECT badge, topic, completed_on, expires_on, hours FROM training ORDER BY badge, topic, completed_on", transaction: tx)
            .Select(r => new TrainingRecord(r.Badge, r.Topic, TimeText.DateFromDb(r.CompletedOn), TimeText.DateFromDb(r.ExpiresOn), r.Hours))
            .ToList();

    /// <summary>The officers' district facts (no live state), for the writer's comparison inside its transaction.</summary>
    internal static IReadOnlyList<Officer> OfficerFacts(DbConnection c, DbTransaction? tx) =>
        c.Query<(string Badge, string Name, string Role, string Agency, string Post, string Status)>(
                "SELECT badge, name, role, agency, post, status FROM officers ORDER BY badge", transaction: tx)
            .Select(r => new Officer(r.Badge, r.Name, Codes.ParseRole(r.Role), r.Agency, r.Post, Codes.ParseOfficerStatus(r.Status)))
            .ToList();
}
