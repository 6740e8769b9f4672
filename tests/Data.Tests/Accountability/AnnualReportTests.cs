using SafetyConsole.Data.Accountability;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Reports;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Accountability;

/// <summary>Issue 16: `compliance annual` on the demo district shows each kind of finding.</summary>
public class AnnualReportTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 17, 0, 0, TimeSpan.Zero);

    private static AnnualReport Demo(TestDb t)
    {
        DistrictImport.Run(t.Db, DistrictSource.Demo, TestDb.Account, At);
        return AnnualFacts.Load(t.Db, new SchoolYear(2026), At);
    }

    [Fact]
    public void The_demo_year_has_each_kind_of_finding_and_its_statute()
    {
        using var t = new TestDb();
        var r = Demo(t);
        Assert.Equal("2026-27", r.Year);
        Assert.Equal(new DateOnly(2026, 9, 1), r.From);
        Assert.Equal(new DateOnly(2026, 11, 23), r.AsOf);
        string[] What(string section) => r.Missing.Where(m => m.Section == section).Select(m => m.What).ToArray();

        Assert.Equal(
        [
            "NCSO's agreement has no clause B (jointly determined hiring, placement and performance evaluation)",
            "NCSO's clause C training plan was due 2026-10-31",
            "NCSO's stakeholder review on 2025-12-02 involved no students",
        ], What("agreements"));
        Assert.Equal(
        [
            "VIEE (Vista Elementary) has no presentation to students on the role of safety staff",
            "VIEE (Vista Elementary) has no notice to families on the role of safety staff",
            "TRAE (Trail's End Elementary) has no presentation to students on the role of safety staff",
            "TRAE (Trail's End Elementary) has no notice to families on the role of safety staff",
        ], What("outreach"));
        Assert.Equal(["complaint 3 received 2026-10-06 has had no response for 48 days (the district's response time is 30)"], What("complaints"));
        Assert.Contains(What("training"), w => w.Contains("expired", StringComparison.Ordinal));
        Assert.Contains("SLO-1 (SLO) has 39 h of the 40 h training hours required this year", What("training"));
        Assert.DoesNotContain(What("training"), w => w.StartsWith("SRO-1 ", StringComparison.Ordinal));
        Assert.Contains(r.Missing, m => m.Basis.Contains("RCW 28A.320.124", StringComparison.Ordinal));
        Assert.Contains(r.Missing, m => m.Basis.StartsWith("Policy 4311 clause B", StringComparison.Ordinal));
    }

    [Fact]
    public void Staff_agreements_outreach_training_and_complaints_are_counted()
    {
        using var t = new TestDb();
        var r = Demo(t);
        Assert.Equal(48, r.Staff.Count);
        var lhs = r.Staff.Single(s => s.Location == "LHS");
        Assert.Equal(["CSO-01 (CSO)", "SRO-1 (SRO)"], lhs.Posted);
        Assert.Contains("CSS-1 (CSS)", lhs.Shared);
        Assert.Equal(5, lhs.DaysPerWeek);
        Assert.Equal(48, r.Outreach.Count);
        Assert.Equal(2, r.AdvisoryBoardMeetings);
        Assert.Equal(2, r.CommunityMeetings);
        var ncso = r.Agreements.Single(a => a.Agency == "NCSO");
        Assert.Equal((6, 0, 3), (ncso.Parents, ncso.Students, ncso.Community));
        var sro = r.Training.Single(x => x.Badge == "SRO-1");
        Assert.Equal((45.0, 40.0, 13, 13), (sro.Hours, sro.RequiredHours, sro.SeriesCompleted, sro.SeriesTopics));
        var c = r.Complaints;
        Assert.Equal((5, 2, 1, 30), (c.Received, c.Open, c.Overdue, c.ResponseDays));
        Assert.Equal(["sustained 1", "not-sustained 1", "unfounded 0", "withdrawn 1", "open 2"], c.ByFinding.Select(f => $"{f.Key} {f.Count}"));
        Assert.Equal((3, 3, 17, 21), (c.Responded, c.RespondedInTime, c.MedianDaysToResponse, c.MaxDaysToResponse));
    }

    [Fact]
    public void A_school_year_is_september_to_august_and_a_bad_one_is_refused()
    {
        var y = SchoolYear.Parse("2026-27", "--year");
        Assert.Equal((new DateOnly(2026, 9, 1), new DateOnly(2027, 8, 31)), (y.From, y.To));
        Assert.Equal(y, SchoolYear.Parse("2026-2027", "--year"));
        Assert.Equal(y, SchoolYear.Of(new DateOnly(2027, 8, 31)));
        Assert.Equal(new SchoolYear(2025), SchoolYear.Of(new DateOnly(2026, 8, 31)));
        var e = Assert.Throws<SafetyException>(() => SchoolYear.Parse("2026-28", "--year"));
        Assert.Equal("--year '2026-28' is not a school year; write it like 2026-27 (September 1, 2026 to August 31, 2027).", e.Message);
    }
}
