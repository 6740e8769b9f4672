using Dapper;
using SafetyConsole.Data.Accountability;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Accountability;

/// <summary>Issue 16: the writes of the agreement, complaint and outreach commands: supervisors only (R10), one event each, R9.</summary>
public class AccountabilityWritesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 17, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = new(2026, 11, 20);

    private static TestDb Demo()
    {
        var t = new TestDb();
        DistrictImport.Run(t.Db, DistrictSource.Demo, TestDb.Account, At);
        return t;
    }

    private static IReadOnlyList<(string Kind, string Actor, string Reason, string Detail)> Events(TestDb t, string kindPrefix) =>
        t.Db.Connection.Query<(string, string, string, string)>("SELECT kind, actor, reason, detail FROM events WHERE kind LIKE @p ORDER BY id", new { p = kindPrefix + "%" }).ToList();

    [Fact]
    public void A_new_agreement_is_recorded_with_an_event_and_R7_follows_it()
    {
        using var t = Demo();
        var a = new Agreement("NCSO", new DateOnly(2026, 11, 18), new DateOnly(2027, 11, 30), "§2", "§3", "§6", null, new DateOnly(2026, 11, 4), 5, 4, 3);
        Assert.True(AccountabilityWrites.SaveAgreement(t.Db, TestDb.Account, a, At));
        Assert.False(AccountabilityWrites.SaveAgreement(t.Db, TestDb.Account, a with { ClauseB = "" }, At));
        var events = Events(t, "agreement.");
        Assert.Equal(["agreement.adopted", "agreement.updated"], events.Select(e => e.Kind));
        Assert.Equal("NCSO's agreement adopted 2026-11-18, review due 2027-11-30 (R7); clause B missing (Policy 4311)", events[1].Reason);
        Assert.Equal(new DateOnly(2027, 11, 30), SnapshotLoader.Load(t.Db, At).Agencies["NCSO"].AgreementReviewDue);
    }

    [Fact]
    public void Only_supervisors_write_and_a_refusal_is_recorded_R10()
    {
        using var t = Demo();
        Operators.Add(t.Db, TestDb.Account, "dana", OperatorRole.Dispatcher, At);
        var e = Assert.Throws<SafetyException>(() =>
            AccountabilityWrites.AddComplaint(t.Db, "dana", ComplaintChannel.School, "CSO-01", null, Day, "A parent called.", At));
        Assert.Equal(1, e.ExitCode);
        Assert.StartsWith("R10: dana is a dispatcher and may not record complaints;", e.Message, StringComparison.Ordinal);
        Assert.Throws<SafetyException>(() => AccountabilityWrites.LogOutreach(t.Db, "viv", new OutreachEntry(OutreachKind.FamilyNotice, "TRAE", Day, null), At));
        Assert.Equal(2, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE kind = 'refused'"));
        Assert.Equal(5, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM complaints"));
    }

    [Fact]
    public void A_complaint_moves_on_and_its_summary_never_reaches_the_event_log_R9()
    {
        using var t = Demo();
        const string summary = "Parent of a 7th grader: the officer raised his voice at lunch.";
        var id = AccountabilityWrites.AddComplaint(t.Db, TestDb.Account, ComplaintChannel.School, "CSO-06", null, Day, summary, At);
        Assert.Equal(6, id);
        var investigating = AccountabilityWrites.UpdateComplaint(t.Db, TestDb.Account, id, ComplaintStatus.Investigating, null, null, At);
        Assert.Equal(ComplaintStatus.Investigating, investigating.Status);
        var resolved = AccountabilityWrites.UpdateComplaint(t.Db, TestDb.Account, id, null, ComplaintFinding.Unfounded, new DateOnly(2026, 11, 23), At);
        Assert.Equal((ComplaintStatus.Resolved, ComplaintFinding.Unfounded, 3), (resolved.Status, resolved.Finding!.Value, resolved.DaysToResponse!.Value));

        var events = Events(t, "complaint.");
        Assert.Equal(["complaint.received", "complaint.updated", "complaint.updated"], events.Select(e => e.Kind));
        Assert.Equal("complaint 6 resolved, finding unfounded, responded 2026-11-23 (3 days after receipt)", events[2].Reason);
        Assert.All(events, e => Assert.DoesNotContain("voice", e.Reason + e.Detail, StringComparison.Ordinal));

        var final = Assert.Throws<SafetyException>(() => AccountabilityWrites.UpdateComplaint(t.Db, TestDb.Account, id, ComplaintStatus.Investigating, null, null, At));
        Assert.Equal(1, final.ExitCode);
        Assert.Equal("Complaint 6 is resolved (unfounded); a resolved complaint is final: record a new one if the family complains again.", final.Message);
    }

    [Fact]
    public void Bad_complaint_input_is_one_sentence_and_changes_nothing()
    {
        using var t = Demo();
        var about = Assert.Throws<SafetyException>(() => AccountabilityWrites.AddComplaint(t.Db, TestDb.Account, ComplaintChannel.School, "CSO-99", null, Day, "x", At));
        Assert.Equal(2, about.ExitCode);
        Assert.StartsWith("--about 'CSO-99' is neither a badge nor an agency;", about.Message, StringComparison.Ordinal);
        var call = Assert.Throws<SafetyException>(() => AccountabilityWrites.AddComplaint(t.Db, TestDb.Account, ComplaintChannel.School, "CSO-01", 999, Day, "x", At));
        Assert.Equal("There is no call 999; check the number with `safety-console calls list`, or leave --call out.", call.Message);
        var early = Assert.Throws<SafetyException>(() => AccountabilityWrites.UpdateComplaint(t.Db, TestDb.Account, 5, null, null, new DateOnly(2026, 11, 1), At));
        Assert.Equal("Complaint 5: the response date 2026-11-01 is before the complaint was received on 2026-11-09; fix one of the two dates.", early.Message);
        Assert.Equal(0, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE kind LIKE 'complaint.%'"));
    }

    [Fact]
    public void Outreach_is_logged_once_per_kind_place_and_day()
    {
        using var t = Demo();
        var notice = new OutreachEntry(OutreachKind.FamilyNotice, "TRAE", Day, null);
        Assert.True(AccountabilityWrites.LogOutreach(t.Db, TestDb.Account, notice, At));
        Assert.False(AccountabilityWrites.LogOutreach(t.Db, TestDb.Account, notice with { Attendees = 300 }, At));
        Assert.Single(AccountabilityReads.Outreach(t.Db), o => o.Location == "TRAE");
        Assert.Equal(["family-notice at TRAE on 2026-11-20", "family-notice at TRAE on 2026-11-20, 300 attending (updated)"], Events(t, "outreach.").Select(e => e.Reason));
        var e = Assert.Throws<SafetyException>(() => AccountabilityWrites.LogOutreach(t.Db, TestDb.Account, notice with { Location = "MARS" }, At));
        Assert.Equal("--location 'MARS' is not a location; give a location code or DISTRICT.", e.Message);
    }
}
