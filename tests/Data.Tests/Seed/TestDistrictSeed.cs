using System.Globalization;
using Dapper;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Seed;

/// <summary>
/// A small district written straight into a test database with SQL (reusable by the worker's tests):
/// America/Los_Angeles, school year 2026-09-02 to 2027-06-18 (lead 30 min, tail 60 min), Thanksgiving holidays;
/// two zones (feeder patterns) AHS (Tacoma PD) and BHS (Pierce County Sheriff), three schools each; officers:
/// <list type="bullet">
/// <item>SRO-A (TPD, posted at AHS), SSO-B (PCS, zone BHS), SLO-D (district, DISTRICT) — LIAISON;</item>
/// <item>CSO-AHS, CSO-AMS, CSO-BHS (posted at those schools), CSS-A (zone AHS), CSS-D (DISTRICT) — CAMPUS;</item>
/// <item>SGT-1 (AVAILABLE) and SGT-2 (OFF_DUTY) — supervisors.</item>
/// </list>
/// Everyone but SGT-2 starts AVAILABLE; nobody has lapsed training. <see cref="SchoolDay"/> is Monday 2026-11-23
/// (UTC−8): AHS's window is 07:00–15:30 local = 15:00Z–23:30Z; the middle and elementary schools' 07:30–16:00 local.
/// </summary>
public static class TestDistrictSeed
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(-8);

    /// <summary>A school day (Monday 2026-11-23) at a local wall-clock time.</summary>
    public static DateTimeOffset SchoolDay(int hour, int minute = 0, int second = 0) => new(2026, 11, 23, hour, minute, second, Offset);

    /// <summary>Location → (zone, police agency of jurisdiction, bell start, bell end), the facts an oracle needs.</summary>
    public static readonly IReadOnlyDictionary<string, (string Zone, string Agency, TimeOnly BellStart, TimeOnly BellEnd)> Locations =
        new Dictionary<string, (string, string, TimeOnly, TimeOnly)>(StringComparer.Ordinal)
        {
            ["AHS"] = ("AHS", "TPD", new(7, 30), new(14, 30)),
            ["AMS"] = ("AHS", "TPD", new(8, 0), new(15, 0)),
            ["AES"] = ("AHS", "TPD", new(8, 0), new(15, 0)),
            ["BHS"] = ("BHS", "PCS", new(7, 30), new(14, 30)),
            ["BMS"] = ("BHS", "PCS", new(8, 0), new(15, 0)),
            ["BES"] = ("BHS", "PCS", new(8, 0), new(15, 0)),
        };

    public static void Seed(SafetyDb db)
    {
        db.Connection.Execute("""
            INSERT INTO district(id, name, time_zone, school_year_start, school_year_end, lead_minutes, tail_minutes)
              VALUES (1, 'Test District', 'America/Los_Angeles', '2026-09-02', '2027-06-18', 30, 60);
            INSERT INTO calendar_days(date, kind, end_time, note) VALUES
              ('2026-11-25', 'early_release', '12:00', 'Thanksgiving eve'),
              ('2026-11-26', 'holiday', NULL, 'Thanksgiving Day'),
              ('2026-11-27', 'holiday', NULL, 'Native American Heritage Day');
            INSERT INTO agencies(code, name, kind, agreement_review_due) VALUES
              ('DIST', 'Test District Safety', 'district', NULL),
              ('TPD', 'Tacoma Police', 'police', '2027-08-31'),
              ('PCS', 'Pierce County Sheriff', 'police', '2027-08-31');
            INSERT INTO locations(code, name, kind, zone, agency, lat, lon, address, bell_start, bell_end, notes) VALUES
              ('AHS', 'Alder High School', 'high', 'AHS', 'TPD', 47.2500, -122.4500, '1 Alder Way', '07:30', '14:30', ''),
              ('AMS', 'Alder Middle School', 'middle', 'AHS', 'TPD', 47.2600, -122.4600, '2 Alder Way', '08:00', '15:00', ''),
              ('AES', 'Alder Elementary', 'elementary', 'AHS', 'TPD', 47.2400, -122.4400, '3 Alder Way', '08:00', '15:00', ''),
              ('BHS', 'Birch High School', 'high', 'BHS', 'PCS', 47.1500, -122.3000, '1 Birch Rd', '07:30', '14:30', ''),
              ('BMS', 'Birch Middle School', 'middle', 'BHS', 'PCS', 47.1600, -122.3100, '2 Birch Rd', '08:00', '15:00', ''),
              ('BES', 'Birch Elementary', 'elementary', 'BHS', 'PCS', 47.1400, -122.2900, '3 Birch Rd', '08:00', '15:00', '');
            INSERT INTO officers(badge, name, role, agency, post, status) VALUES
              ('SRO-A', 'Sam Reyes', 'SRO', 'TPD', 'AHS', 'AVAILABLE'),
              ('SSO-B', 'Sade Okafor', 'SSO', 'PCS', 'BHS', 'AVAILABLE'),
              ('SLO-D', 'Lee Dunn', 'SLO', 'DIST', 'DISTRICT', 'AVAILABLE'),
              ('CSO-AHS', 'Ana Ortiz', 'CSO', 'DIST', 'AHS', 'AVAILABLE'),
              ('CSO-AMS', 'Ben Moss', 'CSO', 'DIST', 'AMS', 'AVAILABLE'),
              ('CSO-BHS', 'Cy Hart', 'CSO', 'DIST', 'BHS', 'AVAILABLE'),
              ('CSS-A', 'Dee Park', 'CSS', 'DIST', 'AHS', 'AVAILABLE'),
              ('CSS-D', 'Eli Ward', 'CSS', 'DIST', 'DISTRICT', 'AVAILABLE'),
              ('SGT-1', 'Fay Stone', 'SGT', 'DIST', 'DISTRICT', 'AVAILABLE'),
              ('SGT-2', 'Gus Lane', 'SGT', 'DIST', 'DISTRICT', 'OFF_DUTY');
            """);
    }

    /// <summary>Inserts a NEW call as a feed would and returns its id.</summary>
    public static long AddCall(SafetyDb db, string externalId, DateTimeOffset receivedAt, string location, string type,
        int? priority = null, string? basis = null, string source = "test", string description = "")
    {
        var p = priority ?? db.Connection.ExecuteScalar<int>("SELECT default_priority FROM call_types WHERE code = @type", new { type });
        var at = TimeText.ToDb(receivedAt);
        return db.Connection.ExecuteScalar<long>("""
            INSERT INTO calls(source, external_id, received_at, location, type, priority, description, basis, status, created_at, updated_at)
            VALUES (@source, @externalId, @at, @location, @type, @p, @description, @basis, 'NEW', @at, @at)
            RETURNING id
            """, new { source, externalId, at, location, type, p, description, basis });
    }

    /// <summary>Sets officers' statuses directly (test set-up, not an action).</summary>
    public static void SetStatus(SafetyDb db, OfficerStatus status, params string[] badges)
    {
        foreach (var badge in badges)
            db.Connection.Execute("UPDATE officers SET status = @s WHERE badge = @badge", new { s = status.Text(), badge });
    }

    /// <summary>Number of events of a kind for a call (optionally by one actor).</summary>
    public static long Events(SafetyDb db, long callId, string kind, string? actor = null) =>
        db.Connection.ExecuteScalar<long>(
            "SELECT count(*) FROM events WHERE call_id = @callId AND kind = @kind AND (@actor IS NULL OR actor = @actor)",
            new { callId, kind, actor });

    public static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
