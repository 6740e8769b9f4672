using Dapper;
using SafetyConsole.Data.Accountability;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Reports;
using SafetyConsole.Data.Routing;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests.Districts;

namespace SafetyConsole.Data.Tests.Accountability;

/// <summary>Issue 16: the optional files of `district import` and what R7 makes of them.</summary>
public class AccountabilityImportTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 17, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static ImportResult Import(TestDb t, DistrictSource source) => DistrictImport.Run(t.Db, source, TestDb.Account, At);

    [Fact]
    public void The_demo_loads_agreements_topics_hours_outreach_and_complaints()
    {
        using var t = new TestDb();
        Import(t, DistrictSource.Demo);
        var agreements = AccountabilityReads.Agreements(t.Db);
        Assert.Equal(["HVPD", "NCSO"], agreements.Select(a => a.Agency));
        Assert.Empty(agreements[0].MissingClauses);
        Assert.Equal(["B"], agreements[1].MissingClauses);
        Assert.Equal(18, AccountabilityReads.Topics(t.Db).Count);
        Assert.Equal(13, AccountabilityReads.Topics(t.Db).Count(x => x.Source.Contains(AnnualReports.SeriesStatute, StringComparison.Ordinal)));
        Assert.Equal(60, AccountabilityReads.Requirements(t.Db).Single(r => r.Role == Role.CSO).AnnualHours);
        Assert.Equal(5, AccountabilityReads.Complaints(t.Db).Count);
        Assert.Contains(AccountabilityReads.Complaints(t.Db), c => c.AboutAgency == "NCSO" && c.AboutBadge is null);
        Assert.Equal(8, DistrictReads.Training(t.Db).Single(x => x.Badge == "CSO-01" && x.Topic == "first-aid").Hours);
        Assert.Equal(30, DistrictReads.District(t.Db)!.ComplaintResponseDays);
    }

    [Fact]
    public void Re_importing_the_optional_files_changes_nothing()
    {
        using var t = new TestDb();
        Import(t, DistrictSource.Demo);
        var again = Import(t, DistrictSource.Demo);
        Assert.False(again.ChangedAnything);
        foreach (var file in DistrictFiles.Optional) Assert.Equal(0, again[file].Inserted + again[file].Updated);
    }

    [Fact]
    public void A_folder_without_the_optional_files_imports_as_before()
    {
        using var folder = new DemoFolder();
        foreach (var file in DistrictFiles.Optional) folder.Delete(file);
        folder.RemoveColumn(DistrictFiles.Training, "hours");
        using var t = new TestDb();
        var result = Import(t, folder.Source);
        Assert.Equal(DistrictFiles.All, result.Files.Select(f => f.File));
        Assert.Empty(AccountabilityReads.Agreements(t.Db));
        Assert.All(DistrictReads.Training(t.Db), x => Assert.Equal(0, x.Hours));
    }

    [Theory]
    [InlineData("agreements.csv", "agency", "NCSO", "review_due", "2025-12-01", "agreements.csv line 3: review_due 2025-12-01 is not after adopted_on 2025-12-16; fix one of the two dates (the agreement is reviewed every year, R7).")]
    [InlineData("agreements.csv", "agency", "NCSO", "agency", "HVSD", "agreements.csv line 3: HVSD is the district itself; give the police agency or security company the agreement is with.")]
    [InlineData("agreements.csv", "agency", "NCSO", "students", "some", "agreements.csv line 3: students 'some' is not a whole number from 0 to 100000; write how many students took part, e.g. 12.")]
    [InlineData("complaints.csv", "ref", "HV-2026-002", "finding", "", "complaints.csv line 3: a resolved complaint has no finding; give its finding (sustained, not-sustained, unfounded or withdrawn).")]
    [InlineData("complaints.csv", "ref", "HV-2026-002", "about", "CSO-99", "complaints.csv line 3: about 'CSO-99' is neither a badge in officers.csv nor an agency in agencies.csv; give the badge of the officer or the code of the agency the complaint is about.")]
    [InlineData("complaints.csv", "ref", "HV-2026-002", "channel", "email", "complaints.csv line 3: channel 'email' is not a complaint channel; use school, agency or district.")]
    [InlineData("complaints.csv", "ref", "HV-2026-002", "responded_on", "2026-09-01", "complaints.csv line 3: the response date 2026-09-01 is before the complaint was received on 2026-09-29; fix one of the two dates.")]
    [InlineData("outreach.csv", "location", "JMS", "kind", "assembly", "outreach.csv line 4: kind 'assembly' is not an outreach kind; use student-presentation, family-notice, advisory-board or community-meeting.")]
    [InlineData("outreach.csv", "location", "JMS", "location", "NOPE", "outreach.csv line 4: location 'NOPE' is not in locations.csv; give a location code or DISTRICT.")]
    [InlineData("training_topics.csv", "code", "first-aid", "required_for", "CSO Janitor", "training_topics.csv line 17: required_for names 'Janitor', which is not a role; list roles separated by spaces, from SLO SRO SSO CSO CSS SGT, or leave it empty.")]
    [InlineData("training_requirements.csv", "role", "CSO", "annual_hours", "lots", "training_requirements.csv line 6: annual_hours 'lots' is not a number of hours; write hours from 0 to 2000 with a point, e.g. 8 or 1.5.")]
    [InlineData("training.csv", "badge", "CSO-01", "hours", "-2", "training.csv line 2: hours '-2' is not a number of hours; write hours from 0 to 2000 with a point, e.g. 8 or 1.5.")]
    [InlineData("training.csv", "badge", "CSO-01", "topic", "knitting", "training.csv line 2: topic 'knitting' is not in training_topics.csv; add it to the catalogue or fix the topic.")]
    [InlineData("district.csv", "name", "Harbor Valley School District", "complaint_response_days", "0", "district.csv line 2: complaint_response_days '0' is not a whole number from 1 to 365; write the days the district gives itself to respond to a family complaint, e.g. 30.")]
    public void A_bad_row_is_one_sentence_naming_file_line_and_fix_and_nothing_is_written(string file, string keyColumn, string key, string column, string value, string message)
    {
        using var folder = new DemoFolder();
        folder.Set(file, keyColumn, key, column, value);
        using var t = new TestDb();
        var e = Assert.Throws<SafetyException>(() => Import(t, folder.Source));
        Assert.Equal(2, e.ExitCode);
        Assert.Equal(message, e.Message);
        Assert.Equal(0, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM agencies"));
        Assert.Equal(0, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM complaints"));
    }

    [Fact]
    public void A_contractor_needs_a_review_date_or_an_agreement_R7()
    {
        using var folder = new DemoFolder();
        var line = folder.Append(DistrictFiles.Agencies, ("code", "SGS"), ("name", "Sound Guard Services"), ("kind", "contractor"));
        using var t = new TestDb();
        var e = Assert.Throws<SafetyException>(() => Import(t, folder.Source));
        Assert.Equal($"agencies.csv line {line}: contractor agency SGS has no agreement_review_due; give the date its annual agreement with the district is due for review (R7), or add the agreement to agreements.csv.", e.Message);

        folder.Append(DistrictFiles.Agreements, ("agency", "SGS"), ("adopted_on", "2026-08-01"), ("review_due", "2027-07-31"), ("clause_a", "§1"));
        Import(t, folder.Source);
        var sgs = DistrictReads.Agencies(t.Db).Single(a => a.Code == "SGS");
        Assert.Equal(AgencyKind.Contractor, sgs.Kind);
        Assert.Equal(new DateOnly(2027, 7, 31), SnapshotLoader.Load(t.Db, At).Agencies["SGS"].AgreementReviewDue);
    }

    [Fact]
    public void R7_takes_the_review_date_from_the_latest_adopted_agreement()
    {
        using var folder = new DemoFolder();
        // agencies.csv says HVPD is due 2027-08-31; its latest agreement says it was due on 2026-11-01.
        folder.Append(DistrictFiles.Agreements, ("agency", "HVPD"), ("adopted_on", "2026-09-01"), ("review_due", "2026-11-01"));
        using var t = new TestDb();
        Import(t, folder.Source);
        var snap = SnapshotLoader.Load(t.Db, At);
        Assert.False(snap.AgreementCurrent("HVPD", Today));
        Assert.True(snap.AgreementCurrent("NCSO", Today));
        var call = new Call(1, "test", "x", At, "LHS", "WEAPON", 1, "", null, null, CallStatus.Pending, CallClass.Liaison);
        var rec = Router.Recommend(call, CallClass.Liaison, snap, PolicySettings.Default, At);
        Assert.Contains(rec.Excluded, x => x.Badge == "SRO-1" && x.Reason.Contains("HVPD's agreement with the district was due for review 2026-11-01", StringComparison.Ordinal));
    }

    [Fact]
    public void R7_keeps_out_an_officer_who_never_completed_a_topic_required_for_the_role()
    {
        using var folder = new DemoFolder();
        folder.Set(DistrictFiles.TrainingTopics, "code", "rcw-ferpa", "required_for", "SRO");
        using var t = new TestDb();
        Import(t, folder.Source);
        var snap = SnapshotLoader.Load(t.Db, At);
        Assert.True(snap.TrainingCurrent("SRO-1", Today)); // SRO-1 did the series in August
        Assert.True(snap.TrainingCurrent("CSO-01", Today)); // not required for CSOs

        folder.Set(DistrictFiles.TrainingTopics, "code", "rcw-disparities", "required_for", "SSO");
        Import(t, folder.Source);
        snap = SnapshotLoader.Load(t.Db, At);
        Assert.False(snap.TrainingCurrent("SSO-1", Today));
        Assert.Equal(["rcw-disparities never completed (required for SSO)"], snap.LapsedTraining("SSO-1", Today).Select(snap.DescribeLapse));
        var call = new Call(1, "test", "x", At, "BHS", "WEAPON", 1, "", null, null, CallStatus.Pending, CallClass.Liaison);
        Assert.Contains(Router.Recommend(call, CallClass.Liaison, snap, PolicySettings.Default, At).Excluded,
            x => x.Badge == "SSO-1" && x.Reason.StartsWith("R7: training lapsed: rcw-disparities never completed (required for SSO)", StringComparison.Ordinal));
    }
}
