using System.Globalization;
using Dapper;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests.TestDistricts;

namespace SafetyConsole.Data.Tests.Reports;

/// <summary>
/// A small hand-made history in a <see cref="TestDb"/>: THE test district (<see cref="TestDistrictBuilder"/>, loaded by
/// `district import`) with BHS under the sheriff (PCSO) and a few officers, then calls, assignments and events written with SQL. Every call's description, trace and every event's reason carry
/// <see cref="Marker"/> so tests can prove no free text reaches a report (R9).
/// </summary>
public sealed class ReportHistory : IDisposable
{
    public const string Marker = "SECRET-DESC-MARKER";
    public const string EventMarker = "SECRET-EVENT-MARKER";

    private readonly Dictionary<long, DateTimeOffset> _received = [];
    private long _nextExternal;

    /// <param name="vary">Changes a fact of the district before it is imported (an agreement date, a lapsed training).</param>
    /// <param name="backend">Where the store is (issue 17): the report's sums, averages, percentiles and orders must not depend on it.</param>
    public ReportHistory(Action<TestDistrictBuilder>? vary = null, StoreBackend backend = StoreBackend.Sqlite)
    {
        T = new TestDb(backend);
        var district = TestDistrictBuilder.Create()
            .Jurisdiction("BHS", TestDistrictBuilder.Sheriff) // the history's referrals and by-agency counts put BHS under the sheriff
            .Officer(new("SRO-1", "Officer One", Role.SRO, TestDistrictBuilder.Police, "NHS", OfficerStatus.Available))
            .Officer(new("CSO-1", "Officer Two", Role.CSO, TestDistrictBuilder.DistrictSafety, "NHS", OfficerStatus.Available))
            .Officer(new("CSO-2", "Officer Three", Role.CSO, TestDistrictBuilder.DistrictSafety, "BHS", OfficerStatus.Available));
        vary?.Invoke(district);
        district.Import(Db, ImportedAt);
    }

    /// <summary>When the district was imported: before every call of the history.</summary>
    public static readonly DateTimeOffset ImportedAt = new(2026, 8, 1, 0, 0, 0, TimeSpan.Zero);

    public TestDb T { get; }

    public SafetyDb Db => T.Db;

    /// <summary>"2026-10-05T10:00:00-07:00".</summary>
    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None);

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A call received at <paramref name="received"/>; <paramref name="deadlineSeconds"/> after receipt when given.</summary>
    public long Call(string type, string location, string received, int priority, string status, string? disposition = null,
        int? deadlineSeconds = null, string? agency = null, string? basis = null, string cls = "NONE")
    {
        var at = At(received);
        var id = Db.Connection.ExecuteScalar<long>("""
            INSERT INTO calls(source, external_id, received_at, location, type, priority, description, reporter_role, basis, status,
                              class, deadline, agency, disposition, trace, created_at, updated_at)
            VALUES ('test', @ext, @at, @location, @type, @priority, @description, 'teacher', @basis, @status,
                    @cls, @deadline, @agency, @disposition, @trace, @at, @at)
            RETURNING id;
            """, new
        {
            ext = $"T-{++_nextExternal}", at = TimeText.ToDb(at), location, type, priority,
            description = $"{Marker}-{_nextExternal} student name <b>[red]bold[/] & \"quoted\"", basis, status, cls,
            deadline = deadlineSeconds is { } s ? TimeText.ToDb(at.AddSeconds(s)) : null, agency, disposition,
            trace = $"{Marker} trace line",
        });
        _received[id] = at;
        return id;
    }

    /// <summary>An assignment <paramref name="afterSeconds"/> after the call was received (with its call.assigned event).</summary>
    public ReportHistory Assign(long call, string badge, int afterSeconds, string by = "alice", string? overrideReason = null)
    {
        var at = TimeText.ToDb(_received[call].AddSeconds(afterSeconds));
        Db.Connection.Execute("""
            INSERT INTO assignments(call_id, badge, assigned_at, assigned_by, override_reason) VALUES (@call, @badge, @at, @by, @overrideReason)
            """, new { call, badge, at, by, overrideReason });
        Event(call, "ASSIGNED", afterSeconds, by, badge, "call.assigned");
        if (overrideReason is not null) Event(call, null, afterSeconds, by, badge, "override");
        return this;
    }

    /// <summary>A status-change event <paramref name="afterSeconds"/> after receipt; its reason and detail carry the marker.</summary>
    public ReportHistory Event(long call, string? toStatus, int afterSeconds, string actor = "alice", string? badge = null, string? kind = null)
    {
        Db.Connection.Execute("""
            INSERT INTO events(at, actor, kind, call_id, badge, from_status, to_status, reason, detail)
            VALUES (@at, @actor, @kind, @call, @badge, NULL, @toStatus, @reason, @reason)
            """, new
        {
            at = TimeText.ToDb(_received[call].AddSeconds(afterSeconds)), actor, kind = kind ?? $"call.{toStatus?.ToLowerInvariant()}",
            call, badge, toStatus, reason = $"{EventMarker} {Marker}",
        });
        return this;
    }

    /// <summary>
    /// The history the report tests work by hand (October 2026, Los Angeles, PDT = UTC−7):
    /// 1 FIGHT P1 NHS Mon 10-05 10:00, assigned +30 s (met), on scene +300 s, 03 arrest;
    /// 2 WEAPON P1 NHS 10-06, assigned +90 s (missed), on scene +600 s, 04 citation;
    /// 3 THREATS P2 NMS 10-07, assigned +180 s = deadline (met), on scene +400 s, 01;
    /// 4 DISCIPLINE NMS 10-08 DIVERTED (R2); 5 INTERVENE NHS 10-09 without basis DIVERTED (R3);
    /// 6 TRESPASS P2 BHS Sat 10-10 20:00 REFERRED to PCSO (R4, weekend); 7 VANDAL P3 NHS Mon 10-12 19:00 REFERRED to TPD (R4, school day);
    /// 8 SUSP P2 BHS 10-13, never assigned, ESCALATED at +180 s (missed);
    /// 9 WELFARE P3 BHS 10-14, R7 override by sgt.kim at +100 s (met), on scene +500 s, 15;
    /// 10 FIGHT (was DISCIPLINE) NHS 10-15 diverted then reclassified, NEW;
    /// 12 ALRBA P3 NMS Sat 10-31 23:59 CANCELLED. Outside October: 11 FIGHT 09-30 23:59:59 and 13 FIGHT 11-01 00:00.
    /// </summary>
    public static ReportHistory October(StoreBackend backend = StoreBackend.Sqlite)
    {
        var h = new ReportHistory(backend: backend);
        var c1 = h.Call("FIGHT", "NHS", "2026-10-05T10:00:00-07:00", 1, "CLEARED", "03", 60, cls: "CAMPUS");
        h.Assign(c1, "CSO-1", 30).Event(c1, "ON_SCENE", 300).Event(c1, "CLEARED", 900);
        var c2 = h.Call("WEAPON", "NHS", "2026-10-06T11:00:00-07:00", 1, "CLEARED", "04", 60, cls: "LIAISON");
        h.Assign(c2, "SRO-1", 90).Event(c2, "EN_ROUTE", 120).Event(c2, "ON_SCENE", 600).Event(c2, "CLEARED", 1800);
        var c3 = h.Call("THREATS", "NMS", "2026-10-07T09:00:00-07:00", 2, "CLEARED", "01", 180, cls: "LIAISON");
        h.Assign(c3, "SRO-1", 180).Event(c3, "ON_SCENE", 400).Event(c3, "CLEARED", 1000);
        var c4 = h.Call("DISCIPLINE", "NMS", "2026-10-08T10:00:00-07:00", 4, "DIVERTED");
        h.Event(c4, "DIVERTED", 1, "worker");
        var c5 = h.Call("INTERVENE", "NHS", "2026-10-09T10:00:00-07:00", 2, "DIVERTED");
        h.Event(c5, "DIVERTED", 1, "worker");
        var c6 = h.Call("TRESPASS", "BHS", "2026-10-10T20:00:00-07:00", 2, "REFERRED", agency: "PCSO", cls: "LIAISON");
        h.Event(c6, "REFERRED", 1, "worker");
        var c7 = h.Call("VANDAL", "NHS", "2026-10-12T19:00:00-07:00", 3, "REFERRED", agency: "TPD", cls: "LIAISON");
        h.Event(c7, "REFERRED", 1, "worker");
        var c8 = h.Call("SUSP", "BHS", "2026-10-13T10:00:00-07:00", 2, "ESCALATED", deadlineSeconds: 180, cls: "LIAISON");
        h.Event(c8, "PENDING", 1, "worker").Event(c8, "ESCALATED", 180, "worker");
        var c9 = h.Call("WELFARE", "BHS", "2026-10-14T10:00:00-07:00", 3, "CLEARED", "15", 900, cls: "CAMPUS");
        h.Assign(c9, "CSO-2", 100, "sgt.kim", "Only officer nearby; renewal booked for 10-20").Event(c9, "ON_SCENE", 500).Event(c9, "CLEARED", 2000);
        var c10 = h.Call("FIGHT", "NHS", "2026-10-15T10:00:00-07:00", 1, "NEW");
        h.Event(c10, "DIVERTED", 1, "worker").Event(c10, "NEW", 600, "sgt.kim", kind: "call.reclassified");
        var c11 = h.Call("FIGHT", "NHS", "2026-09-30T23:59:59-07:00", 1, "CLEARED", "03", 60, cls: "CAMPUS");
        h.Assign(c11, "CSO-1", 10);
        var c12 = h.Call("ALRBA", "NMS", "2026-10-31T23:59:00-07:00", 3, "CANCELLED", cls: "CAMPUS");
        h.Event(c12, "CANCELLED", 60);
        var c13 = h.Call("FIGHT", "NHS", "2026-11-01T00:00:00-07:00", 1, "CLEARED", "03", 60, cls: "CAMPUS");
        h.Assign(c13, "CSO-1", 10);
        return h;
    }

    public void Dispose() => T.Dispose();
}
