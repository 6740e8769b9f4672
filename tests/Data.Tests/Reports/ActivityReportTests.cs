using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Reports;
using SafetyConsole.Data.Store;
using static SafetyConsole.Data.Tests.Reports.ReportHistory;

namespace SafetyConsole.Data.Tests.Reports;

/// <summary>Every figure of the activity report on the hand-made October history (<see cref="ReportHistory.October"/>), worked by hand.</summary>
public class ActivityReportTests
{
    private static readonly DateTimeOffset Now = At("2026-11-02T12:00:00-08:00");

    private static ActivityReport October(ReportHistory h, ReportGrouping by = ReportGrouping.School) =>
        ReportFacts.Load(h.Db, D("2026-10-01"), D("2026-10-31"), by, Now);

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: sums, averages, percentiles, NULLs and orders the same on both
    public void Calls_by_class_count_the_period_inclusive_in_district_time(StoreBackend backend)
    {
        using var h = ReportHistory.October(backend);
        var r = October(h);
        // 11 of 13 calls: 2026-09-30 23:59:59 and 2026-11-01 00:00 (PDT) fall outside; 2026-10-31 23:59 is inside.
        Assert.Equal(new ClassCounts(Liaison: 5, Campus: 5, Discipline: 1), r.Totals);
        Assert.Equal(11, r.Totals.Total);
        Assert.Equal("Narrows School District", r.District);
        Assert.Equal(new ReportPeriod(D("2026-10-01"), D("2026-10-31"), "--from to --to"), r.Period);
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: sums, averages, percentiles, NULLs and orders the same on both
    public void Calls_by_type_are_ordered_by_class_then_count(StoreBackend backend)
    {
        using var h = ReportHistory.October(backend);
        var r = October(h);
        Assert.Equal(
            ["SUSP 1", "THREATS 1", "TRESPASS 1", "VANDAL 1", "WEAPON 1", "FIGHT 2", "ALRBA 1", "INTERVENE 1", "WELFARE 1", "DISCIPLINE 1"],
            r.ByType.Select(t => $"{t.Type} {t.Calls}"));
        Assert.Equal(CallClass.Campus, r.ByType.Single(t => t.Type == "FIGHT").Class);
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: sums, averages, percentiles, NULLs and orders the same on both
    public void Grouped_by_school(StoreBackend backend)
    {
        using var h = ReportHistory.October(backend);
        var r = October(h, ReportGrouping.School);
        Assert.Equal(
            [
                new GroupCount("NHS", "Narrows High School", new ClassCounts(2, 3, 0), Arrests: 1, Citations: 1, Referrals: 1),
                new GroupCount("BHS", "Bayview High School", new ClassCounts(2, 1, 0), 0, 0, 2),
                new GroupCount("NMS", "Narrows Middle School", new ClassCounts(1, 1, 1), 0, 0, 0),
            ],
            r.ByGroup);
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: sums, averages, percentiles, NULLs and orders the same on both
    public void Grouped_by_zone_and_by_agency_of_jurisdiction(StoreBackend backend)
    {
        using var h = ReportHistory.October(backend);
        var zone = October(h, ReportGrouping.Zone);
        Assert.Equal(["NHS Narrows High School 8 a1 c1 r1", "BHS Bayview High School 3 a0 c0 r2"],
            zone.ByGroup.Select(g => $"{g.Key} {g.Label} {g.Calls.Total} a{g.Arrests} c{g.Citations} r{g.Referrals}"));
        var agency = October(h, ReportGrouping.Agency);
        Assert.Equal(["TPD Tacoma Police Department 8", "PCSO Pierce County Sheriff's Office 3"],
            agency.ByGroup.Select(g => $"{g.Key} {g.Label} {g.Calls.Total}"));
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: sums, averages, percentiles, NULLs and orders the same on both
    public void Grouped_by_type(StoreBackend backend)
    {
        using var h = ReportHistory.October(backend);
        var r = October(h, ReportGrouping.Type);
        Assert.Equal("FIGHT Fight 0/2/0", $"{r.ByGroup[0].Key} {r.ByGroup[0].Label} {r.ByGroup[0].Calls.Liaison}/{r.ByGroup[0].Calls.Campus}/{r.ByGroup[0].Calls.Discipline}");
        Assert.Equal(10, r.ByGroup.Count);
        Assert.Equal(1, r.ByGroup.Single(g => g.Key == "WEAPON").Citations);
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: sums, averages, percentiles, NULLs and orders the same on both
    public void Grouped_by_month_lists_every_month_of_the_period_even_empty_ones(StoreBackend backend)
    {
        using var h = ReportHistory.October(backend);
        var r = ReportFacts.Load(h.Db, D("2026-08-01"), D("2026-11-30"), ReportGrouping.Month, Now);
        Assert.Equal(["2026-08 August 2026 0", "2026-09 September 2026 1", "2026-10 October 2026 11", "2026-11 November 2026 1"],
            r.ByGroup.Select(g => $"{g.Key} {g.Label} {g.Calls.Total}"));
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: sums, averages, percentiles, NULLs and orders the same on both
    public void Outcomes_show_arrests_citations_and_referrals_apart_R4_referrals_count_as_15(StoreBackend backend)
    {
        using var h = ReportHistory.October(backend);
        var o = October(h).Outcomes;
        Assert.Equal((1, 1, 3), (o.Arrests, o.Citations, o.Referrals));
        Assert.Equal(
            [
                new DispositionCount("01", "Report taken", 1), new DispositionCount("03", "Arrest", 1),
                new DispositionCount("04", "Citation", 1), new DispositionCount("15", "Referred to partner agency", 3),
            ],
            o.ByDisposition);
        Assert.Equal(
            [
                new StatusCount(CallStatus.New, 1), new StatusCount(CallStatus.Diverted, 2),
                new StatusCount(CallStatus.Escalated, 1), new StatusCount(CallStatus.Cancelled, 1),
            ],
            o.WithoutDisposition);
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: sums, averages, percentiles, NULLs and orders the same on both
    public void First_response_by_priority_R5(StoreBackend backend)
    {
        using var h = ReportHistory.October(backend);
        var rows = October(h).FirstResponse;
        Assert.Equal([1, 2, 3, 4, null], rows.Select(r => r.Priority));

        var p1 = rows[0];
        Assert.Equal(TimeSpan.FromSeconds(60), p1.Deadline);
        Assert.Equal((2, 1, 1, 0, 0), (p1.Calls, p1.Met, p1.Missed, p1.NotDue, p1.Escalated));
        Assert.Equal(new DurationStats(2, S(30), S(90)), p1.ToAssignment); // even count: the median is the lower middle
        Assert.Equal(new DurationStats(2, S(300), S(600)), p1.ToArrival);

        var p2 = rows[1]; // call 3 assigned exactly at its deadline (missed: R5, the worker's moment); call 8 escalated, never assigned (missed)
        Assert.Equal((2, 0, 2, 0, 1), (p2.Calls, p2.Met, p2.Missed, p2.NotDue, p2.Escalated));
        Assert.Equal(new DurationStats(1, S(180), S(180)), p2.ToAssignment); // one call: median = p90 = it
        Assert.Equal(new DurationStats(1, S(400), S(400)), p2.ToArrival);

        var p3 = rows[2]; // the referred VANDAL and the cancelled ALRBA had no deadline and no officer: not counted
        Assert.Equal((1, 1, 0, 0), (p3.Calls, p3.Met, p3.Missed, p3.NotDue));
        Assert.Equal(new DurationStats(1, S(100), S(100)), p3.ToAssignment);

        var p4 = rows[3]; // no calls: no median, no percentile
        Assert.Equal(new FirstResponseRow(4, TimeSpan.FromMinutes(60), 0, 0, 0, 0, 0, new DurationStats(0, null, null), new DurationStats(0, null, null)), p4);

        var all = rows[4];
        Assert.Null(all.Deadline);
        Assert.Equal((5, 2, 3, 0, 1), (all.Calls, all.Met, all.Missed, all.NotDue, all.Escalated));
        Assert.Equal(new DurationStats(4, S(90), S(180)), all.ToAssignment); // 30 90 100 180: ranks 2 and 4
        Assert.Equal(new DurationStats(4, S(400), S(600)), all.ToArrival);   // 300 400 500 600
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: sums, averages, percentiles, NULLs and orders the same on both
    public void Met_and_missed_use_the_same_definition_as_status_R5(StoreBackend backend)
    {
        using var h = ReportHistory.October(backend);
        var all = October(h).FirstResponse[^1];
        // status counts "today"; the same calls counted by the report's definition give the same numbers.
        var byStatusDefinition = new[]
        {
            FirstResponse.Outcome(At("2026-10-05T10:01:00-07:00"), At("2026-10-05T10:00:30-07:00"), false, Now),
            FirstResponse.Outcome(At("2026-10-06T11:01:00-07:00"), At("2026-10-06T11:01:30-07:00"), false, Now),
            FirstResponse.Outcome(At("2026-10-07T09:03:00-07:00"), At("2026-10-07T09:03:00-07:00"), false, Now),
            FirstResponse.Outcome(At("2026-10-13T10:03:00-07:00"), null, true, Now),
            FirstResponse.Outcome(At("2026-10-14T10:15:00-07:00"), At("2026-10-14T10:01:40-07:00"), false, Now),
        };
        Assert.Equal(byStatusDefinition.Count(o => o == DeadlineOutcome.Met), all.Met);
        Assert.Equal(byStatusDefinition.Count(o => o == DeadlineOutcome.Missed), all.Missed);
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: sums, averages, percentiles, NULLs and orders the same on both
    public void A_pending_call_before_its_deadline_is_not_due_yet(StoreBackend backend)
    {
        using var h = new ReportHistory(backend: backend);
        h.Call("FIGHT", "NHS", "2026-10-05T10:00:00-07:00", 1, "PENDING", deadlineSeconds: 60, cls: "CAMPUS");
        var r = ReportFacts.Load(h.Db, D("2026-10-05"), D("2026-10-05"), ReportGrouping.School, At("2026-10-05T10:00:30-07:00"));
        Assert.Equal((1, 0, 0, 1), (r.FirstResponse[0].Calls, r.FirstResponse[0].Met, r.FirstResponse[0].Missed, r.FirstResponse[0].NotDue));
        Assert.Equal(new DurationStats(0, null, null), r.FirstResponse[0].ToAssignment);
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: sums, averages, percentiles, NULLs and orders the same on both
    public void Escalations_and_overrides_with_who_when_and_reason_R7(StoreBackend backend)
    {
        using var h = ReportHistory.October(backend);
        var r = October(h);
        Assert.Equal(1, r.Escalations);
        var o = Assert.Single(r.Overrides);
        Assert.Equal(new OverrideFact(At("2026-10-14T10:01:40-07:00"), "sgt.kim", 9, "WELFARE", "BHS", "CSO-2",
            "Only officer nearby; renewal booked for 10-20"), o);
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: sums, averages, percentiles, NULLs and orders the same on both
    public void Diverted_calls_by_reason_R2_R3_and_those_reclassified_afterwards(StoreBackend backend)
    {
        using var h = ReportHistory.October(backend);
        var d = October(h).Diverted;
        Assert.Equal(2, d.Calls);
        Assert.Equal(
            [
                new ReasonCount(DivertReason.Discipline, "R2", "routine discipline, to school administration", 1),
                new ReasonCount(DivertReason.NoBasis, "R3", "request for intervention without a qualifying basis", 1),
            ],
            d.ByReason);
        Assert.Equal([new KeyCount("NHS", "Narrows High School", 1), new KeyCount("NMS", "Narrows Middle School", 1)], d.BySchool);
        Assert.Equal(1, d.ReclassifiedAfterwards);
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: sums, averages, percentiles, NULLs and orders the same on both
    public void Referrals_outside_the_school_day_window_by_agency_class_and_day_R4(StoreBackend backend)
    {
        using var h = ReportHistory.October(backend);
        var f = October(h).Referred;
        Assert.Equal(2, f.Calls);
        Assert.Equal([new KeyCount("PCSO", "Pierce County Sheriff's Office", 1), new KeyCount("TPD", "Tacoma Police Department", 1)], f.ByAgency);
        Assert.Equal([new KeyCount("LIAISON", "LIAISON", 2)], f.ByClass);
        Assert.Equal(
            [new KeyCount("school-day", "school day, outside the school-day window", 1), new KeyCount("weekend", "weekend", 1)],
            f.ByDay);
        Assert.Equal(0, f.ReclassifiedAfterwards);
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: sums, averages, percentiles, NULLs and orders the same on both
    public void A_referral_on_a_holiday_counts_as_holiday(StoreBackend backend)
    {
        using var h = new ReportHistory(backend: backend);
        h.Call("TRESPASS", "NHS", "2026-11-26T11:00:00-08:00", 2, "REFERRED", agency: "TPD", cls: "LIAISON");
        var r = ReportFacts.Load(h.Db, D("2026-11-01"), D("2026-11-30"), ReportGrouping.School, Now.AddDays(30));
        Assert.Equal([new KeyCount("holiday", "holiday", 1)], r.Referred.ByDay);
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: sums, averages, percentiles, NULLs and orders the same on both
    public void No_calls_gives_zeros_and_no_durations(StoreBackend backend)
    {
        using var h = new ReportHistory(backend: backend);
        var r = ReportFacts.Load(h.Db, D("2026-10-01"), D("2026-10-31"), ReportGrouping.School, Now);
        Assert.Equal(0, r.Totals.Total);
        Assert.Empty(r.ByGroup);
        Assert.Empty(r.ByType);
        Assert.All(r.FirstResponse, row => Assert.Equal(new DurationStats(0, null, null), row.ToAssignment));
        Assert.Equal((0, 0, 0), (r.Outcomes.Arrests, r.Outcomes.Citations, r.Outcomes.Referrals));
        Assert.Empty(r.Overrides);
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: sums, averages, percentiles, NULLs and orders the same on both
    public void The_default_period_is_the_school_year_to_date(StoreBackend backend)
    {
        using var h = ReportHistory.October(backend);
        var r = ReportFacts.Load(h.Db, null, null, ReportGrouping.School, Now);
        Assert.Equal(new ReportPeriod(D("2026-08-31"), D("2026-11-02"), "school year to date"), r.Period);
        Assert.Equal(13, r.Totals.Total);
    }

    private static TimeSpan S(int seconds) => TimeSpan.FromSeconds(seconds);
}
