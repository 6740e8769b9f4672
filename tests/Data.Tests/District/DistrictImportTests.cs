using Dapper;
using SafetyConsole.Data.Csv;
using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Districts;

public class DistrictImportTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 17, 0, 0, TimeSpan.Zero);

    private static ImportResult ImportDemo(TestDb t, DateTimeOffset? at = null) =>
        DistrictImport.Run(t.Db, DistrictSource.Demo, TestDb.Account, at ?? At);

    [Fact]
    public void The_demo_district_imports_every_row_of_every_file()
    {
        using var t = new TestDb();
        var result = ImportDemo(t);

        // The six required files, then the optional files of issue 16 the demo ships.
        Assert.Equal([.. DistrictFiles.All, .. DistrictFiles.Optional], result.Files.Select(f => f.File));
        foreach (var file in DistrictFiles.All.Concat(DistrictFiles.Optional))
        {
            using var reader = EmbeddedSql.Open("sql/demo/" + file);
            var rows = CsvRows.Read(reader).Rows.Count();
            Assert.Equal(new FileCounts(file, rows, 0, 0), result[file]);
        }
        Assert.Equal(result[DistrictFiles.Locations].Inserted, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM locations"));
        Assert.Equal(result[DistrictFiles.Officers].Inserted, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM officers"));
        Assert.Equal(result[DistrictFiles.Training].Inserted, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM training"));
        Assert.Equal(result[DistrictFiles.Calendar].Inserted, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM calendar_days"));
        Assert.Equal("Harbor Valley School District", DistrictReads.District(t.Db)!.Name);
        Assert.Equal("America/Los_Angeles", t.Db.DistrictZone().Id);
    }

    [Fact]
    public void The_import_records_one_event_with_its_counts_R10()
    {
        using var t = new TestDb();
        ImportDemo(t);
        var e = t.Db.Connection.QuerySingle<(string Actor, string At, string Reason, string Detail)>(
            "SELECT actor, at, reason, detail FROM events WHERE kind = 'district.imported'");
        Assert.Equal(TestDb.Account, e.Actor);
        Assert.Equal(TimeText.ToDb(At), e.At);
        Assert.Contains("built-in demo district", e.Reason, StringComparison.Ordinal);
        Assert.Contains("\"locations.csv\":{\"inserted\":51,\"updated\":0,\"unchanged\":0}", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Re_importing_changes_nothing_and_never_resets_a_live_officer_status()
    {
        using var t = new TestDb();
        ImportDemo(t);
        // Dispatch moves officers afterwards: their live status must survive a re-import.
        OfficerActions.SetStatus(t.Db, TestDb.Account, "CSO-01", OfficerStatus.Busy, At.AddMinutes(5));
        OfficerActions.SetStatus(t.Db, TestDb.Account, "CSO-23", OfficerStatus.Available, At.AddMinutes(6));
        var before = DistrictDump.Of(t.Db);

        var again = ImportDemo(t, At.AddHours(1));

        Assert.Equal(before, DistrictDump.Of(t.Db));
        Assert.False(again.ChangedAnything);
        Assert.All(again.Files, f => Assert.Equal((0, 0, f.Rows), (f.Inserted, f.Updated, f.Unchanged)));
        Assert.Equal(OfficerStatus.Busy, Reads.RequireOfficer(t.Db, "CSO-01").Status);
        Assert.Equal(OfficerStatus.Available, Reads.RequireOfficer(t.Db, "CSO-23").Status);
        Assert.Equal(2, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE kind = 'district.imported'"));
    }

    [Fact]
    public void A_changed_row_is_updated_by_its_key_and_a_new_row_inserted()
    {
        using var t = new TestDb();
        ImportDemo(t);
        using var folder = new DemoFolder();
        folder.Set(DistrictFiles.Locations, "code", "JMS", "notes", "Gate code changed to 5521#.");
        folder.Set(DistrictFiles.Officers, "badge", "CSO-07", "post", "JMS");
        folder.Set(DistrictFiles.Officers, "badge", "CSO-08", "status", "OFF_DUTY"); // initial status only: not an update
        folder.Append(DistrictFiles.Training, ("badge", "CSO-07"), ("topic", "first-aid"), ("completed_on", "2026-11-20"), ("expires_on", "2028-11-20"));
        folder.Set(DistrictFiles.Calendar, "date", "2027-02-03", "note", "Snow day (ice storm)");

        var result = DistrictImport.Run(t.Db, folder.Source, TestDb.Account, At);

        Assert.Equal((0, 1), (result[DistrictFiles.Locations].Inserted, result[DistrictFiles.Locations].Updated));
        Assert.Equal((0, 1), (result[DistrictFiles.Officers].Inserted, result[DistrictFiles.Officers].Updated));
        Assert.Equal((1, 0), (result[DistrictFiles.Training].Inserted, result[DistrictFiles.Training].Updated));
        Assert.Equal((0, 1), (result[DistrictFiles.Calendar].Inserted, result[DistrictFiles.Calendar].Updated));
        Assert.Equal("JMS", Reads.RequireOfficer(t.Db, "CSO-07").Post);
        Assert.Equal(OfficerStatus.Available, Reads.RequireOfficer(t.Db, "CSO-08").Status);
        Assert.Equal("Gate code changed to 5521#.", DistrictReads.Locations(t.Db).Single(l => l.Code == "JMS").Notes);
    }

    [Fact]
    public void A_viewer_may_not_import_and_the_refusal_is_recorded_R10()
    {
        using var t = new TestDb();
        using var viewer = t.OpenAnother("visitor");
        var e = Assert.Throws<SafetyException>(() => DistrictImport.Run(viewer, DistrictSource.Demo, "visitor", At));
        Assert.Equal(1, e.ExitCode);
        Assert.Contains("R10: visitor is a viewer and may not import district data", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM locations"));
        Assert.Equal(1, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE kind = 'refused' AND actor = 'visitor'"));
    }

    [Fact]
    public void A_dispatcher_may_not_import_either_R10()
    {
        using var t = new TestDb();
        Operators.Add(t.Db, TestDb.Account, "dana", OperatorRole.Dispatcher, At);
        using var dispatcher = t.OpenAnother("dana");
        Assert.Equal(1, Assert.Throws<SafetyException>(() => DistrictImport.Run(dispatcher, DistrictSource.Demo, "dana", At)).ExitCode);
    }

    [Fact]
    public void The_reads_return_what_was_imported()
    {
        using var t = new TestDb();
        ImportDemo(t);
        var parsed = DistrictParser.Parse(DistrictSource.Demo);
        Assert.Equal(parsed.District, DistrictReads.District(t.Db));
        Assert.Equal(parsed.Calendar.OrderBy(d => d.Date), DistrictReads.Calendar(t.Db));
        Assert.Equal(parsed.Agencies.OrderBy(a => a.Code, StringComparer.Ordinal), DistrictReads.Agencies(t.Db));
        Assert.Equal(parsed.Locations.OrderBy(l => l.Code, StringComparer.Ordinal), DistrictReads.Locations(t.Db));
        Assert.Equal(parsed.Training.OrderBy(r => r.Badge, StringComparer.Ordinal).ThenBy(r => r.Topic, StringComparer.Ordinal).ThenBy(r => r.CompletedOn),
            DistrictReads.Training(t.Db));
        Assert.Equal(30, DistrictReads.CallTypes(t.Db).Count);
        Assert.Equal(new CallType("INTERVENE", "Request for intervention", CallClass.Campus, 2, true, false),
            DistrictReads.CallTypes(t.Db).Single(c => c.Code == "INTERVENE"));
        var officers = Reads.Officers(t.Db);
        Assert.Equal(parsed.Officers.Select(o => (o.Badge, o.Name, o.Role, o.Agency, o.Post, o.Status)).OrderBy(o => o.Badge, StringComparer.Ordinal),
            officers.Select(o => (o.Badge, o.Name, o.Role, o.Agency, o.Post, o.Status)));
        Assert.All(officers, o => Assert.Equal(At, o.StatusSince));
    }

    [Fact]
    public void Before_any_import_the_reads_are_empty()
    {
        using var t = new TestDb();
        Assert.Null(DistrictReads.District(t.Db));
        Assert.Empty(DistrictReads.Calendar(t.Db));
        Assert.Empty(DistrictReads.Locations(t.Db));
        Assert.Empty(DistrictReads.Agencies(t.Db));
        Assert.Empty(DistrictReads.Training(t.Db));
    }
}
