using Dapper;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Enforcement;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests.Districts;
using SafetyConsole.Data.Tests.Feeds;
using static SafetyConsole.Data.Tests.Policy.TestDistrict;

namespace SafetyConsole.Data.Tests.Incidents;

/// <summary>Issue 15: panic alarms (ALRHOLD, built-in aliases ALRPANS/ALRPANA), the district's own codes, unknown-code hints.</summary>
public class CallCodesTests
{
    private static readonly DateTimeOffset ImportAt = new(2026, 11, 23, 17, 0, 0, TimeSpan.Zero);

    // ---- policy ---------------------------------------------------------------------------------------------

    [Fact]
    public void The_panic_alarm_takes_the_districts_class_and_no_other_type_changes()
    {
        var types = new[]
        {
            new CallType("ALRHOLD", "Holdup / duress / panic alarm", CallClass.Liaison, 1, false, false),
            new CallType("ALRBA", "Intrusion alarm", CallClass.Campus, 3, false, false),
        };
        var campus = CallCodes.WithDistrictClasses(types, CallClass.Campus);
        Assert.Equal(CallClass.Campus, campus[0].Class);
        Assert.Equal(types[1], campus[1]);
    }

    [Fact]
    public void A_panic_alarm_is_P1_and_R1_sends_the_class_the_district_chose()
    {
        var received = At("2026-10-05T10:05:00-07:00");
        var liaison = Intake.Decide(Call("ALRHOLD", "NHS", received), Create().Build(), PolicySettings.Default, received);
        Assert.Equal((CallStatus.Pending, CallClass.Liaison, received.AddSeconds(60)), (liaison.Status, liaison.Class, liaison.Deadline));

        var snap = Create().Build();
        var campusSnap = new DistrictSnapshot(snap.District, snap.Calendar.Values, snap.Locations.Values, snap.Agencies.Values,
            CallCodes.WithDistrictClasses(snap.CallTypes.Values.ToList(), CallClass.Campus), [], []);
        var campus = Intake.Decide(Call("ALRHOLD", "NHS", received), campusSnap, PolicySettings.Default, received);
        Assert.Equal(CallClass.Campus, campus.Class);
        Assert.StartsWith("R1:", campus.Trace[0], StringComparison.Ordinal);
        Assert.EndsWith("CAMPUS first.", campus.Trace[0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_unknown_code_hint_names_the_closest_codes_and_aliases_and_the_aliases_file()
    {
        var hint = CallCodes.UnknownCodeHint("MVX", ["FIGHT", "TRAFFIC", "WEAPON"], [new CallTypeAlias("MVA", "TRAFFIC")], count: 2);
        Assert.StartsWith("the closest codes are MVA (alias of TRAFFIC), ", hint, StringComparison.Ordinal);
        Assert.Contains("call_type_aliases.csv", hint, StringComparison.Ordinal);
        Assert.Equal(1, CallCodes.Distance("MVX", "MVA"));
        Assert.Equal(0, CallCodes.Distance("", ""));
        Assert.Equal(3, CallCodes.Distance("ABC", ""));
    }

    // ---- store: feeds ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData("ALRPANS")]
    [InlineData("alrpana")]
    public void A_feed_naming_a_panic_alarm_loads_as_ALRHOLD_with_the_alias_in_the_trace(string code)
    {
        using var f = new FeedFixture();
        var summary = f.Calls(FeedFixture.Csv(FeedFixture.Good("p1", code)));
        Assert.Equal(1, summary.Loaded);
        var (type, priority, trace) = f.Db.Connection.QuerySingle<(string, long, string)>("SELECT type, priority, trace FROM calls");
        Assert.Equal(("ALRHOLD", 1L), (type, priority));
        Assert.Contains($"built-in alias of ALRHOLD", trace, StringComparison.Ordinal);
        Assert.Contains(code.ToUpperInvariant(), trace, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_district_alias_is_read_as_its_type_and_intake_keeps_the_alias_sentence_before_its_rules()
    {
        using var t = new TestDb();
        using var folder = new DemoFolder();
        File.WriteAllText(Path.Combine(folder.Path, DistrictFiles.CallTypeAliases), "alias,type\nMVA,TRAFFIC\n10-50,traffic\n");
        var import = DistrictImport.Run(t.Db, folder.Source, TestDb.Account, ImportAt);
        Assert.Equal(new FileCounts(DistrictFiles.CallTypeAliases, 2, 0, 0), import[DistrictFiles.CallTypeAliases]);

        var location = DistrictReads.Locations(t.Db)[0].Code;
        var csv = $"external_id,received_at,location,type\nx1,2026-11-23T16:05:00Z,{location},mva\n";
        using var input = SafetyConsole.Data.Feeds.FeedInput.FromStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "cad.csv", "cad", mayWait: false);
        var summary = SafetyConsole.Data.Feeds.CallFeed.Load(t.Db, input, new SafetyConsole.Data.Feeds.FeedOptions(TestDb.Account, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(ImportAt)));
        Assert.Equal(1, summary.Loaded);
        EnforcementPass.Run(t.Db, ImportAt);
        var (type, trace) = t.Db.Connection.QuerySingle<(string, string)>("SELECT type, trace FROM calls");
        Assert.Equal("TRAFFIC", type);
        var lines = trace.Split('\n');
        Assert.Equal("Code MVA is the district's alias of TRAFFIC (call_type_aliases.csv); read as TRAFFIC.", lines[0]);
        Assert.True(lines.Length > 1, "intake's rule trace follows the alias sentence");
    }

    [Fact]
    public void An_unknown_code_is_rejected_with_the_closest_codes_and_the_aliases_file()
    {
        using var f = new FeedFixture();
        f.Db.Connection.Execute("INSERT INTO call_type_aliases(alias, type) VALUES ('MVA', 'TRAFFIC')");
        var summary = f.Calls(FeedFixture.Csv(FeedFixture.Good("u1", "MVX")));
        Assert.Equal(1, summary.Rejected);
        var error = Assert.Single(summary.Errors);
        Assert.Equal("type", error.Field);
        Assert.Contains("MVA (alias of TRAFFIC)", error.Reason, StringComparison.Ordinal);
        Assert.Contains("call_type_aliases.csv", error.Reason, StringComparison.Ordinal);
        Assert.Equal(0L, f.Count("SELECT count(*) FROM calls"));
    }

    [Fact]
    public void The_built_in_aliases_are_in_every_database()
    {
        using var t = new TestDb();
        Assert.Equal([new CallTypeAlias("ALRPANA", "ALRHOLD", true), new CallTypeAlias("ALRPANS", "ALRHOLD", true)], CallTypeAliases.All(t.Db));
    }

    // ---- store: district import -----------------------------------------------------------------------------

    [Fact]
    public void District_csv_chooses_the_panic_alarms_class_and_the_snapshot_follows_a_change()
    {
        using var t = new TestDb();
        using var folder = new DemoFolder();
        DistrictImport.Run(t.Db, folder.Source, TestDb.Account, ImportAt);
        Assert.Equal(CallClass.Liaison, SnapshotLoader.Load(t.Db, ImportAt).CallTypes["ALRHOLD"].Class);

        AddDistrictColumn(folder, "panic_alarm_class", "CAMPUS");
        DistrictImport.Run(t.Db, folder.Source, TestDb.Account, ImportAt.AddMinutes(1));
        Assert.Equal(CallClass.Campus, DistrictReads.District(t.Db)!.PanicAlarmClass);
        Assert.Equal(CallClass.Campus, SnapshotLoader.Load(t.Db, ImportAt).CallTypes["ALRHOLD"].Class);
    }

    [Theory]
    [InlineData("alias,type\nFIGHT,ASSAULT\n", "alias FIGHT is one of our own call type codes")]
    [InlineData("alias,type\nALRPANS,FIGHT\n", "alias ALRPANS is built in")]
    [InlineData("alias,type\nMVA,CRASH\n", "type 'CRASH' is not a call type")]
    [InlineData("alias,type\nMVA,TRAFFIC\nmva,FIGHT\n", "alias MVA is already on line 2")]
    public void A_bad_alias_row_stops_the_import_naming_its_line(string csv, string reason)
    {
        using var t = new TestDb();
        using var folder = new DemoFolder();
        File.WriteAllText(Path.Combine(folder.Path, DistrictFiles.CallTypeAliases), csv);
        var e = Assert.Throws<SafetyException>(() => DistrictImport.Run(t.Db, folder.Source, TestDb.Account, ImportAt));
        Assert.Equal(2, e.ExitCode);
        Assert.Contains($"{DistrictFiles.CallTypeAliases} line", e.Message, StringComparison.Ordinal);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.Null(DistrictReads.District(t.Db));
    }

    [Fact]
    public void A_panic_alarm_class_that_is_not_LIAISON_or_CAMPUS_stops_the_import()
    {
        using var t = new TestDb();
        using var folder = new DemoFolder();
        AddDistrictColumn(folder, "panic_alarm_class", "NONE");
        var e = Assert.Throws<SafetyException>(() => DistrictImport.Run(t.Db, folder.Source, TestDb.Account, ImportAt));
        Assert.Contains("panic_alarm_class 'NONE' is not LIAISON or CAMPUS", e.Message, StringComparison.Ordinal);
    }

    /// <summary>district.csv (one data row) with one more column.</summary>
    private static void AddDistrictColumn(DemoFolder folder, string column, string value)
    {
        var path = Path.Combine(folder.Path, DistrictFiles.District);
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        File.WriteAllText(path, $"{lines[0]},{column}\n{lines[1]},{value}\n");
    }
}
