using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Reports;
using SafetyConsole.Data.Store;
using static SafetyConsole.Data.Tests.Reports.ReportHistory;

namespace SafetyConsole.Data.Tests.Reports;

/// <summary>Nearest-rank percentiles (rank ⌈p/100 × n⌉) and the report period, at their edges.</summary>
public class PercentileTests
{
    [Theory]
    [InlineData(50, 1, 1)]
    [InlineData(90, 1, 1)]
    [InlineData(50, 2, 1)]   // even count: the lower middle
    [InlineData(90, 2, 2)]
    [InlineData(50, 4, 2)]
    [InlineData(50, 5, 3)]
    [InlineData(90, 10, 9)]  // exactly 9.0
    [InlineData(90, 11, 10)] // 9.9 → 10
    [InlineData(100, 7, 7)]
    [InlineData(1, 100, 1)]
    public void Nearest_rank(int percent, int count, int rank) => Assert.Equal(rank, Percentiles.NearestRank(percent, count));

    [Fact]
    public void No_values_have_no_median_or_percentile() =>
        Assert.Equal(new DurationStats(0, null, null), DurationStats.Of([]));

    [Fact]
    public void One_value_is_its_own_median_and_percentile() =>
        Assert.Equal(new DurationStats(1, S(42), S(42)), DurationStats.Of([S(42)]));

    [Fact]
    public void Two_values_median_is_the_lower_p90_the_upper() =>
        Assert.Equal(new DurationStats(2, S(10), S(20)), DurationStats.Of([S(20), S(10)]));

    [Fact]
    public void Ties_are_just_equal_values() =>
        Assert.Equal(new DurationStats(5, S(30), S(30)), DurationStats.Of([S(30), S(10), S(30), S(30), S(30)]));

    [Fact]
    public void Even_count_ten_values()
    {
        var values = Enumerable.Range(1, 10).Select(i => S(i * 10)).Reverse().ToArray();
        Assert.Equal(new DurationStats(10, S(50), S(90)), DurationStats.Of(values));
    }

    private static readonly District District = new("N", "America/Los_Angeles", D("2026-08-31"), D("2027-06-16"), 30, 60);

    [Fact]
    public void Default_period_inside_the_school_year_is_the_year_to_date() =>
        Assert.Equal(new ReportPeriod(D("2026-08-31"), D("2026-10-15"), "school year to date"),
            ReportPeriod.Resolve(null, null, District, D("2026-10-15")));

    [Fact]
    public void Default_period_outside_the_school_year_is_the_last_30_days() =>
        Assert.Equal(new ReportPeriod(D("2026-07-02"), D("2026-07-31"), "the last 30 days (outside the school year)"),
            ReportPeriod.Resolve(null, null, District, D("2026-07-31")));

    [Fact]
    public void A_to_date_alone_inside_the_year_starts_the_year() =>
        Assert.Equal(new ReportPeriod(D("2026-08-31"), D("2026-09-30"), "school year to --to"),
            ReportPeriod.Resolve(null, D("2026-09-30"), District, D("2027-01-10")));

    [Fact]
    public void A_start_after_the_end_is_bad_usage()
    {
        var e = Assert.Throws<SafetyException>(() => ReportPeriod.Resolve(D("2026-10-02"), D("2026-10-01"), District, D("2026-10-15")));
        Assert.Equal(2, e.ExitCode);
        Assert.StartsWith("The period starts 2026-10-02 after it ends 2026-10-01;", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("10/01/2026")]
    [InlineData("2026-10-01T00:00")]
    public void A_bad_date_is_one_sentence_exit_2(string text)
    {
        var e = Assert.Throws<SafetyException>(() => ReportPeriod.ParseDate(text, "--from"));
        Assert.Equal(2, e.ExitCode);
        Assert.Equal($"--from '{text}' is not a date; write it as YYYY-MM-DD, e.g. 2026-09-01.", e.Message);
    }

    private static TimeSpan S(int seconds) => TimeSpan.FromSeconds(seconds);
}
