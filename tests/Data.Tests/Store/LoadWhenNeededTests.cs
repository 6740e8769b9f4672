using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Store;

/// <summary>
/// Issue 14 (speed): <see cref="SnapshotLoader.LoadWhenNeeded"/> (the worker pass's snapshot) holds the same district
/// and, once asked, the same officers, open calls and counts as <see cref="SnapshotLoader.Load"/>, read at the first
/// question (which is why the pass asks before any write that moves an officer).
/// </summary>
public class LoadWhenNeededTests
{
    private static readonly DateTimeOffset At = new(2026, 10, 6, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Once_asked_it_holds_what_a_full_load_holds()
    {
        using var t = new TestDb();
        DistrictImport.Run(t.Db, DistrictSource.Demo, TestDb.Account, At);
        var badge = SnapshotLoader.Load(t.Db, At).Officers.First(o => o.Status == OfficerStatus.OffDuty).Badge;
        OfficerActions.SetStatus(t.Db, TestDb.Account, badge, OfficerStatus.Available, At, "shift start");

        var full = SnapshotLoader.Load(t.Db, At);
        var deferred = SnapshotLoader.LoadWhenNeeded(t.Db, At);

        Assert.Same(full.Locations, deferred.Locations); // the kept facts, shared
        Assert.Equal(full.Officers, deferred.Officers);
        Assert.Equal(full.OpenCallByBadge, deferred.OpenCallByBadge);
        Assert.Equal(full.CallsToday, deferred.CallsToday);
        Assert.Equal(OfficerStatus.Available, deferred.OfficersByBadge[badge].Status);
    }

    [Fact]
    public void The_officers_are_read_at_the_first_question_and_kept_after_it()
    {
        using var t = new TestDb();
        DistrictImport.Run(t.Db, DistrictSource.Demo, TestDb.Account, At);
        var badge = SnapshotLoader.Load(t.Db, At).Officers.First(o => o.Status == OfficerStatus.OffDuty).Badge;

        var deferred = SnapshotLoader.LoadWhenNeeded(t.Db, At);
        OfficerActions.SetStatus(t.Db, TestDb.Account, badge, OfficerStatus.Available, At, "shift start");
        Assert.Equal(OfficerStatus.Available, deferred.OfficersByBadge[badge].Status); // read now, after the write

        OfficerActions.SetStatus(t.Db, TestDb.Account, badge, OfficerStatus.OffDuty, At, "shift end");
        Assert.Equal(OfficerStatus.Available, deferred.OfficersByBadge[badge].Status); // kept: one moment
    }
}
