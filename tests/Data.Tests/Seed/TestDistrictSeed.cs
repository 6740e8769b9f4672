using System.Globalization;
using Dapper;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests.TestDistricts;

namespace SafetyConsole.Data.Tests.Seed;

/// <summary>
/// THE test district (<see cref="TestDistrictBuilder"/>: America/Los_Angeles, school year 2026-08-31 to 2027-06-16, lead
/// 30 min, tail 60 min, its calendar, TPD, the sheriff PCSO and DIST) with this seed's own schools and officers, loaded
/// into a test database by `district import` itself (reusable by the worker's tests):
/// two zones (feeder patterns) AHS (Tacoma PD) and BHS (the sheriff), three schools each; officers:
/// <list type="bullet">
/// <item>SRO-A (TPD, posted at AHS), SSO-B (PCSO, zone BHS), SLO-D (district, DISTRICT) — LIAISON;</item>
/// <item>CSO-AHS, CSO-AMS, CSO-BHS (posted at those schools), CSS-A (zone AHS), CSS-D (DISTRICT) — CAMPUS;</item>
/// <item>SGT-1 (AVAILABLE) and SGT-2 (OFF_DUTY) — supervisors.</item>
/// </list>
/// Everyone but SGT-2 starts AVAILABLE; nobody has lapsed training. <see cref="SchoolDay"/> is Monday 2026-11-23
/// (UTC−8): AHS's window is 07:00–15:30 local = 15:00Z–23:30Z; the middle and elementary schools' 07:30–16:00 local.
/// </summary>
public static class TestDistrictSeed
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(-8);

    /// <summary>When the seed imports the district: before any instant the tests use.</summary>
    public static readonly DateTimeOffset ImportedAt = new(2026, 8, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A school day (Monday 2026-11-23) at a local wall-clock time.</summary>
    public static DateTimeOffset SchoolDay(int hour, int minute = 0, int second = 0) => new(2026, 11, 23, hour, minute, second, Offset);

    private const string Police = TestDistrictBuilder.Police;
    private const string Sheriff = TestDistrictBuilder.Sheriff;

    private static readonly Location[] Schools =
    [
        new("AHS", "Alder High School", "high", "AHS", Police, 47.2500, -122.4500, "1 Alder Way", new(7, 30), new(14, 30), ""),
        new("AMS", "Alder Middle School", "middle", "AHS", Police, 47.2600, -122.4600, "2 Alder Way", new(8, 0), new(15, 0), ""),
        new("AES", "Alder Elementary", "elementary", "AHS", Police, 47.2400, -122.4400, "3 Alder Way", new(8, 0), new(15, 0), ""),
        new("BHS", "Birch High School", "high", "BHS", Sheriff, 47.1500, -122.3000, "1 Birch Rd", new(7, 30), new(14, 30), ""),
        new("BMS", "Birch Middle School", "middle", "BHS", Sheriff, 47.1600, -122.3100, "2 Birch Rd", new(8, 0), new(15, 0), ""),
        new("BES", "Birch Elementary", "elementary", "BHS", Sheriff, 47.1400, -122.2900, "3 Birch Rd", new(8, 0), new(15, 0), ""),
    ];

    /// <summary>Location → (zone, police agency of jurisdiction, bell start, bell end), the facts an oracle needs.</summary>
    public static readonly IReadOnlyDictionary<string, (string Zone, string Agency, TimeOnly BellStart, TimeOnly BellEnd)> Locations =
        Schools.ToDictionary(l => l.Code, l => (l.Zone, l.Agency, l.BellStart, l.BellEnd), StringComparer.Ordinal);

    /// <summary>The seed as a builder, for a test that needs one more officer or a changed fact before importing.</summary>
    public static TestDistrictBuilder Builder() => TestDistrictBuilder.Create()
        .WithLocations(Schools)
        .Officer(new("SRO-A", "Sam Reyes", Role.SRO, Police, "AHS", OfficerStatus.Available))
        .Officer(new("SSO-B", "Sade Okafor", Role.SSO, Sheriff, "BHS", OfficerStatus.Available))
        .Officer(new("SLO-D", "Lee Dunn", Role.SLO, TestDistrictBuilder.DistrictSafety, Codes.DistrictPost, OfficerStatus.Available))
        .Officer(new("CSO-AHS", "Ana Ortiz", Role.CSO, TestDistrictBuilder.DistrictSafety, "AHS", OfficerStatus.Available))
        .Officer(new("CSO-AMS", "Ben Moss", Role.CSO, TestDistrictBuilder.DistrictSafety, "AMS", OfficerStatus.Available))
        .Officer(new("CSO-BHS", "Cy Hart", Role.CSO, TestDistrictBuilder.DistrictSafety, "BHS", OfficerStatus.Available))
        .Officer(new("CSS-A", "Dee Park", Role.CSS, TestDistrictBuilder.DistrictSafety, "AHS", OfficerStatus.Available))
        .Officer(new("CSS-D", "Eli Ward", Role.CSS, TestDistrictBuilder.DistrictSafety, Codes.DistrictPost, OfficerStatus.Available))
        .Officer(new("SGT-1", "Fay Stone", Role.SGT, TestDistrictBuilder.DistrictSafety, Codes.DistrictPost, OfficerStatus.Available))
        .Officer(new("SGT-2", "Gus Lane", Role.SGT, TestDistrictBuilder.DistrictSafety, Codes.DistrictPost, OfficerStatus.OffDuty));

    /// <summary>Imports the seed into <paramref name="db"/> (opened as <see cref="TestDb.Account"/>) with `district import`.</summary>
    public static void Seed(SafetyDb db) => Builder().Import(db, ImportedAt);

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
