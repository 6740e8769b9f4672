using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;

namespace SafetyConsole.Data.Tests.TestDistricts;

/// <summary>Issue 18: the test district's in-memory snapshot and its imported rows are one district, not two.</summary>
public class TestDistrictBuilderTests
{
    private static readonly DateTimeOffset ImportedAt = new(2026, 8, 1, 0, 0, 0, TimeSpan.Zero);

    private static TestDistrictBuilder WithOfficers() => TestDistrictBuilder.Create()
        .Officer(new("SRO-1", "Officer One", Role.SRO, TestDistrictBuilder.Police, "NHS", OfficerStatus.Available))
        .Officer(new("CSO-1", "Officer Two", Role.CSO, TestDistrictBuilder.DistrictSafety, "BHS", OfficerStatus.OffDuty))
        .LapsedTraining("CSO-1", "first-aid", new DateOnly(2026, 11, 23));

    [Fact]
    public void The_snapshot_and_the_imported_rows_hold_the_same_district()
    {
        var builder = WithOfficers();
        var memory = builder.Snapshot();
        using var t = new TestDb();
        builder.Import(t.Db, ImportedAt);
        var stored = SnapshotLoader.Load(t.Db, ImportedAt);

        Assert.Equal(memory.District, stored.District);
        Assert.Equal(memory.Calendar.Values.OrderBy(d => d.Date), stored.Calendar.Values.OrderBy(d => d.Date));
        Assert.Equal(memory.Locations.Values.OrderBy(l => l.Code, StringComparer.Ordinal), stored.Locations.Values.OrderBy(l => l.Code, StringComparer.Ordinal));
        Assert.Equal(memory.Agencies.Values.OrderBy(a => a.Code, StringComparer.Ordinal), stored.Agencies.Values.OrderBy(a => a.Code, StringComparer.Ordinal));
        Assert.Equal(memory.Officers.Select(o => (o.Badge, o.Role, o.Agency, o.Post, o.Status)).Order(),
            stored.Officers.Select(o => (o.Badge, o.Role, o.Agency, o.Post, o.Status)).Order());
    }

    [Fact]
    public void There_is_one_sheriff_code_and_one_school_year_start()
    {
        var snap = TestDistrictBuilder.Create().Snapshot();
        Assert.Equal(TestDistrictBuilder.Sheriff, snap.Locations["NES"].Agency);
        Assert.Equal("PCSO", TestDistrictBuilder.Sheriff);
        Assert.Equal(new DateOnly(2026, 8, 31), snap.District.SchoolYearStart);
        Assert.Equal(TestDistrictBuilder.SchoolYearStart, Seed.TestDistrictSeed.Builder().Snapshot().District.SchoolYearStart);
    }
}
