using Dapper;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Board;

/// <summary>An APCO disposition code (table `dispositions`).</summary>
public sealed record Disposition(string Code, string Name);

/// <summary>A call received today that had a first-response deadline (R5), and when it was first assigned.</summary>
public readonly record struct DeadlineFact(DateTimeOffset Deadline, DateTimeOffset? FirstAssignedAt);

/// <summary>
/// One immutable snapshot of everything the board shows, loaded off the UI loop whenever the store changes
/// (PRAGMA data_version). The operator's role is part of it, so a promotion or demotion (R10) shows within a second.
/// </summary>
public sealed record BoardData
{
    public string DistrictName { get; init; } = "";
    public TimeZoneInfo Zone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>The district's facts for the school calendar (R1, R4); null before a district is imported.</summary>
    public DistrictSnapshot? District { get; init; }

    /// <summary>Open calls (DESIGN §2: NEW … ON_SCENE, ESCALATED), in id order.</summary>
    public IReadOnlyList<Call> Calls { get; init; } = [];
    public IReadOnlyList<Officer> Officers { get; init; } = [];
    public IReadOnlyDictionary<string, Location> Locations { get; init; } = new Dictionary<string, Location>();
    public IReadOnlyList<CallType> CallTypes { get; init; } = [];
    public IReadOnlyList<Disposition> Dispositions { get; init; } = [];

    /// <summary>Calls received today (district date) that had a deadline: R5 met or missed.</summary>
    public IReadOnlyList<DeadlineFact> DeadlinesToday { get; init; } = [];

    public OperatorRole Role { get; init; } = OperatorRole.Viewer;

    public static BoardData Empty { get; } = new();

    private Dictionary<string, long>? _openCallByBadge;

    /// <summary>Badge → the open call the officer is on.</summary>
    public IReadOnlyDictionary<string, long> OpenCallByBadge => _openCallByBadge ??= Calls
        .Where(c => c.AssignedTo is not null && c.Status is CallStatus.Assigned or CallStatus.Acknowledged or CallStatus.EnRoute or CallStatus.OnScene)
        .GroupBy(c => c.AssignedTo!, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);

    public string LocationName(string code) => Locations.TryGetValue(code, out var l) ? l.Name : code;
}

/// <summary>Reads a <see cref="BoardData"/> from the store (on the watcher's own connection, never the UI loop).</summary>
public static class BoardDataLoader
{
    private sealed record DistrictRow(string Name, string TimeZone, string SchoolYearStart, string SchoolYearEnd, long LeadMinutes, long TailMinutes);

    private sealed record LocationRow(string Code, string Name, string Kind, string Zone, string Agency, double Lat, double Lon,
        string Address, string BellStart, string BellEnd, string Notes);

    public static BoardData Load(SafetyDb db, string account, DateTimeOffset now)
    {
        var conn = db.Connection;
        var zone = db.DistrictZone();
        var districtRow = conn.QuerySingleOrDefault<DistrictRow>(
            "SELECT name AS Name, time_zone AS TimeZone, school_year_start AS SchoolYearStart, school_year_end AS SchoolYearEnd, lead_minutes AS LeadMinutes, tail_minutes AS TailMinutes FROM district WHERE id = 1");
        var locations = conn.Query<LocationRow>(
                "SELECT code AS Code, name AS Name, kind AS Kind, zone AS Zone, agency AS Agency, lat AS Lat, lon AS Lon, address AS Address, bell_start AS BellStart, bell_end AS BellEnd, notes AS Notes FROM locations")
            .Select(l => new Location(l.Code, l.Name, l.Kind, l.Zone, l.Agency, l.Lat, l.Lon, l.Address,
                TimeText.TimeFromDb(l.BellStart), TimeText.TimeFromDb(l.BellEnd), l.Notes))
            .ToDictionary(l => l.Code, StringComparer.Ordinal);
        var callTypes = conn.Query<(string Code, string Name, string Class, long DefaultPriority, long BasisRequired, long Refused)>(
                "SELECT code, name, class, default_priority, basis_required, refused FROM call_types ORDER BY code")
            .Select(t => new CallType(t.Code, t.Name, Codes.ParseCallClass(t.Class), (int)t.DefaultPriority, t.BasisRequired != 0, t.Refused != 0))
            .ToList();

        DistrictSnapshot? snapshot = null;
        if (districtRow is not null)
        {
            var district = new District(districtRow.Name, districtRow.TimeZone, TimeText.DateFromDb(districtRow.SchoolYearStart),
                TimeText.DateFromDb(districtRow.SchoolYearEnd), (int)districtRow.LeadMinutes, (int)districtRow.TailMinutes);
            var calendar = conn.Query<(string Date, string Kind, string? EndTime, string Note)>("SELECT date, kind, end_time, note FROM calendar_days")
                .Select(d => new CalendarDay(TimeText.DateFromDb(d.Date), Codes.ParseCalendarKind(d.Kind),
                    d.EndTime is null ? null : TimeText.TimeFromDb(d.EndTime), d.Note));
            try
            {
                snapshot = new DistrictSnapshot(district, calendar, locations.Values, [], callTypes, []);
            }
            catch (ArgumentException)
            {
                snapshot = null; // an unknown zone: the header says "no calendar" rather than the board failing
            }
        }

        // R5 figures for today: the district's day, from its local midnight.
        var localNow = TimeZoneInfo.ConvertTime(now, zone);
        var midnight = new DateTimeOffset(localNow.Date, zone.GetUtcOffset(localNow.Date));
        var deadlines = conn.Query<(string Deadline, string? First)>("""
                SELECT c.deadline, (SELECT min(a.assigned_at) FROM assignments a WHERE a.call_id = c.id)
                FROM calls c WHERE c.received_at >= @since AND c.deadline IS NOT NULL
                """, new { since = TimeText.ToDb(midnight) })
            .Select(r => new DeadlineFact(TimeText.FromDb(r.Deadline), TimeText.FromDbOrNull(r.First)))
            .ToList();

        return new BoardData
        {
            DistrictName = districtRow?.Name ?? "",
            Zone = zone,
            District = snapshot,
            Calls = Reads.Calls(db, openOnly: true),
            Officers = Reads.Officers(db),
            Locations = locations,
            CallTypes = callTypes.Where(t => !t.Refused).ToList(),
            Dispositions = conn.Query<(string Code, string Name)>("SELECT code, name FROM dispositions ORDER BY code")
                .Select(d => new Disposition(d.Code, d.Name)).ToList(),
            DeadlinesToday = deadlines,
            Role = Operators.RoleOf(db, account),
        };
    }
}
