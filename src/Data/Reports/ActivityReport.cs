using System.Globalization;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;

namespace SafetyConsole.Data.Reports;

/// <summary>Calls counted by the class of their call type (R1, R2): LIAISON, CAMPUS and NONE (routine discipline).</summary>
public sealed record ClassCounts(int Liaison, int Campus, int Discipline)
{
    public int Total => Liaison + Campus + Discipline;
}

public sealed record TypeCount(string Type, string Name, CallClass Class, int Calls);

/// <summary>One row of the calls grouped by `--by`: calls by class, and the law-enforcement outcomes of those calls.</summary>
public sealed record GroupCount(string Key, string Label, ClassCounts Calls, int Arrests, int Citations, int Referrals);

public sealed record DispositionCount(string Code, string Name, int Calls);

public sealed record StatusCount(CallStatus Status, int Calls);

/// <summary>
/// Outcomes by APCO disposition. A call's outcome is its disposition code; a call REFERRED under R4 without one counts
/// as 15 (referred to partner agency, DESIGN §1 R4). Calls with neither are counted by status.
/// </summary>
public sealed record OutcomeFigures(
    int Arrests, int Citations, int Referrals, IReadOnlyList<DispositionCount> ByDisposition, IReadOnlyList<StatusCount> WithoutDisposition);

/// <summary>
/// R5 first response for one priority (or all, <see cref="Priority"/> null). <see cref="Calls"/>: calls with a
/// first-response deadline or an assignment. Met/Missed/NotDue: <see cref="FirstResponse.Outcome"/> as of the report's
/// time (the same definition as `status`). ToAssignment: received → first assignment; ToArrival: received → first
/// ON_SCENE; both over the calls that got there.
/// </summary>
public sealed record FirstResponseRow(
    int? Priority, TimeSpan? Deadline, int Calls, int Met, int Missed, int NotDue, int Escalated,
    DurationStats ToAssignment, DurationStats ToArrival);

/// <summary>Why a call is in the school administration queue (R2, R3).</summary>
public enum DivertReason
{
    /// <summary>R2: a DISCIPLINE call (class NONE).</summary>
    Discipline,
    /// <summary>R3: a request for intervention without a qualifying basis.</summary>
    NoBasis,
    /// <summary>R2: another call a dispatcher diverted, with a recorded reason.</summary>
    ByDispatcher,
}

public sealed record ReasonCount(DivertReason Reason, string Rule, string Label, int Calls);

public sealed record KeyCount(string Key, string Label, int Calls);

/// <summary>Calls kept away from safety staff by R2/R3: still DIVERTED, by reason and school; plus those diverted and
/// later reclassified back into dispatch by a supervisor.</summary>
public sealed record DivertedFigures(int Calls, IReadOnlyList<ReasonCount> ByReason, IReadOnlyList<KeyCount> BySchool, int ReclassifiedAfterwards);

/// <summary>Calls referred outside the school-day window (R4), still REFERRED: by agency, by class and by kind of day
/// (a school day outside the window, weekend, holiday, break, closure, outside the school year); plus those referred and
/// later reclassified.</summary>
public sealed record ReferredFigures(
    int Calls, IReadOnlyList<KeyCount> ByAgency, IReadOnlyList<KeyCount> ByClass, IReadOnlyList<KeyCount> ByDay, int ReclassifiedAfterwards);

/// <summary>
/// The law-enforcement activity report (issue 9) for a period: aggregates only (R9). The one free text it carries is
/// the operators' written override reasons (R7, R10), never a call description or other feed text.
/// </summary>
public sealed record ActivityReport(
    string District,
    TimeZoneInfo Zone,
    ReportPeriod Period,
    DateTimeOffset GeneratedAt,
    ReportGrouping By,
    ClassCounts Totals,
    IReadOnlyList<TypeCount> ByType,
    IReadOnlyList<GroupCount> ByGroup,
    OutcomeFigures Outcomes,
    IReadOnlyList<FirstResponseRow> FirstResponse,
    int Escalations,
    IReadOnlyList<OverrideFact> Overrides,
    DivertedFigures Diverted,
    ReferredFigures Referred)
{
    /// <summary>Calls received in each week (periods up to <see cref="ActivityReports.WeeklyUpToDays"/> days) or month of
    /// the period, in order, with the law-enforcement outcomes among them: the dashboard's trend chart.</summary>
    public IReadOnlyList<TrendPoint> Trend { get; init; } = [];

    /// <summary>Family complaints received in the period (issue 16): a count only (R9); null when not loaded.</summary>
    public int? Complaints { get; init; }

    /// <summary>Scheduled duties due in the period, per school (issue 15): counts only (R9), never among the calls or R5 figures.</summary>
    public IReadOnlyList<Duties.DutyCount> Duties { get; init; } = [];

    /// <summary>Calls linked as duplicates of another (issue 15, disposition 22): left out of every other figure.</summary>
    public int Duplicates { get; init; }

    /// <summary>Assisting officers put on the period's calls (issue 15); never first responses, so never among the R5 figures.</summary>
    public int Assists { get; init; }
}

/// <summary>One week (starting Monday) or month of the trend: calls, and arrests + citations + referrals among them.</summary>
public sealed record TrendPoint(DateOnly Start, string Label, int Calls, int Outcomes);

/// <summary>The report's figures as pure functions of the facts (one pass over the calls).</summary>
public static class ActivityReports
{
    public const string Arrest = "03";
    public const string Citation = "04";
    public const string Referral = Policy.Intake.ReferredDisposition;

    /// <summary>Periods up to this many days chart by week; longer ones by month.</summary>
    public const int WeeklyUpToDays = 120;

    public static ActivityReport Compute(
        DistrictSnapshot snap, ReportPeriod period, ReportGrouping by, IEnumerable<CallFact> calls, IEnumerable<OverrideFact> overrides,
        IReadOnlyDictionary<string, string> dispositionNames, DateTimeOffset generatedAt, PolicySettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(snap);
        ArgumentNullException.ThrowIfNull(period);
        settings ??= snap.Policy; // the stored policy's R5 deadlines (issue 13)

        var totals = new ClassTally();
        var byType = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = new Dictionary<string, GroupTally>(StringComparer.Ordinal);
        var dispositions = new Dictionary<string, int>(StringComparer.Ordinal);
        var withoutDisposition = new Dictionary<CallStatus, int>();
        var response = Enumerable.Range(0, 5).Select(_ => new ResponseTally()).ToArray(); // [0] all, [1..4] P1..P4
        var escalations = 0;
        var divertReasons = new Dictionary<DivertReason, int>();
        var divertSchools = new Dictionary<string, int>(StringComparer.Ordinal);
        var divertedBack = 0;
        var referredAgencies = new Dictionary<string, int>(StringComparer.Ordinal);
        var referredClasses = new Dictionary<string, int>(StringComparer.Ordinal);
        var referredDays = new Dictionary<SchoolDayKind, int>();
        var referredBack = 0;
        var weekly = period.To.DayNumber - period.From.DayNumber + 1 <= WeeklyUpToDays;
        var trend = new SortedDictionary<DateOnly, (int Calls, int Outcomes)>();
        for (var d = TrendStart(period.From, weekly); d <= period.To; d = weekly ? d.AddDays(7) : d.AddMonths(1)) trend[d] = (0, 0);

        var duplicates = 0;
        foreach (var c in calls)
        {
            // Issue 15: a linked duplicate is the same incident as its master: counted apart, not as workload nor in R5.
            if (c.Duplicate) { duplicates++; continue; }
            snap.CallTypes.TryGetValue(c.Type, out var type);
            var cls = type?.Class ?? CallClass.None;
            totals.Add(cls);
            byType[c.Type] = byType.GetValueOrDefault(c.Type) + 1;

            var outcome = OutcomeCode(c);
            var bucket = TrendStart(snap.LocalDate(c.ReceivedAt), weekly);
            var (n, o) = trend.GetValueOrDefault(bucket);
            trend[bucket] = (n + 1, o + (outcome is Arrest or Citation or Referral ? 1 : 0));
            if (outcome is null) withoutDisposition[c.Status] = withoutDisposition.GetValueOrDefault(c.Status) + 1;
            else dispositions[outcome] = dispositions.GetValueOrDefault(outcome) + 1;

            var key = GroupKey(snap, by, c);
            if (!groups.TryGetValue(key, out var g)) groups[key] = g = new GroupTally();
            g.Classes.Add(cls);
            if (outcome == Arrest) g.Arrests++;
            if (outcome == Citation) g.Citations++;
            if (outcome == Referral) g.Referrals++;

            // R5: first response.
            if (c.Escalated) escalations++;
            if (c.Priority is >= 1 and <= 4)
            {
                foreach (var t in new[] { response[0], response[c.Priority] })
                {
                    if (c.Escalated) t.Escalated++;
                    if (c.Deadline is null && c.FirstAssignedAt is null) continue;
                    t.Calls++;
                    switch (FirstResponse.Outcome(c.Deadline, c.FirstAssignedAt, c.Escalated, generatedAt))
                    {
                        case DeadlineOutcome.Met: t.Met++; break;
                        case DeadlineOutcome.Missed: t.Missed++; break;
                        default: t.NotDue++; break;
                    }
                    if (c.FirstAssignedAt is { } a) t.ToAssignment.Add(NonNegative(a - c.ReceivedAt));
                    if (c.OnSceneAt is { } s) t.ToArrival.Add(NonNegative(s - c.ReceivedAt));
                }
            }

            // R2, R3: kept away from safety staff.
            if (c.Status == CallStatus.Diverted)
            {
                var reason = cls == CallClass.None ? DivertReason.Discipline
                    : type is { BasisRequired: true } && !c.HasBasis ? DivertReason.NoBasis
                    : DivertReason.ByDispatcher;
                divertReasons[reason] = divertReasons.GetValueOrDefault(reason) + 1;
                divertSchools[c.Location] = divertSchools.GetValueOrDefault(c.Location) + 1;
            }
            else if (c.EverDiverted) divertedBack++;

            // R4: referred outside the school-day window.
            if (c.Status == CallStatus.Referred)
            {
                var agency = c.Agency ?? (snap.Locations.TryGetValue(c.Location, out var l) ? l.Agency : "");
                referredAgencies[agency] = referredAgencies.GetValueOrDefault(agency) + 1;
                referredClasses[cls.Text()] = referredClasses.GetValueOrDefault(cls.Text()) + 1;
                var day = SchoolCalendar.DayOf(snap, snap.LocalDate(c.ReceivedAt)).Kind;
                if (day == SchoolDayKind.EarlyRelease) day = SchoolDayKind.SchoolDay;
                referredDays[day] = referredDays.GetValueOrDefault(day) + 1;
            }
            else if (c.EverReferred) referredBack++;
        }

        if (by == ReportGrouping.Month)
            for (var m = new DateOnly(period.From.Year, period.From.Month, 1); m <= period.To; m = m.AddMonths(1))
                groups.TryAdd(MonthKey(m), new GroupTally());

        var groupRows = groups
            .Select(kv => new GroupCount(kv.Key, GroupLabel(snap, by, kv.Key), kv.Value.Classes.ToCounts(), kv.Value.Arrests, kv.Value.Citations, kv.Value.Referrals))
            .OrderBy(r => by == ReportGrouping.Month ? 0 : -r.Calls.Total)
            .ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();

        var typeRows = byType
            .Select(kv => snap.CallTypes.TryGetValue(kv.Key, out var t)
                ? new TypeCount(kv.Key, t.Name, t.Class, kv.Value)
                : new TypeCount(kv.Key, kv.Key, CallClass.None, kv.Value))
            .OrderBy(r => ClassOrder(r.Class)).ThenByDescending(r => r.Calls).ThenBy(r => r.Type, StringComparer.Ordinal)
            .ToList();

        var outcomes = new OutcomeFigures(
            dispositions.GetValueOrDefault(Arrest), dispositions.GetValueOrDefault(Citation), dispositions.GetValueOrDefault(Referral),
            dispositions.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => new DispositionCount(kv.Key, dispositionNames.TryGetValue(kv.Key, out var n) ? n : kv.Key, kv.Value)).ToList(),
            withoutDisposition.OrderBy(kv => kv.Key).Select(kv => new StatusCount(kv.Key, kv.Value)).ToList());

        var firstResponse = Enumerable.Range(1, 4).Select(p => response[p].ToRow(p, settings.DeadlineFor(p)))
            .Append(response[0].ToRow(null, null)).ToList();

        var diverted = new DivertedFigures(
            divertReasons.Values.Sum(),
            divertReasons.OrderBy(kv => kv.Key).Select(kv => new ReasonCount(kv.Key, RuleOf(kv.Key), LabelOf(kv.Key), kv.Value)).ToList(),
            Counted(divertSchools, k => snap.Locations.TryGetValue(k, out var l) ? l.Name : k),
            divertedBack);

        var referred = new ReferredFigures(
            referredAgencies.Values.Sum(),
            Counted(referredAgencies, k => snap.Agencies.TryGetValue(k, out var a) ? a.Name : k),
            Counted(referredClasses, k => k),
            referredDays.OrderBy(kv => kv.Key).Select(kv => new KeyCount(Day(kv.Key).Key, Day(kv.Key).Label, kv.Value)).ToList(),
            referredBack);

        return new ActivityReport(snap.District.Name, snap.TimeZone, period, generatedAt, by, totals.ToCounts(), typeRows, groupRows,
            outcomes, firstResponse, escalations, overrides.ToList(), diverted, referred)
        {
            Trend = trend.Select(kv => new TrendPoint(kv.Key, TrendLabel(kv.Key, weekly), kv.Value.Calls, kv.Value.Outcomes)).ToList(),
            Duplicates = duplicates,
        };
    }

    /// <summary>The Monday of a date's week, or the first of its month.</summary>
    private static DateOnly TrendStart(DateOnly d, bool weekly) =>
        weekly ? d.AddDays(-(((int)d.DayOfWeek + 6) % 7)) : new DateOnly(d.Year, d.Month, 1);

    private static string TrendLabel(DateOnly d, bool weekly) =>
        d.ToString(weekly ? "MMM d" : "MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The APCO disposition a call counts under: its own code, else 15 when it is REFERRED (R4), else none.</summary>
    public static string? OutcomeCode(CallFact c) =>
        c.Disposition is { Length: > 0 } d ? d : c.Status == CallStatus.Referred ? Referral : null;

    /// <summary>The group a call falls in: its school (location code), the school's zone, its type, the agency of
    /// jurisdiction over its location, or its district-local month (yyyy-MM).</summary>
    public static string GroupKey(DistrictSnapshot snap, ReportGrouping by, CallFact c)
    {
        snap.Locations.TryGetValue(c.Location, out var loc);
        return by switch
        {
            ReportGrouping.School => c.Location,
            ReportGrouping.Zone => loc?.Zone ?? c.Location,
            ReportGrouping.Type => c.Type,
            ReportGrouping.Agency => loc?.Agency ?? "",
            _ => MonthKey(snap.LocalDate(c.ReceivedAt)),
        };
    }

    private static string GroupLabel(DistrictSnapshot snap, ReportGrouping by, string key) => by switch
    {
        ReportGrouping.School or ReportGrouping.Zone => snap.Locations.TryGetValue(key, out var l) ? l.Name : key,
        ReportGrouping.Type => snap.CallTypes.TryGetValue(key, out var t) ? t.Name : key,
        ReportGrouping.Agency => snap.Agencies.TryGetValue(key, out var a) ? a.Name : key,
        _ => DateOnly.ParseExact(key + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("MMMM yyyy", CultureInfo.InvariantCulture),
    };

    private static string MonthKey(DateOnly d) => d.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static TimeSpan NonNegative(TimeSpan t) => t < TimeSpan.Zero ? TimeSpan.Zero : t;

    private static int ClassOrder(CallClass c) => c switch { CallClass.Liaison => 0, CallClass.Campus => 1, _ => 2 };

    private static List<KeyCount> Counted(Dictionary<string, int> counts, Func<string, string> label) =>
        counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new KeyCount(kv.Key, label(kv.Key), kv.Value)).ToList();

    public static string RuleOf(DivertReason r) => r switch { DivertReason.NoBasis => "R3", _ => "R2" };

    public static string LabelOf(DivertReason r) => r switch
    {
        DivertReason.Discipline => "routine discipline, to school administration",
        DivertReason.NoBasis => "request for intervention without a qualifying basis",
        _ => "diverted by a dispatcher, reason recorded",
    };

    /// <summary>The key and label of a kind of day on which a call was referred (R4); early release is a school day.</summary>
    public static (string Key, string Label) Day(SchoolDayKind k) => k switch
    {
        SchoolDayKind.SchoolDay or SchoolDayKind.EarlyRelease => ("school-day", "school day, outside the school-day window"),
        SchoolDayKind.Weekend => ("weekend", "weekend"),
        SchoolDayKind.Holiday => ("holiday", "holiday"),
        SchoolDayKind.Break => ("break", "break"),
        SchoolDayKind.Closure => ("closure", "closure"),
        _ => ("outside-school-year", "outside the school year"),
    };

    private sealed class ClassTally
    {
        private int _liaison, _campus, _none;

        public void Add(CallClass c)
        {
            if (c == CallClass.Liaison) _liaison++;
            else if (c == CallClass.Campus) _campus++;
            else _none++;
        }

        public ClassCounts ToCounts() => new(_liaison, _campus, _none);
    }

    private sealed class GroupTally
    {
        public readonly ClassTally Classes = new();
        public int Arrests, Citations, Referrals;
    }

    private sealed class ResponseTally
    {
        public int Calls, Met, Missed, NotDue, Escalated;
        public readonly List<TimeSpan> ToAssignment = [];
        public readonly List<TimeSpan> ToArrival = [];

        public FirstResponseRow ToRow(int? priority, TimeSpan? deadline) => new(
            priority, deadline, Calls, Met, Missed, NotDue, Escalated, DurationStats.Of(ToAssignment), DurationStats.Of(ToArrival));
    }
}
