using Dapper;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Enforcement;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests.Districts;

namespace SafetyConsole.Data.Tests.Store;

/// <summary>
/// Issue 14 (speed): the district's facts are kept in memory per connection while the store's district generation
/// (migration 0021) reads the same. Kept facts must never outlive a write to them: a district import, a `policy set`,
/// an agreement or training write, or a hand edit, from this connection or another process.
/// </summary>
public class SnapshotCacheTests
{
    private static readonly DateTimeOffset At = new(2026, 10, 6, 16, 0, 0, TimeSpan.Zero);

    private static long Generation(SafetyDb db) => db.Connection.ExecuteScalar<long>("SELECT n FROM district_generation WHERE id = 1");

    [Fact]
    public void A_policy_set_by_another_process_is_seen_by_the_next_snapshot_and_pass()
    {
        using var t = new TestDb();
        DistrictImport.Run(t.Db, DistrictSource.Demo, TestDb.Account, At);
        Assert.Equal(1.4, SnapshotLoader.Load(t.Db, At).Policy.RoadFactor); // kept now
        Assert.Equal(1.4, SnapshotLoader.CurrentPolicy(t.Db).RoadFactor);

        using (var other = t.Db.OpenAnother(TestDb.Account))
        {
            PolicyStore.Set(other, TestDb.Account, "road_factor", "1.2", "grid streets", At);
            PolicyStore.Set(other, TestDb.Account, "lead_minutes", "45", "earlier buses", At);
        }

        var snap = SnapshotLoader.Load(t.Db, At);
        Assert.Equal(1.2, snap.Policy.RoadFactor);
        Assert.Equal(45, snap.District.LeadMinutes);
        Assert.Equal(1.2, SnapshotLoader.CurrentPolicy(t.Db).RoadFactor);
    }

    [Fact]
    public void A_policy_set_on_the_same_connection_is_seen_at_once()
    {
        using var t = new TestDb();
        DistrictImport.Run(t.Db, DistrictSource.Demo, TestDb.Account, At);
        var before = SnapshotLoader.Load(t.Db, At).Policy.AckTimeout;
        PolicyStore.Set(t.Db, TestDb.Account, "ack_timeout_seconds", "240", "radios are slow", At);
        Assert.NotEqual(before, SnapshotLoader.Load(t.Db, At).Policy.AckTimeout);
        Assert.Equal(TimeSpan.FromSeconds(240), SnapshotLoader.CurrentPolicy(t.Db).AckTimeout);
        Assert.Empty(EnforcementPass.Run(t.Db, At).Skipped);
    }

    [Fact]
    public void A_district_import_replaces_the_kept_facts()
    {
        using var t = new TestDb();
        DistrictImport.Run(t.Db, DistrictSource.Demo, TestDb.Account, At);
        Assert.Equal("District Office (Central Administration)", SnapshotLoader.Load(t.Db, At).Locations["DO"].Name);

        using var folder = new DemoFolder();
        folder.Set(DistrictFiles.Locations, "code", "DO", "name", "District Office (renamed)");
        DistrictImport.Run(t.Db, folder.Source, TestDb.Account, At.AddHours(1));

        Assert.Equal("District Office (renamed)", SnapshotLoader.Load(t.Db, At).Locations["DO"].Name);
    }

    /// <summary>Every table of the kept facts, edited by hand by another process (sqlite3): the generation moves and the next snapshot shows the edit.</summary>
    [Theory]
    [InlineData("district", "UPDATE district SET name = 'Edited District' WHERE id = 1")]
    [InlineData("calendar_days", "UPDATE calendar_days SET note = 'edited' WHERE date = (SELECT min(date) FROM calendar_days)")]
    [InlineData("locations", "UPDATE locations SET name = 'Edited' WHERE code = 'DO'")]
    [InlineData("agencies", "UPDATE agencies SET name = 'Edited' WHERE code = (SELECT min(code) FROM agencies)")]
    [InlineData("call_types", "UPDATE call_types SET name = 'Edited' WHERE code = (SELECT min(code) FROM call_types)")]
    [InlineData("training", "DELETE FROM training WHERE rowid = (SELECT min(rowid) FROM training)")]
    [InlineData("agreements", "UPDATE agreements SET review_due = '2020-01-01'")]
    [InlineData("training_topics", "UPDATE training_topics SET required_for = ''")]
    [InlineData("policy", "UPDATE policy SET road_factor = 1.1")]
    public void A_write_to_any_table_of_the_facts_moves_the_generation_and_is_seen(string table, string edit)
    {
        using var t = new TestDb();
        DistrictImport.Run(t.Db, DistrictSource.Demo, TestDb.Account, At);
        var before = SnapshotLoader.Load(t.Db, At);
        var generation = Generation(t.Db);

        using (var other = t.Db.OpenAnother(TestDb.Account))
            Assert.True(other.Connection.Execute(edit) > 0, edit);

        Assert.True(Generation(t.Db) > generation, $"a write to {table} moves the district generation");
        var after = SnapshotLoader.Load(t.Db, At);
        Assert.NotSame(before.Calendar, after.Calendar); // read again, not the kept facts
        Assert.Equal(Facts(SnapshotLoader.Load(t.Db, At)), Facts(after));
        Assert.NotEqual(Facts(before), Facts(after));
    }

    [Fact]
    public void Live_writes_keep_the_facts_and_the_live_state_is_read_fresh()
    {
        using var t = new TestDb();
        DistrictImport.Run(t.Db, DistrictSource.Demo, TestDb.Account, At);
        var before = SnapshotLoader.Load(t.Db, At);
        var badge = before.Officers[0].Badge;
        var generation = Generation(t.Db);

        using (var other = t.Db.OpenAnother(TestDb.Account))
            other.Connection.Execute("UPDATE officers SET status = 'OFF_DUTY' WHERE badge = @badge", new { badge });

        Assert.Equal(generation, Generation(t.Db));
        var after = SnapshotLoader.Load(t.Db, At);
        Assert.Same(before.Calendar, after.Calendar); // the kept facts
        Assert.Equal(Domain.OfficerStatus.OffDuty, after.OfficersByBadge[badge].Status);
    }

    /// <summary>Everything a snapshot holds of the district's facts, as text, to compare two snapshots.</summary>
    private static string Facts(SafetyConsole.Data.Policy.DistrictSnapshot s) => string.Join("\n",
        s.District.ToString(), s.Policy.ToString(),
        string.Join(";", s.Calendar.OrderBy(kv => kv.Key).Select(kv => kv.Value.ToString())),
        string.Join(";", s.Locations.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value.ToString())),
        string.Join(";", s.Agencies.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value.ToString())),
        string.Join(";", s.CallTypes.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value.ToString())),
        string.Join(";", s.Training.OrderBy(kv => kv.Key, StringComparer.Ordinal).SelectMany(kv => kv.Value).Select(r => r.ToString())),
        string.Join(";", s.RequiredTopics.OrderBy(kv => kv.Key).Select(kv => kv.Key + ":" + string.Join(",", kv.Value))),
        string.Join(";", s.Officers.Select(o => o.Badge + (s.TrainingCurrent(o.Badge, DateOnly.FromDateTime(At.Date)) ? "" : " lapsed"))));
}
