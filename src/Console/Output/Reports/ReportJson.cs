using System.Globalization;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Reports;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Output.Reports;

/// <summary>
/// The JSON of `report --format json` and `compliance --json` (camelCase keys, documented in README.md; add keys, never
/// rename them). Durations are seconds (null when no call got there); dates YYYY-MM-DD; times ISO 8601 with offset.
/// </summary>
public static class ReportJson
{
    public sealed record ClassJson(int Calls, int Liaison, int Campus, int Discipline);
    public sealed record TypeJson(string Type, string Name, string Class, int Calls);
    public sealed record GroupJson(string Key, string Label, int Calls, int Liaison, int Campus, int Discipline, int Arrests, int Citations, int Referrals);
    public sealed record DispositionJson(string Code, string Name, int Calls);
    public sealed record StatusJson(string Status, int Calls);
    public sealed record OutcomesJson(int Arrests, int Citations, int Referrals, IReadOnlyList<DispositionJson> ByDisposition, IReadOnlyList<StatusJson> WithoutDisposition);
    public sealed record DurationJson(int Count, double? MedianSeconds, double? P90Seconds);
    public sealed record PriorityJson(string Priority, double? DeadlineSeconds, int Calls, int Met, int Missed, int NotDue, int Escalated, DurationJson ToAssignment, DurationJson ToArrival);
    public sealed record FirstResponseJson(int Met, int Missed, int Escalations, string PercentileMethod, IReadOnlyList<PriorityJson> ByPriority);
    public sealed record OverrideJson(string At, string By, long CallId, string Type, string Location, string Badge, string Reason);
    public sealed record CountJson(string Key, string Label, int Calls);
    public sealed record ReasonJson(string Reason, string Rule, string Label, int Calls);
    public sealed record DivertedJson(int Calls, int ReclassifiedAfterwards, IReadOnlyList<ReasonJson> ByReason, IReadOnlyList<CountJson> BySchool);
    public sealed record ReferredJson(int Calls, int ReclassifiedAfterwards, IReadOnlyList<CountJson> ByAgency, IReadOnlyList<CountJson> ByClass, IReadOnlyList<CountJson> ByDay);
    public sealed record KeptAwayJson(DivertedJson Diverted, ReferredJson Referred);

    public sealed record ReportJsonDoc(
        string District, string From, string To, string PeriodRule, string GeneratedAt, string By,
        ClassJson Calls, IReadOnlyList<TypeJson> CallsByType, IReadOnlyList<GroupJson> CallsByGroup,
        OutcomesJson Outcomes, FirstResponseJson FirstResponse, IReadOnlyList<OverrideJson> Overrides, KeptAwayJson KeptAway)
    {
        /// <summary>Issue 15: scheduled duties due in the period, per school (counts only).</summary>
        public IReadOnlyList<DutyJson> Duties { get; init; } = [];

        /// <summary>Issue 15: assisting officers put on the period's calls.</summary>
        public int Assists { get; init; }

        /// <summary>Issue 15: calls linked as duplicates (disposition 22), left out of every other figure.</summary>
        public int Duplicates { get; init; }
    }

    public sealed record DutyJson(string Location, string Label, int Duties, int Done, int Open, int Overdue);

    public const string PercentileMethod = "nearest-rank";

    public static ReportJsonDoc Of(ActivityReport r)
    {
        var all = r.FirstResponse[^1];
        return new ReportJsonDoc(
            r.District, IsoDate.Text(r.Period.From), IsoDate.Text(r.Period.To), r.Period.Rule, TimeText.ToIso(r.GeneratedAt, r.Zone), ReportLayout.GroupHeader(r.By).ToLowerInvariant(),
            new ClassJson(r.Totals.Total, r.Totals.Liaison, r.Totals.Campus, r.Totals.Discipline),
            r.ByType.Select(t => new TypeJson(t.Type, t.Name, t.Class.Text(), t.Calls)).ToList(),
            r.ByGroup.Select(g => new GroupJson(g.Key, g.Label, g.Calls.Total, g.Calls.Liaison, g.Calls.Campus, g.Calls.Discipline, g.Arrests, g.Citations, g.Referrals)).ToList(),
            new OutcomesJson(r.Outcomes.Arrests, r.Outcomes.Citations, r.Outcomes.Referrals,
                r.Outcomes.ByDisposition.Select(d => new DispositionJson(d.Code, d.Name, d.Calls)).ToList(),
                r.Outcomes.WithoutDisposition.Select(s => new StatusJson(s.Status.Text(), s.Calls)).ToList()),
            new FirstResponseJson(all.Met, all.Missed, r.Escalations, PercentileMethod,
                r.FirstResponse.Select(f => new PriorityJson(f.Priority is { } p ? $"P{p}" : "all", f.Deadline?.TotalSeconds,
                    f.Calls, f.Met, f.Missed, f.NotDue, f.Escalated, Duration(f.ToAssignment), Duration(f.ToArrival))).ToList()),
            r.Overrides.Select(o => new OverrideJson(TimeText.ToIso(o.At, r.Zone), o.By, o.CallId, o.Type, o.Location, o.Badge, o.Reason)).ToList(),
            new KeptAwayJson(
                new DivertedJson(r.Diverted.Calls, r.Diverted.ReclassifiedAfterwards,
                    r.Diverted.ByReason.Select(x => new ReasonJson(ReportLayout.ReasonKey(x.Reason), x.Rule, x.Label, x.Calls)).ToList(),
                    Counts(r.Diverted.BySchool)),
                new ReferredJson(r.Referred.Calls, r.Referred.ReclassifiedAfterwards, Counts(r.Referred.ByAgency), Counts(r.Referred.ByClass), Counts(r.Referred.ByDay))))
        {
            Duties = r.Duties.Select(x => new DutyJson(x.Location, x.Label, x.Total, x.Done, x.Open, x.Overdue)).ToList(),
            Assists = r.Assists,
            Duplicates = r.Duplicates,
        };
    }

    public sealed record TrainingJson(string Badge, string Name, string Role, string Agency, string Topic, string CompletedOn, string ExpiresOn, int DaysLeft, string State);
    public sealed record AgreementJson(string Agency, string Name, string ReviewDue, int DaysLeft, string State, int Officers);
    public sealed record KeptOutJson(string Badge, string Name, string Role, string Agency, IReadOnlyList<string> Reasons);
    /// <summary>R10: <c>{"total", "byActor": [{"actor", "count"}]}</c>, the event log's late entries and replays.</summary>
    public sealed record LateEntriesJson(int Total, IReadOnlyList<ActorCountJson> ByActor);

    public sealed record ActorCountJson(string Actor, int Count);

    public sealed record ComplaintDueJson(long Id, string About, string ReceivedOn, int DaysOpen, string Status);
    public sealed record ComplianceJson(string District, string At, int HorizonDays, IReadOnlyList<TrainingJson> Training, IReadOnlyList<AgreementJson> Agreements, IReadOnlyList<KeptOutJson> KeptOut,
        int ComplaintResponseDays, IReadOnlyList<ComplaintDueJson> ComplaintsOverdue,
        LateEntriesJson LateEntries)
    {
        /// <summary>Issue 14: the coverage audit's gaps on the same date (`coverage --json` has the whole audit).</summary>
        public IReadOnlyList<CoverageGapJson> CoverageGaps { get; init; } = [];
    }

    /// <summary>A location and class nobody could ever answer first, with the reason citing the rule.</summary>
    public sealed record CoverageGapJson(string Location, string Zone, string Class, string Reason);

    public static ComplianceJson Of(ComplianceReport c) => new(
        c.District, IsoDate.Text(c.At), Compliance.HorizonDays,
        c.Training.Select(t => new TrainingJson(t.Badge, t.Name, t.Role.Text(), t.Agency, t.Topic, IsoDate.Text(t.CompletedOn), IsoDate.Text(t.ExpiresOn), t.DaysLeft, State(t.State))).ToList(),
        c.Agreements.Select(a => new AgreementJson(a.Agency, a.Name, IsoDate.Text(a.ReviewDue), a.DaysLeft, State(a.State), a.Officers)).ToList(),
        c.KeptOut.Select(k => new KeptOutJson(k.Badge, k.Name, k.Role.Text(), k.Agency, k.Reasons)).ToList(),
        c.ComplaintResponseDays, (c.ComplaintsOverdue ?? []).Select(x => new ComplaintDueJson(x.Id, x.About, IsoDate.Text(x.ReceivedOn), x.DaysOpen, x.Status)).ToList(),
        new LateEntriesJson(c.LateEntries.Total, c.LateEntries.ByActor.Select(a => new ActorCountJson(a.Actor, a.Count)).ToList()));

    /// <summary>"pastDue", "within30Days", "within60Days".</summary>
    public static string State(DueState s) => s switch
    {
        DueState.PastDue => "pastDue",
        DueState.Within30Days => "within30Days",
        _ => "within60Days",
    };

    private static DurationJson Duration(DurationStats d) => new(d.Count, d.Median?.TotalSeconds, d.P90?.TotalSeconds);

    private static List<CountJson> Counts(IEnumerable<KeyCount> counts) => counts.Select(x => new CountJson(x.Key, x.Label, x.Calls)).ToList();
}
