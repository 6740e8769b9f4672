using System.Text.Json;
using Dapper;
using System.Data.Common;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Districts;

/// <summary>
/// Writes a parsed district in ONE transaction (DESIGN §2): every row is upserted by its key (agencies and
/// locations by code, officers by badge, training by badge, topic and completion date, calendar days by date,
/// the district as its single row). A row equal to the stored one is not touched, so re-importing the same
/// folder changes nothing. Nothing is deleted. An officer's status in the file is its INITIAL status: set when
/// the officer is inserted, never overwritten, since live status belongs to dispatch. One event,
/// <c>district.imported</c>, records who imported what and the counts (R10).
/// </summary>
public static partial class DistrictWriter
{
    public const string EventKind = "district.imported";

    public static ImportResult Write(SafetyDb db, DistrictData data, string source, string actor, DateTimeOffset at) => db.Write(tx =>
    {
        var c = tx.Connection!;
        var now = TimeText.ToDb(at);

        // The policy numbers of district.csv (issue 13): each change is its own policy.set event, as with `policy set`.
        // R1 lead and tail first, while the stored row still has the old values (a first import has none to change).
        var why = $"{DistrictFiles.District} imported from {source}";
        var policyChanges = DistrictReads.District(c, tx) is null ? 0
            : new[] { (Key: PolicyKeys.LeadMinutes, Value: data.District.LeadMinutes), (Key: PolicyKeys.TailMinutes, Value: data.District.TailMinutes) }
                .Count(p => PolicyStore.SetInTx(tx, p.Key, p.Value, actor, at, why).Changed);
        policyChanges += data.Policy.Count(p => PolicyStore.SetInTx(tx, p.Key, p.Value, actor, at, why).Changed);

        // Parents before children (foreign keys are on): agencies, locations, officers, training.
        var district = Upsert(DistrictFiles.District, [data.District],
            DistrictReads.District(c, tx) is { } d ? [d] : [], _ => 1, (a, b) => a == b,
            x => c.Execute("""
                INSERT INTO district(id, name, time_zone, school_year_start, school_year_end, lead_minutes, tail_minutes, complaint_response_days, panic_alarm_class)
                VALUES (1, @Name, @TimeZoneId, @Start, @End, @LeadMinutes, @TailMinutes, @ComplaintResponseDays, @PanicAlarmClass)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, time_zone = excluded.time_zone,
                  school_year_start = excluded.school_year_start, school_year_end = excluded.school_year_end,
                  lead_minutes = excluded.lead_minutes, tail_minutes = excluded.tail_minutes,
                  complaint_response_days = excluded.complaint_response_days, panic_alarm_class = excluded.panic_alarm_class
                """, new { x.Name, x.TimeZoneId, Start = TimeText.ToDb(x.SchoolYearStart), End = TimeText.ToDb(x.SchoolYearEnd), x.LeadMinutes, x.TailMinutes, x.ComplaintResponseDays, PanicAlarmClass = x.PanicAlarmClass.Text() }, tx));

        if (policyChanges > 0 && district.Unchanged == 1) district = district with { Updated = 1, Unchanged = 0 };

        var calendar = Upsert(DistrictFiles.Calendar, data.Calendar, DistrictReads.Calendar(c, tx), x => x.Date, (a, b) => a == b,
            x => c.Execute("""
                INSERT INTO calendar_days(date, kind, end_time, note) VALUES (@Date, @Kind, @EndTime, @Note)
                ON CONFLICT(date) DO UPDATE SET kind = excluded.kind, end_time = excluded.end_time, note = excluded.note
                """, new { Date = TimeText.ToDb(x.Date), Kind = x.Kind.Text(), EndTime = x.EndTime is { } e ? TimeText.ToDb(e) : null, x.Note }, tx));

        var agencies = Upsert(DistrictFiles.Agencies, data.Agencies, DistrictReads.Agencies(c, tx), x => x.Code, (a, b) => a == b,
            x => c.Execute("""
                INSERT INTO agencies(code, name, kind, agreement_review_due) VALUES (@Code, @Name, @Kind, @Due)
                ON CONFLICT(code) DO UPDATE SET name = excluded.name, kind = excluded.kind, agreement_review_due = excluded.agreement_review_due
                """, new { x.Code, x.Name, Kind = x.Kind.Text(), Due = x.AgreementReviewDue is { } due ? TimeText.ToDb(due) : null }, tx));

        var locations = Upsert(DistrictFiles.Locations, data.Locations, DistrictReads.Locations(c, tx), x => x.Code, (a, b) => a == b,
            x => c.Execute("""
                INSERT INTO locations(code, name, kind, zone, agency, lat, lon, address, bell_start, bell_end, notes)
                VALUES (@Code, @Name, @Kind, @Zone, @Agency, @Lat, @Lon, @Address, @BellStart, @BellEnd, @Notes)
                ON CONFLICT(code) DO UPDATE SET name = excluded.name, kind = excluded.kind, zone = excluded.zone,
                  agency = excluded.agency, lat = excluded.lat, lon = excluded.lon, address = excluded.address,
                  bell_start = excluded.bell_start, bell_end = excluded.bell_end, notes = excluded.notes
                """, new
            {
                x.Code, x.Name, x.Kind, x.Zone, x.Agency, x.Lat, x.Lon, x.Address,
                BellStart = TimeText.ToDb(x.BellStart), BellEnd = TimeText.ToDb(x.BellEnd), x.Notes,
            }, tx));

        // The status column is only in the INSERT: a re-import never resets an officer's live status.
        var officers = Upsert(DistrictFiles.Officers, data.Officers, DistrictReads.OfficerFacts(c, tx), x => x.Badge, SameOfficerFacts,
            x => c.Execute("""
                INSERT INTO officers(badge, name, role, agency, post, status, status_since) VALUES (@Badge, @Name, @Role, @Agency, @Post, @Status, @At)
                ON CONFLICT(badge) DO UPDATE SET name = excluded.name, role = excluded.role, agency = excluded.agency, post = excluded.post
                """, new { x.Badge, x.Name, Role = x.Role.Text(), x.Agency, x.Post, Status = x.Status.Text(), At = now }, tx));

        var training = Upsert(DistrictFiles.Training, data.Training, DistrictReads.Training(c, tx), x => (x.Badge, x.Topic, x.CompletedOn), (a, b) => a == b,
            x => c.Execute("""
                INSERT INTO training(badge, topic, completed_on, expires_on, hours) VALUES (@Badge, @Topic, @CompletedOn, @ExpiresOn, @Hours)
                ON CONFLICT(badge, topic, completed_on) DO UPDATE SET expires_on = excluded.expires_on, hours = excluded.hours
                """, new { x.Badge, x.Topic, CompletedOn = TimeText.ToDb(x.CompletedOn), ExpiresOn = TimeText.ToDb(x.ExpiresOn), x.Hours }, tx));

        var records = WriteAccountability(c, tx, data.Records ?? AccountabilityData.None);
        List<FileCounts> aliases = data.Aliases is { } a ? [WriteAliases(c, tx, a)] : [];
        var result = new ImportResult(source, data.District, [district, calendar, agencies, locations, officers, training, .. records, .. aliases]);
        StateChanges.AppendEvent(tx, new EventRow(at, actor, EventKind,
            Reason: $"district data for {data.District.Name} imported from {source}",
            Detail: JsonSerializer.Serialize(result.Files.ToDictionary(f => f.File, f => new { inserted = f.Inserted, updated = f.Updated, unchanged = f.Unchanged }))));
        return result;
    });

    private static bool SameOfficerFacts(Officer a, Officer b) =>
        a.Badge == b.Badge && a.Name == b.Name && a.Role == b.Role && a.Agency == b.Agency && a.Post == b.Post;

    /// <summary>Inserts new rows, rewrites changed ones, leaves equal ones alone, and counts each.</summary>
    private static FileCounts Upsert<T, TKey>(string file, IEnumerable<T> rows, IEnumerable<T> stored, Func<T, TKey> key,
        Func<T, T, bool> same, Action<T> write) where TKey : notnull
    {
        var before = stored.ToDictionary(key);
        int inserted = 0, updated = 0, unchanged = 0;
        foreach (var row in rows)
        {
            if (!before.TryGetValue(key(row), out var old)) inserted++;
            else if (same(old, row)) { unchanged++; continue; }
            else updated++;
            write(row);
        }
        return new FileCounts(file, inserted, updated, unchanged);
    }
}
