using SafetyConsole.Data.Accountability;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;

namespace SafetyConsole.Data.Reports;

/// <summary>One school's safety staff: officers posted at it, and officers who cover it from a zone or district-wide post.
/// <see cref="DaysPerWeek"/>: school days a week someone is posted there (5), or 0 when it is covered only by shared staff.</summary>
public sealed record StaffRow(string Location, string Name, string Kind, IReadOnlyList<string> Posted, IReadOnlyList<string> Shared, int DaysPerWeek);

/// <summary>A school with safety staff: start-of-year presentations to students and notices to families in the year (RCW 28A.320.124).</summary>
public sealed record OutreachRow(string Location, string Name, int Presentations, int FamilyNotices, int Attendees);

/// <summary>An officer's training against the district's requirements for the role.</summary>
public sealed record TrainingRow(
    string Badge, string Name, string Role, string Agency, double Hours, double RequiredHours,
    int SeriesCompleted, int SeriesTopics, IReadOnlyList<string> Lapsed);

public sealed record CountRow(string Key, int Count);

/// <summary>Complaints received in the year (counts only, R9: never a summary).</summary>
public sealed record ComplaintFigures(
    int Received, int Open, int Overdue, int ResponseDays, IReadOnlyList<CountRow> ByFinding, IReadOnlyList<CountRow> ByChannel,
    int Responded, int RespondedInTime, int? MedianDaysToResponse, int? MaxDaysToResponse);

/// <summary>Law-enforcement activity of the year, from `report` (aggregates, R9).</summary>
public sealed record ActivityFigures(
    DateOnly From, DateOnly To, int Calls, int Arrests, int Citations, int Referrals,
    int DivertedR2, int DivertedR3, int DivertedByDispatcher, int R2Overrides, IReadOnlyList<OverrideFact> R7Overrides);

/// <summary>One thing a required duty lacks; <see cref="Basis"/> names the statute or policy paragraph.</summary>
public sealed record MissingItem(string Section, string What, string Basis);

/// <summary>`compliance annual --year`: the district's annual accountability record (issue 16).</summary>
public sealed record AnnualReport(
    string District, string Year, DateOnly From, DateOnly To, DateOnly AsOf, DateTimeOffset GeneratedAt,
    IReadOnlyList<StaffRow> Staff,
    IReadOnlyList<AgreementRow> Agreements,
    IReadOnlyList<OutreachRow> Outreach, int AdvisoryBoardMeetings, int CommunityMeetings,
    IReadOnlyList<TrainingRow> Training,
    ComplaintFigures Complaints,
    ActivityFigures Activity,
    IReadOnlyList<MissingItem> Missing);

/// <summary>The annual record as a pure function of the district's facts and records (no clock, no store).</summary>
public static class AnnualReports
{
    /// <summary>Location kinds that are schools (students attend), as opposed to offices, stadiums and yards.</summary>
    public static readonly IReadOnlyList<string> SchoolKinds = ["elementary", "middle", "high", "alternative"];

    /// <summary>Topics of the RCW 28A.310.515 training series are those whose catalogue source names the statute.</summary>
    public const string SeriesStatute = "28A.310.515";

    public const string AgreementBasis = "RCW 28A.320.1242; Policy 4311, Annual Review and Adoption of Agreements";
    public const string OutreachBasis = "RCW 28A.320.124; Policy 4311, Annual Review";
    public const string TrainingBasis = "RCW 28A.310.515; Policy 4311 clause C; R7";
    public const string ComplaintBasis = "Policy 4311 clause A (process for investigating and responding to complaints)";

    public static AnnualReport Compute(
        DistrictSnapshot snap, SchoolYear year, DateOnly asOf, DateTimeOffset generatedAt,
        IReadOnlyList<Agreement> agreements, IReadOnlyList<OutreachEntry> outreach, IReadOnlyList<Complaint> complaints,
        IReadOnlyList<TrainingTopic> topics, IReadOnlyList<TrainingRequirement> requirements, ActivityReport activity)
    {
        ArgumentNullException.ThrowIfNull(snap);
        ArgumentNullException.ThrowIfNull(year);
        ArgumentNullException.ThrowIfNull(activity);
        var missing = new List<MissingItem>();

        // ---- staff per building ----
        var schools = snap.Locations.Values.Where(l => SchoolKinds.Contains(l.Kind, StringComparer.Ordinal))
            .OrderBy(l => l.Zone, StringComparer.Ordinal).ThenBy(l => l.Kind == "high" ? 0 : l.Kind == "middle" ? 1 : 2).ThenBy(l => l.Code, StringComparer.Ordinal)
            .ToList();
        var staff = schools.Select(l =>
        {
            // Posted: a CSO or SRO (or a sergeant) whose post is this school. Shared: zone and district-wide posts covering it
            // (a CSS posted at "LHS" patrols the LHS feeder pattern, §2).
            bool PostedHere(Officer o) => (Codes.IsPostedAtLocation(o.Role) || o.Role == Role.SGT) && string.Equals(o.Post, l.Code, StringComparison.Ordinal);
            var posted = snap.Officers.Where(PostedHere).Select(o => $"{o.Badge} ({o.Role.Text()})").ToList();
            var shared = snap.Officers.Where(o => !PostedHere(o)
                    && (string.Equals(o.Post, l.Zone, StringComparison.Ordinal) || string.Equals(o.Post, Codes.DistrictPost, StringComparison.Ordinal)))
                .Select(o => $"{o.Badge} ({o.Role.Text()})").ToList();
            return new StaffRow(l.Code, l.Name, l.Kind, posted, shared, posted.Count > 0 ? 5 : 0);
        }).ToList();

        // ---- agreements (police agencies and contractors) ----
        var agreementRows = new List<AgreementRow>();
        foreach (var a in snap.Agencies.Values.Where(a => a.Kind != AgencyKind.District).OrderBy(a => a.Code, StringComparer.Ordinal))
        {
            var officers = snap.Officers.Count(o => string.Equals(o.Agency, a.Code, StringComparison.Ordinal));
            var latest = agreements.Where(g => string.Equals(g.Agency, a.Code, StringComparison.Ordinal) && g.AdoptedOn <= year.To).MaxBy(g => g.AdoptedOn);
            if (latest is null)
            {
                agreementRows.Add(new AgreementRow(a.Code, a.Name, a.Kind.Text(), officers, null, a.AgreementReviewDue, "", "", "", null, null, 0, 0, 0));
                missing.Add(new("agreements", $"{a.Code} ({a.Name}) has no adopted agreement on record", AgreementBasis));
                continue;
            }
            agreementRows.Add(new AgreementRow(a.Code, a.Name, a.Kind.Text(), officers, latest.AdoptedOn, latest.ReviewDue,
                latest.ClauseA, latest.ClauseB, latest.ClauseC, latest.TrainingPlanDue, latest.StakeholderReviewOn, latest.Parents, latest.Students, latest.Community));
            if (latest.ReviewDue < asOf)
                missing.Add(new("agreements", $"{a.Code}'s agreement was due for review {IsoDate.Text(latest.ReviewDue)} and no later one is adopted", AgreementBasis + "; R7"));
            foreach (var clause in latest.MissingClauses)
                missing.Add(new("agreements", $"{a.Code}'s agreement has no clause {clause} ({ClauseMeaning(clause)})", $"Policy 4311 clause {clause}; RCW 28A.320.1242"));
            if (latest.TrainingPlanDue is { } plan && plan < asOf && latest.ClauseC.Length > 0)
                missing.Add(new("agreements", $"{a.Code}'s clause C training plan was due {IsoDate.Text(plan)}", "Policy 4311 clause C; RCW 28A.310.515"));
            if (latest.StakeholderReviewOn is null)
                missing.Add(new("agreements", $"{a.Code}'s agreement has no stakeholder review on record", "Policy 4311: the review and adoption must involve parents, students and community members"));
            else
            {
                var absent = new[] { ("parents", latest.Parents), ("students", latest.Students), ("community members", latest.Community) }.Where(x => x.Item2 == 0).Select(x => x.Item1).ToList();
                if (absent.Count > 0)
                    missing.Add(new("agreements", $"{a.Code}'s stakeholder review on {IsoDate.Text(latest.StakeholderReviewOn.Value)} involved no {string.Join(" or ", absent)}",
                        "Policy 4311: the review and adoption must involve parents, students and community members"));
            }
        }

        // ---- outreach at each school with safety staff ----
        var inYear = outreach.Where(o => year.Contains(o.HeldOn)).ToList();
        var districtNotice = inYear.Any(o => o.Kind == OutreachKind.FamilyNotice && string.Equals(o.Location, Codes.DistrictPost, StringComparison.Ordinal));
        var outreachRows = new List<OutreachRow>();
        foreach (var s in staff.Where(s => s.Posted.Count + s.Shared.Count > 0))
        {
            var here = inYear.Where(o => string.Equals(o.Location, s.Location, StringComparison.Ordinal)).ToList();
            var presentations = here.Count(o => o.Kind == OutreachKind.StudentPresentation);
            var notices = here.Count(o => o.Kind == OutreachKind.FamilyNotice) + (districtNotice ? 1 : 0);
            outreachRows.Add(new OutreachRow(s.Location, s.Name, presentations, notices, here.Sum(o => o.Attendees ?? 0)));
            if (presentations == 0) missing.Add(new("outreach", $"{s.Location} ({s.Name}) has no presentation to students on the role of safety staff", OutreachBasis));
            if (notices == 0) missing.Add(new("outreach", $"{s.Location} ({s.Name}) has no notice to families on the role of safety staff", OutreachBasis));
        }

        // ---- training: required topics current (R7) and annual hours per role ----
        var series = topics.Where(t => t.Source.Contains(SeriesStatute, StringComparison.Ordinal)).Select(t => t.Code).ToHashSet(StringComparer.Ordinal);
        var hoursByRole = requirements.ToDictionary(r => r.Role, r => r.AnnualHours);
        var trainingRows = new List<TrainingRow>();
        foreach (var o in snap.Officers.OrderBy(o => o.Badge, StringComparer.Ordinal))
        {
            var records = snap.Training.TryGetValue(o.Badge, out var list) ? list : [];
            var hours = records.Where(t => year.Contains(t.CompletedOn)).Sum(t => t.Hours);
            var required = hoursByRole.GetValueOrDefault(o.Role);
            var seriesDone = records.Select(t => t.Topic).Where(series.Contains).Distinct(StringComparer.Ordinal).Count();
            var lapsed = snap.LapsedTraining(o.Badge, asOf).Select(snap.DescribeLapse).ToList();
            trainingRows.Add(new TrainingRow(o.Badge, o.Name, o.Role.Text(), o.Agency, hours, required, seriesDone, series.Count, lapsed));
            foreach (var l in lapsed) missing.Add(new("training", $"{o.Badge} ({o.Role.Text()}): {l}", TrainingBasis));
            if (hours < required)
                missing.Add(new("training", $"{o.Badge} ({o.Role.Text()}) has {Hours(hours)} of the {Hours(required)} training hours required this year", "the district's annual hours for the role (training_requirements.csv)"));
        }

        // ---- complaints (counts only, R9) ----
        var received = complaints.Where(c => year.Contains(c.ReceivedOn)).ToList();
        var responseDays = snap.District.ComplaintResponseDays;
        var overdue = received.Where(c => c.Overdue(asOf, responseDays)).OrderBy(c => c.ReceivedOn).ThenBy(c => c.Id).ToList();
        foreach (var c in overdue)
            missing.Add(new("complaints", $"complaint {c.Id} received {IsoDate.Text(c.ReceivedOn)} has had no response for {asOf.DayNumber - c.ReceivedOn.DayNumber} days (the district's response time is {responseDays})", ComplaintBasis));
        var days = received.Where(c => c.DaysToResponse is not null).Select(c => c.DaysToResponse!.Value).Order().ToList();
        var figures = new ComplaintFigures(
            received.Count, received.Count(c => c.Status != ComplaintStatus.Resolved), overdue.Count, responseDays,
            Enum.GetValues<ComplaintFinding>().Select(f => new CountRow(f.Text(), received.Count(c => c.Finding == f)))
                .Append(new CountRow("open", received.Count(c => c.Finding is null))).ToList(),
            Enum.GetValues<ComplaintChannel>().Select(ch => new CountRow(ch.Text(), received.Count(c => c.Channel == ch))).ToList(),
            days.Count, days.Count(d => d <= responseDays), days.Count == 0 ? null : days[(days.Count - 1) / 2], days.Count == 0 ? null : days[^1]);

        // ---- law-enforcement activity (from `report`) ----
        int Diverted(DivertReason r) => activity.Diverted.ByReason.Where(x => x.Reason == r).Sum(x => x.Calls);
        var act = new ActivityFigures(activity.Period.From, activity.Period.To, activity.Totals.Total, activity.Outcomes.Arrests, activity.Outcomes.Citations,
            activity.Outcomes.Referrals, Diverted(DivertReason.Discipline), Diverted(DivertReason.NoBasis), Diverted(DivertReason.ByDispatcher),
            0 /* R2: no override exists */, activity.Overrides);

        return new AnnualReport(snap.District.Name, year.Label, year.From, year.To, asOf, generatedAt, staff, agreementRows, outreachRows,
            inYear.Count(o => o.Kind == OutreachKind.AdvisoryBoard), inYear.Count(o => o.Kind == OutreachKind.CommunityMeeting),
            trainingRows, figures, act, missing);
    }

    public static string ClauseMeaning(string clause) => clause switch
    {
        "A" => "duties on student behavior and discipline, requests to intervene, school climate, the family complaint process",
        "B" => "jointly determined hiring, placement and performance evaluation",
        _ => "the training series completed, or a plan with dates to complete it",
    };

    public static string Hours(double h) => h.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " h";
}
