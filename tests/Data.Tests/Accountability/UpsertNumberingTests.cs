using Dapper;
using SafetyConsole.Data.Accountability;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests.Districts;

namespace SafetyConsole.Data.Tests.Accountability;

/// <summary>
/// Issue 17: a row that is only updated (a district re-import of a changed complaint, a second outreach log of the same
/// event) must not use up a number. PostgreSQL's INSERT … ON CONFLICT DO UPDATE draws an id from the sequence even when
/// it updates, so the next complaint a supervisor recorded was numbered higher than on SQLite ("Recorded complaint 7"
/// instead of 6): the numbers users see must be the same on both backends.
/// </summary>
public class UpsertNumberingTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 17, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)]
    public void A_complaint_updated_by_a_re_import_leaves_the_next_complaints_number_as_it_was(StoreBackend backend)
    {
        using var folder = new DemoFolder();
        using var t = new TestDb(backend);
        DistrictImport.Run(t.Db, folder.Source, TestDb.Account, At);
        var stored = AccountabilityReads.Complaints(t.Db).Count;

        folder.Set(DistrictFiles.Complaints, "ref", "HV-2026-001", "summary", "A parent felt the officer spoke harshly at dismissal (amended).");
        var again = DistrictImport.Run(t.Db, folder.Source, TestDb.Account, At);
        Assert.Equal(1, again[DistrictFiles.Complaints].Updated);

        var id = AccountabilityWrites.AddComplaint(t.Db, TestDb.Account, ComplaintChannel.School, "CSO-01", null, new DateOnly(2026, 11, 20),
            "A student said an officer blocked the exit.", At);
        Assert.Equal(stored + 1, id);
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)]
    public void An_outreach_event_logged_again_updates_it_without_using_up_a_number(StoreBackend backend)
    {
        using var t = new TestDb(backend);
        DistrictImport.Run(t.Db, DistrictSource.Demo, TestDb.Account, At);
        var ids = () => t.Db.Connection.Query<long>("SELECT id FROM outreach ORDER BY id").ToList();
        var before = ids();

        var existing = AccountabilityReads.Outreach(t.Db)[0];
        Assert.False(AccountabilityWrites.LogOutreach(t.Db, TestDb.Account, existing with { Attendees = 42 }, At));
        Assert.True(AccountabilityWrites.LogOutreach(t.Db, TestDb.Account,
            new OutreachEntry(OutreachKind.CommunityMeeting, Codes.DistrictPost, new DateOnly(2026, 11, 19), 30), At));

        Assert.Equal([.. before, before.Max() + 1], ids());
        Assert.Equal(42, AccountabilityReads.Outreach(t.Db).Single(o => o with { Attendees = null } == existing with { Attendees = null }).Attendees);
    }
}
