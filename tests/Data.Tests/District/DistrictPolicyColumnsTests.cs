using Dapper;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Districts;

/// <summary>Issue 13: district.csv's optional policy columns set the stored policy numbers, validated like every row.</summary>
public class DistrictPolicyColumnsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 17, 0, 0, TimeSpan.Zero);

    private const string Base = "Harbor Valley School District,America/Los_Angeles,2026-09-02,2027-06-17,30,60";

    private static void WriteDistrict(DemoFolder folder, string extraHeader, string extraValues) =>
        File.WriteAllText(Path.Combine(folder.Path, DistrictFiles.District),
            $"name,time_zone,school_year_start,school_year_end,lead_minutes,tail_minutes{extraHeader}\n{Base}{extraValues}\n");

    [Fact]
    public void Filled_in_columns_set_the_policy_and_each_change_is_a_policy_event()
    {
        using var t = new TestDb();
        using var folder = new DemoFolder();
        WriteDistrict(folder, ",deadline_p3_seconds,ack_timeout_seconds,road_factor,speed_kmh", ",10min,120,1.25,");
        var result = DistrictImport.Run(t.Db, folder.Source, TestDb.Account, At);

        Assert.Equal(new PolicySettings { P3Deadline = TimeSpan.FromMinutes(10), AckTimeout = TimeSpan.FromSeconds(120), RoadFactor = 1.25 },
            PolicyStore.Load(t.Db)); // speed_kmh left empty: unchanged
        var events = t.Db.Connection.Query<(string Detail, string From, string To)>(
            "SELECT detail, from_status, to_status FROM events WHERE kind = 'policy.set' ORDER BY id").ToList();
        Assert.Equal([("deadline_p3_seconds", "900", "600"), ("ack_timeout_seconds", "90", "120"), ("road_factor", "1.4", "1.25")], events);
        Assert.Equal(1, result[DistrictFiles.District].Inserted);
    }

    [Fact]
    public void A_re_import_that_only_changes_a_policy_column_counts_the_district_row_updated()
    {
        using var t = new TestDb();
        using var folder = new DemoFolder();
        DistrictImport.Run(t.Db, folder.Source, TestDb.Account, At);
        WriteDistrict(folder, ",deadline_p1_seconds", ",45s");
        var again = DistrictImport.Run(t.Db, folder.Source, TestDb.Account, At.AddMinutes(1));
        Assert.Equal(new FileCounts(DistrictFiles.District, 0, 1, 0), again[DistrictFiles.District]);
        Assert.Equal(TimeSpan.FromSeconds(45), PolicyStore.Load(t.Db).P1Deadline);

        var same = DistrictImport.Run(t.Db, folder.Source, TestDb.Account, At.AddMinutes(2));
        Assert.Equal(new FileCounts(DistrictFiles.District, 0, 0, 1), same[DistrictFiles.District]);
        Assert.Equal(1L, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE kind = 'policy.set'"));
    }

    [Fact]
    public void A_re_import_that_changes_the_lead_records_it_as_a_policy_change()
    {
        using var t = new TestDb();
        using var folder = new DemoFolder();
        DistrictImport.Run(t.Db, folder.Source, TestDb.Account, At);
        folder.Set(DistrictFiles.District, "name", "Harbor Valley School District", "lead_minutes", "45");
        DistrictImport.Run(t.Db, folder.Source, TestDb.Account, At.AddMinutes(1));
        Assert.Equal(45, DistrictReads.District(t.Db)!.LeadMinutes);
        Assert.Equal(("lead_minutes", "30", "45"), t.Db.Connection.QuerySingle<(string, string, string)>(
            "SELECT detail, from_status, to_status FROM events WHERE kind = 'policy.set'"));
    }

    [Theory]
    [InlineData(",road_factor", ",fast", "district.csv line 2: road_factor 'fast' is not a number; write one with a decimal point, like 1.4.")]
    [InlineData(",deadline_p2_seconds", ",0", "district.csv line 2: deadline_p2_seconds 0 is out of range; it must be from 1 s to 24 h (R5).")]
    [InlineData(",ping_freshness_seconds", ",soon", "district.csv line 2: ping_freshness_seconds 'soon' is not a duration; write seconds like 600, or with a unit like 90s, 3min or 1h.")]
    public void A_bad_policy_value_stops_the_import_with_file_line_and_fix_and_changes_nothing(string header, string values, string message)
    {
        using var t = new TestDb();
        using var folder = new DemoFolder();
        WriteDistrict(folder, header, values);
        var e = Assert.Throws<SafetyException>(() => DistrictImport.Run(t.Db, folder.Source, TestDb.Account, At));
        Assert.Equal((2, message), (e.ExitCode, e.Message));
        Assert.Null(DistrictReads.District(t.Db));
        Assert.Equal(new PolicySettings(), PolicyStore.Load(t.Db));
    }
}
