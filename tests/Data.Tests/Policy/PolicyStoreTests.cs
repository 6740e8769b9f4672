using Dapper;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests.Seed;

namespace SafetyConsole.Data.Tests.Policy;

/// <summary>Issue 13: the district's policy numbers are data in the store, set by supervisors, each change an event.</summary>
public class PolicyStoreTests
{
    private static readonly DateTimeOffset At = TestDistrictSeed.SchoolDay(9, 0);

    private static long PolicyEvents(SafetyDb db) => db.Connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE kind = 'policy.set'");

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: the numbers (doubles, durations) stored and read back alike
    public void A_new_database_holds_the_documented_defaults_so_existing_behaviour_is_unchanged(StoreBackend backend)
    {
        using var t = new TestDb(backend);
        Assert.Equal(new PolicySettings(), PolicyStore.Load(t.Db));
        var shown = PolicyStore.Show(t.Db);
        Assert.Equal(PolicyKeys.All, shown.Select(e => e.Key));
        Assert.Equal(new double?[] { 60, 180, 900, 3600, 90, 600, 1.4, 35, null, null, 600 }, shown.Select(e => e.Value));
        // Each key's example in messages is its documented default.
        Assert.All(PolicyKeys.InPolicyRow, k => Assert.Equal(k.Example, PolicyKeys.ValueIn(new PolicySettings(), k)));
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: the numbers (doubles, durations) stored and read back alike
    public void Lead_and_tail_are_the_district_rows_and_shown_once_a_district_exists(StoreBackend backend)
    {
        using var t = new TestDb(backend);
        TestDistrictSeed.Seed(t.Db);
        var district = SafetyConsole.Data.Districts.DistrictReads.District(t.Db)!;
        var shown = PolicyStore.Show(t.Db).ToDictionary(e => e.Key, e => e.Value);
        Assert.Equal((district.LeadMinutes, district.TailMinutes), ((int)shown[PolicyKeys.LeadMinutes]!, (int)shown[PolicyKeys.TailMinutes]!));

        PolicyStore.Set(t.Db, TestDb.Account, "lead_minutes", "45", "earlier buses", At);
        Assert.Equal(45, SafetyConsole.Data.Districts.DistrictReads.District(t.Db)!.LeadMinutes);
        Assert.Equal(45, SnapshotLoader.Load(t.Db, At).District.LeadMinutes);
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: the numbers (doubles, durations) stored and read back alike
    public void Lead_and_tail_need_a_district_first(StoreBackend backend)
    {
        using var t = new TestDb(backend);
        var e = Assert.Throws<SafetyException>(() => PolicyStore.Set(t.Db, TestDb.Account, "tail_minutes", "30", "x", At));
        Assert.Equal(1, e.ExitCode);
        Assert.StartsWith("tail_minutes is kept with the district, and there is none yet;", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: the numbers (doubles, durations) stored and read back alike
    public void A_supervisor_sets_a_number_recorded_with_old_and_new_value_and_reason_R10(StoreBackend backend)
    {
        using var t = new TestDb(backend);
        var change = PolicyStore.Set(t.Db, TestDb.Account, "road_factor", "1.2", "grid streets, per the 2026 survey", At);
        Assert.Equal((1.4, 1.2, true), (change.Old, change.New, change.Changed));
        Assert.Equal(1.2, PolicyStore.Load(t.Db).RoadFactor);
        var e = t.Db.Connection.QuerySingle<(string Actor, string Kind, string From, string To, string Reason, string Detail)>(
            "SELECT actor, kind, from_status, to_status, reason, detail FROM events WHERE kind = 'policy.set'");
        Assert.Equal((TestDb.Account, "policy.set", "1.4", "1.2", "§3: road_factor 1.4 -> 1.2: grid streets, per the 2026 survey", "road_factor"), e);
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: the numbers (doubles, durations) stored and read back alike
    public void Setting_the_same_value_changes_and_records_nothing(StoreBackend backend)
    {
        using var t = new TestDb(backend);
        var change = PolicyStore.Set(t.Db, TestDb.Account, "deadline_p3_seconds", "15min", "no change", At);
        Assert.False(change.Changed);
        Assert.Equal(0, PolicyEvents(t.Db));
    }

    [Theory]
    [InlineData("90", 90)]
    [InlineData("90s", 90)]
    [InlineData("3min", 180)]
    [InlineData("1.5min", 90)]
    [InlineData("1h", 3600)]
    [InlineData("00:10:00", 600)]
    public void Durations_take_the_workers_forms_and_a_bare_number_is_the_keys_unit(string text, double seconds)
    {
        using var t = new TestDb();
        PolicyStore.Set(t.Db, TestDb.Account, "DEADLINE_P3_SECONDS", text, "drill", At);
        Assert.Equal(TimeSpan.FromSeconds(seconds), PolicyStore.Load(t.Db).P3Deadline);
    }

    [Theory]
    [InlineData("deadline_p3_seconds", "soon", "deadline_p3_seconds 'soon' is not a duration; write seconds like 900, or with a unit like 90s, 3min or 1h.")]
    [InlineData("deadline_p3_seconds", "0", "deadline_p3_seconds 0 is out of range; it must be from 1 s to 24 h (R5).")]
    [InlineData("ack_timeout_seconds", "2h", "ack_timeout_seconds 2h is out of range; it must be from 1 s to 1 h (R6).")]
    [InlineData("deadline_p1_seconds", "250ms", "deadline_p1_seconds '250ms' is not a whole number of seconds; round it to whole seconds.")]
    [InlineData("road_factor", "fast", "road_factor 'fast' is not a number; write one with a decimal point, like 1.4.")]
    [InlineData("road_factor", "-1", "road_factor -1 is out of range; it must be from 1 to 3 (§3).")]
    [InlineData("speed_kmh", "500", "speed_kmh 500 is out of range; it must be from 1 to 150 (§3).")]
    [InlineData("lead_minutes", "90s", "lead_minutes '90s' is not a whole number of minutes; round it to whole minutes.")]
    [InlineData("speed", "35", "'speed' is not a policy key; use one of deadline_p1_seconds, deadline_p2_seconds, deadline_p3_seconds, deadline_p4_seconds, ack_timeout_seconds, ping_freshness_seconds, road_factor, speed_kmh, lead_minutes, tail_minutes, duplicate_window_seconds (`safety-console policy show` lists them).")]
    public void A_bad_key_or_value_is_one_sentence_exit_2_and_nothing_written(string key, string value, string message)
    {
        using var t = new TestDb();
        TestDistrictSeed.Seed(t.Db);
        var e = Assert.Throws<SafetyException>(() => PolicyStore.Set(t.Db, TestDb.Account, key, value, "drill", At));
        Assert.Equal((2, message), (e.ExitCode, e.Message));
        Assert.Equal(new PolicySettings(), PolicyStore.Load(t.Db));
        Assert.Equal(0, PolicyEvents(t.Db));
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: the numbers (doubles, durations) stored and read back alike
    public void A_change_without_a_reason_is_refused_as_usage(StoreBackend backend)
    {
        using var t = new TestDb(backend);
        var e = Assert.Throws<SafetyException>(() => PolicyStore.Set(t.Db, TestDb.Account, "road_factor", "1.2", "  ", At));
        Assert.Equal(2, e.ExitCode);
        Assert.Equal(1.4, PolicyStore.Load(t.Db).RoadFactor);
    }

    [Theory]
    [InlineData(OperatorRole.Viewer)]
    [InlineData(OperatorRole.Dispatcher)]
    public void Only_a_supervisor_may_change_the_policy_and_the_refusal_is_recorded_R10(OperatorRole role)
    {
        using var t = new TestDb();
        if (role != OperatorRole.Viewer) Operators.Add(t.Db, TestDb.Account, "bob", role, At);
        var e = Assert.Throws<SafetyException>(() => PolicyStore.Set(t.Db, "bob", "deadline_p1_seconds", "30", "faster", At));
        Assert.Equal(1, e.ExitCode);
        Assert.StartsWith($"R10: bob is a {role.Text()} and may not change the policy;", e.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(60), PolicyStore.Load(t.Db).P1Deadline);
        Assert.Equal(1L, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE kind = 'refused' AND actor = 'bob'"));
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: the numbers (doubles, durations) stored and read back alike
    public void The_snapshot_every_process_builds_carries_the_stored_policy(StoreBackend backend)
    {
        using var t = new TestDb(backend);
        TestDistrictSeed.Seed(t.Db);
        PolicyStore.Set(t.Db, TestDb.Account, "speed_kmh", "50", "arterial roads", At);
        PolicyStore.Set(t.Db, TestDb.Account, "deadline_p2_seconds", "2min", "board decision", At);
        var expected = new PolicySettings { SpeedKmh = 50, P2Deadline = TimeSpan.FromMinutes(2) };
        Assert.Equal(expected, SnapshotLoader.Load(t.Db, At).Policy);
        Assert.Equal(expected, SnapshotLoader.LoadCalendar(t.Db)!.Policy);
    }
}
