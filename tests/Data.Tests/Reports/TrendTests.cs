using SafetyConsole.Data.Store;
using SafetyConsole.Data.Reports;
using static SafetyConsole.Data.Tests.Reports.ReportHistory;

namespace SafetyConsole.Data.Tests.Reports;

/// <summary>Issue 16: the dashboard's trend, by week (Monday) up to 120 days, else by month, on the October history.</summary>
public class TrendTests
{
    private static readonly DateTimeOffset Now = At("2026-11-02T12:00:00-08:00");

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: sums, averages, percentiles, NULLs and orders the same on both
    public void A_month_charts_by_week_with_the_law_enforcement_outcomes_of_each(StoreBackend backend)
    {
        using var h = October(backend);
        var r = ReportFacts.Load(h.Db, D("2026-10-01"), D("2026-10-31"), ReportGrouping.School, Now);
        // Arrest (03), citation (04) and referral (15, R4 referrals included) count as outcomes.
        Assert.Equal(["Sep 28: 0 calls, 0", "Oct 5: 6 calls, 3", "Oct 12: 4 calls, 2", "Oct 19: 0 calls, 0", "Oct 26: 1 calls, 0"],
            r.Trend.Select(p => $"{p.Label}: {p.Calls} calls, {p.Outcomes}"));
        Assert.Equal(r.Totals.Total, r.Trend.Sum(p => p.Calls));
        Assert.Equal(0, r.Complaints);
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: sums, averages, percentiles, NULLs and orders the same on both
    public void A_longer_period_charts_by_month(StoreBackend backend)
    {
        using var h = October(backend);
        var r = ReportFacts.Load(h.Db, D("2026-06-01"), D("2026-10-31"), ReportGrouping.School, Now);
        Assert.Equal(["Jun 2026: 0", "Jul 2026: 0", "Aug 2026: 0", "Sep 2026: 1", "Oct 2026: 11"], r.Trend.Select(p => $"{p.Label}: {p.Calls}"));
    }
}
