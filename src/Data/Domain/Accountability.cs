namespace SafetyConsole.Data.Domain;

/// <summary>
/// The annual agreement with a police agency or security company (RCW 28A.320.1242; Policy 4311 "Annual Review and
/// Adoption of Agreements"): adopted on a date, due for review on another (R7 takes the latest adopted one), and the
/// references of clauses A (duties on behaviour and discipline, requests to intervene, climate, family complaints),
/// B (joint hiring, placement and evaluation) and C (training series confirmed, or a plan with a date). An empty
/// reference is a missing clause. The stakeholder review: when, and how many parents, students and community
/// members took part.
/// </summary>
public sealed record Agreement(
    string Agency,
    DateOnly AdoptedOn,
    DateOnly ReviewDue,
    string ClauseA,
    string ClauseB,
    string ClauseC,
    DateOnly? TrainingPlanDue,
    DateOnly? StakeholderReviewOn,
    int Parents,
    int Students,
    int Community)
{
    /// <summary>The clauses Policy 4311 requires whose reference is empty: "A", "B", "C".</summary>
    public IReadOnlyList<string> MissingClauses =>
        new[] { ("A", ClauseA), ("B", ClauseB), ("C", ClauseC) }.Where(c => c.Item2.Length == 0).Select(c => c.Item1).ToList();

    /// <summary>Policy 4311: the review and adoption must involve parents, students and community members.</summary>
    public bool StakeholdersInvolved => StakeholderReviewOn is not null && Parents > 0 && Students > 0 && Community > 0;
}

/// <summary>A topic of the training catalogue (training_topics.csv): the 13 subjects of RCW 28A.310.515, the
/// district's own. <see cref="RequiredFor"/>: the roles that must keep it current (R7).</summary>
public sealed record TrainingTopic(string Code, string Name, string Source, IReadOnlyList<Role> RequiredFor)
{
    public bool Equals(TrainingTopic? other) =>
        other is not null && Code == other.Code && Name == other.Name && Source == other.Source && RequiredFor.SequenceEqual(other.RequiredFor);

    public override int GetHashCode() => HashCode.Combine(Code, Name, Source, RequiredFor.Count);
}

/// <summary>Annual training hours a role must complete in a school year (training_requirements.csv).</summary>
public sealed record TrainingRequirement(Role Role, double AnnualHours, string Source);

public enum ComplaintChannel { School, Agency, District }

public enum ComplaintStatus { Received, Investigating, Resolved }

public enum ComplaintFinding { Sustained, NotSustained, Unfounded, Withdrawn }

/// <summary>
/// A family's complaint about safety and security staff (Policy 4311 clause A: the process for families to file
/// complaints, and for investigating and responding to them). <see cref="Summary"/> is student-adjacent free text
/// (R9): never in an aggregate or report, never shown to a viewer. <see cref="Ref"/> is the district's own number
/// when it was imported (complaints.csv), else null.
/// </summary>
public sealed record Complaint(
    long Id,
    string? Ref,
    ComplaintChannel Channel,
    string? AboutBadge,
    string? AboutAgency,
    long? CallId,
    DateOnly ReceivedOn,
    string Summary,
    ComplaintStatus Status,
    ComplaintFinding? Finding,
    DateOnly? RespondedOn)
{
    /// <summary>Days from receipt to response, or null before a response.</summary>
    public int? DaysToResponse => RespondedOn is { } r ? r.DayNumber - ReceivedOn.DayNumber : null;

    /// <summary>Open and unanswered past the district's response time on <paramref name="date"/>.</summary>
    public bool Overdue(DateOnly date, int responseDays) => IsOverdue(Status, ReceivedOn, RespondedOn, date, responseDays);

    /// <summary>Open and unanswered more than <paramref name="responseDays"/> days after it was received, on <paramref name="date"/>.</summary>
    public static bool IsOverdue(ComplaintStatus status, DateOnly received, DateOnly? responded, DateOnly date, int responseDays) =>
        status != ComplaintStatus.Resolved && responded is null && date.DayNumber - received.DayNumber > responseDays;
}

public enum OutreachKind { StudentPresentation, FamilyNotice, AdvisoryBoard, CommunityMeeting }

/// <summary>
/// One outreach event: the start-of-year presentation to students or notice to families at a school
/// (RCW 28A.320.124), a Student Advisory Board meeting (Tacoma), a Community Connectors meeting (Lake Washington).
/// <see cref="Location"/> is a location code or DISTRICT.
/// </summary>
public sealed record OutreachEntry(OutreachKind Kind, string Location, DateOnly HeldOn, int? Attendees);

/// <summary>The text forms of the accountability enums (database, CSV, JSON, command line).</summary>
public static class AccountabilityCodes
{
    private static readonly Dictionary<ComplaintChannel, string> ChannelText = new()
    {
        [ComplaintChannel.School] = "school", [ComplaintChannel.Agency] = "agency", [ComplaintChannel.District] = "district",
    };

    private static readonly Dictionary<ComplaintStatus, string> StatusText = new()
    {
        [ComplaintStatus.Received] = "received", [ComplaintStatus.Investigating] = "investigating", [ComplaintStatus.Resolved] = "resolved",
    };

    private static readonly Dictionary<ComplaintFinding, string> FindingText = new()
    {
        [ComplaintFinding.Sustained] = "sustained", [ComplaintFinding.NotSustained] = "not-sustained",
        [ComplaintFinding.Unfounded] = "unfounded", [ComplaintFinding.Withdrawn] = "withdrawn",
    };

    private static readonly Dictionary<OutreachKind, string> OutreachText = new()
    {
        [OutreachKind.StudentPresentation] = "student-presentation", [OutreachKind.FamilyNotice] = "family-notice",
        [OutreachKind.AdvisoryBoard] = "advisory-board", [OutreachKind.CommunityMeeting] = "community-meeting",
    };

    public static string Text(this ComplaintChannel c) => ChannelText[c];
    public static string Text(this ComplaintStatus s) => StatusText[s];
    public static string Text(this ComplaintFinding f) => FindingText[f];
    public static string Text(this OutreachKind k) => OutreachText[k];

    public static bool TryParse(string? s, out ComplaintChannel v) => TryParseAny(s, out v);
    public static bool TryParse(string? s, out ComplaintStatus v) => TryParseAny(s, out v);
    public static bool TryParse(string? s, out ComplaintFinding v) => TryParseAny(s, out v);
    public static bool TryParse(string? s, out OutreachKind v) => TryParseAny(s, out v);

    /// <summary>Any of the enums above from its text form (case-insensitive, trimmed).</summary>
    public static bool TryParseAny<T>(string? s, out T value) where T : struct, Enum
    {
        var t = s?.Trim();
        foreach (var v in All<T>())
        {
            if (string.Equals(TextOf(v), t, StringComparison.OrdinalIgnoreCase)) { value = v; return true; }
        }
        value = default;
        return false;
    }

    /// <summary>Parses a stored value (the database only holds valid ones).</summary>
    public static T Parse<T>(string s) where T : struct, Enum =>
        All<T>().First(v => string.Equals(TextOf(v), s, StringComparison.Ordinal));

    /// <summary>"school, agency or district", for messages.</summary>
    public static string Words<T>() where T : struct, Enum
    {
        var words = All<T>().Select(TextOf).ToList();
        return string.Join(", ", words.Take(words.Count - 1)) + " or " + words[^1];
    }

    private static IEnumerable<T> All<T>() where T : struct, Enum => Enum.GetValues<T>();

    private static string TextOf<T>(T v) where T : struct, Enum => v switch
    {
        ComplaintChannel c => c.Text(),
        ComplaintStatus s => s.Text(),
        ComplaintFinding f => f.Text(),
        OutreachKind k => k.Text(),
        _ => v.ToString(),
    };
}
