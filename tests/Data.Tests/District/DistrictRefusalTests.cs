using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;
using F = SafetyConsole.Data.Districts.DistrictFiles;

namespace SafetyConsole.Data.Tests.Districts;

/// <summary>
/// DESIGN §2: a bad row stops the whole import with its file, line and reason (exit 2), and nothing changes.
/// Each case copies the demo folder, makes one harmless change (so a partial write would show), breaks one row,
/// and imports over a database that already holds the demo district.
/// </summary>
public class DistrictRefusalTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 17, 0, 0, TimeSpan.Zero);

    /// <summary>A way to break the demo folder: returns the line it broke (null for a file-level problem).</summary>
    private sealed record Breakage(string File, Func<DemoFolder, int?> Break, string Expected);

    private static readonly Dictionary<string, Breakage> Cases = new(StringComparer.Ordinal)
    {
        ["missing file"] = new(F.Training, f => { f.Delete(F.Training); return null; }, "has no training.csv"),
        ["missing column"] = new(F.Officers, f => { f.RemoveColumn(F.Officers, "post"); return 1; }, "the header has no 'post' column"),
        ["missing lat column"] = new(F.Locations, f => { f.RemoveColumn(F.Locations, "lat"); return 1; }, "no 'lat' column"),
        ["unknown IANA time zone"] = new(F.District, f => f.Set(F.District, "name", "Harbor Valley School District", "time_zone", "America/Harbor_Valley"), "time_zone 'America/Harbor_Valley' is not a known IANA time zone"),
        ["Windows time zone id"] = new(F.District, f => f.Set(F.District, "name", "Harbor Valley School District", "time_zone", "Pacific Standard Time"), "is not a known IANA time zone"),
        ["second district row"] = new(F.District, f => f.Duplicate(F.District, "name", "Harbor Valley School District"), "a second district row"),
        ["school year end before start"] = new(F.District, f => f.Set(F.District, "name", "Harbor Valley School District", "school_year_end", "2026-06-17"), "school_year_end 2026-06-17 is before school_year_start 2026-09-02"),
        ["school year start not a date"] = new(F.District, f => f.Set(F.District, "name", "Harbor Valley School District", "school_year_start", "9/2/2026"), "school_year_start '9/2/2026' is not a date; write it as yyyy-MM-dd"),
        ["negative lead"] = new(F.District, f => f.Set(F.District, "name", "Harbor Valley School District", "lead_minutes", "-5"), "lead_minutes -5 is out of range"),
        ["negative tail"] = new(F.District, f => f.Set(F.District, "name", "Harbor Valley School District", "tail_minutes", "-60"), "tail_minutes -60 is out of range"),
        ["lead not a number"] = new(F.District, f => f.Set(F.District, "name", "Harbor Valley School District", "lead_minutes", "half an hour"), "lead_minutes 'half an hour' is not a whole number"),
        ["calendar date does not parse"] = new(F.Calendar, f => f.Set(F.Calendar, "date", "2027-02-03", "date", "2027-02-30"), "date '2027-02-30' is not a date"),
        ["duplicate calendar date"] = new(F.Calendar, f => f.Set(F.Calendar, "date", "2026-11-27", "date", "2026-11-26"), "date 2026-11-26 is already on line"),
        ["unknown calendar kind"] = new(F.Calendar, f => f.Set(F.Calendar, "date", "2027-02-03", "kind", "vacation"), "kind 'vacation' is not a calendar kind"),
        ["early release without end time"] = new(F.Calendar, f => f.Set(F.Calendar, "date", "2026-11-25", "end_time", ""), "an early_release day has no end_time"),
        ["end time on a holiday"] = new(F.Calendar, f => f.Set(F.Calendar, "date", "2026-11-26", "end_time", "12:30"), "end_time is only for early_release days"),
        ["bad early release time"] = new(F.Calendar, f => f.Set(F.Calendar, "date", "2026-11-25", "end_time", "12.30"), "end_time '12.30' is not a time of day"),
        ["duplicate agency code"] = new(F.Agencies, f => f.Set(F.Agencies, "code", "NCSO", "code", "HVPD"), "code HVPD is already on line 2"),
        ["unknown agency kind"] = new(F.Agencies, f => f.Set(F.Agencies, "code", "NCSO", "kind", "sheriff"), "kind 'sheriff' is not an agency kind"),
        // Without an agreement in agreements.csv (issue 16: R7 takes the date from the latest adopted agreement when there is one).
        ["police agency without review date"] = new(F.Agencies, f => { f.Delete(F.Agreements); return f.Set(F.Agencies, "code", "NCSO", "agreement_review_due", ""); }, "police agency NCSO has no agreement_review_due"),
        ["review date does not parse"] = new(F.Agencies, f => f.Set(F.Agencies, "code", "NCSO", "agreement_review_due", "2026-12-32"), "agreement_review_due '2026-12-32' is not a date"),
        ["district agency with review date"] = new(F.Agencies, f => f.Set(F.Agencies, "code", "HVSD", "agreement_review_due", "2027-01-01"), "the district agency HVSD has an agreement_review_due"),
        ["duplicate location code"] = new(F.Locations, f => f.Set(F.Locations, "code", "JMS", "code", "LHS"), "code LHS is already on line 2"),
        ["unknown location kind"] = new(F.Locations, f => f.Set(F.Locations, "code", "ALDE", "kind", "college"), "kind 'college' is not a location kind"),
        ["location agency unknown"] = new(F.Locations, f => f.Set(F.Locations, "code", "ALDE", "agency", "XPD"), "agency 'XPD' is not in agencies.csv; add the agency or fix the location's agency"),
        ["zone not a high school"] = new(F.Locations, f => f.Set(F.Locations, "code", "ALDE", "zone", "JMS"), "zone 'JMS' is not the code of a high school"),
        ["high school in another zone"] = new(F.Locations, f => f.Set(F.Locations, "code", "FHS", "zone", "LHS"), "high school FHS is in zone 'LHS'"),
        ["latitude out of range"] = new(F.Locations, f => f.Set(F.Locations, "code", "ALDE", "lat", "147.2"), "lat 147.2 is out of range"),
        ["longitude out of range"] = new(F.Locations, f => f.Set(F.Locations, "code", "ALDE", "lon", "-222.4"), "lon -222.4 is out of range"),
        ["longitude not a number"] = new(F.Locations, f => f.Set(F.Locations, "code", "ALDE", "lon", "west"), "lon 'west' is not a number"),
        ["latitude with a decimal comma"] = new(F.Locations, f => f.Set(F.Locations, "code", "ALDE", "lat", "47,29"), "lat '47,29' is not a number"),
        ["bad bell time"] = new(F.Locations, f => f.Set(F.Locations, "code", "ALDE", "bell_start", "7:30am"), "bell_start '7:30am' is not a time of day; write it as HH:mm"),
        ["bell end before bell start"] = new(F.Locations, f => f.Set(F.Locations, "code", "ALDE", "bell_end", "08:00"), "bell_end 08:00 is not after bell_start 08:50"),
        ["empty location name"] = new(F.Locations, f => f.Set(F.Locations, "code", "ALDE", "name", ""), "name is empty"),
        ["duplicate badge"] = new(F.Officers, f => f.Set(F.Officers, "badge", "CSO-08", "badge", "CSO-07"), "badge CSO-07 is already on line"),
        ["badge with a space"] = new(F.Officers, f => f.Set(F.Officers, "badge", "CSO-08", "badge", "CSO 08"), "badge 'CSO 08' is not a code"),
        ["officer agency unknown"] = new(F.Officers, f => f.Set(F.Officers, "badge", "CSO-07", "agency", "XPD"), "agency 'XPD' is not in agencies.csv; add the agency or fix the officer's agency"),
        ["unknown role"] = new(F.Officers, f => f.Set(F.Officers, "badge", "CSO-07", "role", "CAP"), "role 'CAP' is not a role"),
        ["CSO posted district-wide"] = new(F.Officers, f => f.Set(F.Officers, "badge", "CSO-07", "post", "DISTRICT"), "post 'DISTRICT' is not a location code, and a CSO is posted at one location"),
        ["SRO posted at an unknown school"] = new(F.Officers, f => f.Set(F.Officers, "badge", "SRO-1", "post", "XHS"), "post 'XHS' is not a location code, and a SRO"),
        ["SLO posted at a middle school"] = new(F.Officers, f => f.Set(F.Officers, "badge", "SLO-1", "post", "JMS"), "post 'JMS' is not a zone, and a SLO is posted at a zone or district-wide"),
        ["SSO posted at an elementary"] = new(F.Officers, f => f.Set(F.Officers, "badge", "SSO-1", "post", "ALDE"), "post 'ALDE' is not a zone"),
        ["CSS posted at an unknown zone"] = new(F.Officers, f => f.Set(F.Officers, "badge", "CSS-1", "post", "ZZZ"), "post 'ZZZ' is not a zone"),
        ["unknown status"] = new(F.Officers, f => f.Set(F.Officers, "badge", "CSO-07", "status", "ON_BREAK"), "status 'ON_BREAK' is not an officer status"),
        ["on-call status as initial status"] = new(F.Officers, f => f.Set(F.Officers, "badge", "CSO-07", "status", "ASSIGNED"), "status ASSIGNED belongs to an officer on a call"),
        ["training for an unknown badge"] = new(F.Training, f => f.Append(F.Training, ("badge", "CSO-99"), ("topic", "first-aid"), ("completed_on", "2026-01-05"), ("expires_on", "2028-01-05")), "badge 'CSO-99' is not in officers.csv"),
        ["training expires before completion"] = new(F.Training, f => f.Append(F.Training, ("badge", "CSO-07"), ("topic", "first-aid"), ("completed_on", "2026-11-01"), ("expires_on", "2025-11-01")), "expires_on 2025-11-01 is before completed_on 2026-11-01"),
        ["training date does not parse"] = new(F.Training, f => f.Append(F.Training, ("badge", "CSO-07"), ("topic", "first-aid"), ("completed_on", "2026-11-01"), ("expires_on", "someday")), "expires_on 'someday' is not a date"),
        ["duplicate training record"] = new(F.Training, f => f.Duplicate(F.Training, "badge", "CSO-12"), "is already on line"),
        ["training without topic"] = new(F.Training, f => f.Append(F.Training, ("badge", "CSO-07"), ("topic", ""), ("completed_on", "2026-11-01"), ("expires_on", "2027-11-01")), "topic is empty"),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void A_bad_row_stops_the_import_naming_file_and_line_and_nothing_changes(string name)
    {
        var c = Cases[name];
        using var t = new TestDb();
        DistrictImport.Run(t.Db, DistrictSource.Demo, TestDb.Account, At);
        var before = DistrictDump.Of(t.Db);
        using var folder = new DemoFolder();
        // A harmless change in another file: if anything were written before the bad row was found, it would show.
        var harmless = c.File == F.District ? F.Locations : F.District;
        if (harmless == F.District) folder.Set(F.District, "name", "Harbor Valley School District", "name", "Harbor Valley Public Schools");
        else folder.Set(F.Locations, "code", "DO", "name", "District Office (renamed)");
        var line = c.Break(folder);

        var e = Assert.Throws<SafetyException>(() => DistrictImport.Run(t.Db, folder.Source, TestDb.Account, At.AddHours(1)));

        Assert.Equal(2, e.ExitCode);
        if (line is { } n) Assert.StartsWith($"{c.File} line {n}: ", e.Message, StringComparison.Ordinal);
        else Assert.Contains(c.File, e.Message, StringComparison.Ordinal);
        Assert.Contains(c.Expected, e.Message, StringComparison.Ordinal);
        // One plain sentence that says what to do.
        Assert.EndsWith(".", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("; ", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, DistrictDump.Of(t.Db));
    }

    [Fact]
    public void Rows_may_refer_to_rows_later_in_the_file_set()
    {
        using var t = new TestDb();
        using var folder = new DemoFolder();
        // A new agency listed last in agencies.csv is used by a location listed before it; a new officer is
        // posted at a location appended after every other row, and has no status (so starts OFF_DUTY).
        folder.Append(F.Agencies, ("code", "PTPD"), ("name", "Port Harbor Police"), ("kind", "police"), ("agreement_review_due", "2027-09-30"));
        folder.Set(F.Locations, "code", "LHS", "agency", "PTPD");
        folder.Append(F.Officers, ("badge", "CSO-26"), ("name", "New Hire"), ("role", "CSO"), ("agency", "HVSD"), ("post", "ZZE"));
        folder.Append(F.Locations, ("code", "ZZE"), ("name", "Zephyr Elementary"), ("kind", "elementary"), ("zone", "NHS"), ("agency", "PTPD"),
            ("lat", "47.23"), ("lon", "-122.52"), ("bell_start", "09:00"), ("bell_end", "15:30"));
        var result = DistrictImport.Run(t.Db, folder.Source, TestDb.Account, At);
        Assert.Equal(52, result[F.Locations].Inserted);
        Assert.Equal(OfficerStatus.OffDuty, Reads.RequireOfficer(t.Db, "CSO-26").Status);
    }

    [Fact]
    public void A_folder_that_does_not_exist_is_bad_input()
    {
        var e = Assert.Throws<SafetyException>(() => DistrictSource.Folder(Path.Combine(Path.GetTempPath(), "no-such-district-" + Guid.NewGuid().ToString("N"))));
        Assert.Equal(2, e.ExitCode);
        Assert.StartsWith("There is no folder ", e.Message, StringComparison.Ordinal);
        Assert.Contains("district.csv", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_given_instead_of_a_folder_is_bad_input()
    {
        using var folder = new DemoFolder();
        var e = Assert.Throws<SafetyException>(() => DistrictSource.Folder(Path.Combine(folder.Path, F.Officers)));
        Assert.Equal(2, e.ExitCode);
        Assert.Contains("is a file, not a folder", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_bad_input_naming_the_file()
    {
        using var folder = new DemoFolder();
        File.WriteAllText(Path.Combine(folder.Path, F.Calendar), "");
        var e = Assert.Throws<SafetyException>(() => DistrictParser.Parse(folder.Source));
        Assert.Equal(2, e.ExitCode);
        Assert.StartsWith("calendar.csv is empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Column_order_and_header_case_are_free()
    {
        using var folder = new DemoFolder();
        File.WriteAllText(Path.Combine(folder.Path, F.District),
            "Tail_Minutes,LEAD_MINUTES,school_year_end,school_year_start,time_zone,name\n60,30,2027-06-17,2026-09-02,America/Los_Angeles,Harbor Valley School District\n");
        Assert.Equal(DistrictParser.Parse(DistrictSource.Demo).District, DistrictParser.Parse(folder.Source).District);
    }
}
