using Dapper;
using System.Data.Common;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Accountability;

/// <summary>The records of the annual accountability record (issue 16) as domain records, each list in key order.</summary>
public static class AccountabilityReads
{
    public static IReadOnlyList<Agreement> Agreements(SafetyDb db) => Agreements(db.Connection, null);

    public static IReadOnlyList<TrainingTopic> Topics(SafetyDb db) => Topics(db.Connection, null);

    public static IReadOnlyList<TrainingRequirement> Requirements(SafetyDb db) => Requirements(db.Connection, null);

    public static IReadOnlyList<OutreachEntry> Outreach(SafetyDb db) => Outreach(db.Connection, null);

    /// <summary>Complaints with their summaries (R9: callers decide who may see them; aggregates never do).</summary>
    public static IReadOnlyList<Complaint> Complaints(SafetyDb db) => Complaints(db.Connection, null);

    public static Complaint? Complaint(SafetyDb db, long id) => Complaints(db.Connection, null, id).FirstOrDefault();

    private sealed record AgreementRow(string Agency, string AdoptedOn, string ReviewDue, string ClauseA, string ClauseB, string ClauseC,
        string? TrainingPlanDue, string? StakeholderReviewOn, long Parents, long Students, long Community);

    internal static IReadOnlyList<Agreement> Agreements(DbConnection c, DbTransaction? tx) =>
        c.Query<AgreementRow>("""
                SELECT agency, adopted_on, review_due, clause_a, clause_b, clause_c, training_plan_due, stakeholder_review_on, parents, students, community
                FROM agreements ORDER BY agency, adopted_on
                """, transaction: tx)
            .Select(r => new Agreement(r.Agency, TimeText.DateFromDb(r.AdoptedOn), TimeText.DateFromDb(r.ReviewDue), r.ClauseA, r.ClauseB, r.ClauseC,
                DateOrNull(r.TrainingPlanDue), DateOrNull(r.StakeholderReviewOn), (int)r.Parents, (int)r.Students, (int)r.Community))
            .ToList();

    internal static IReadOnlyList<TrainingTopic> Topics(DbConnection c, DbTransaction? tx) =>
        c.Query<(string Code, string Name, string Source, string RequiredFor)>(
                "SELECT code, name, source, required_for FROM training_topics ORDER BY code", transaction: tx)
            .Select(r => new TrainingTopic(r.Code, r.Name, r.Source,
                r.RequiredFor.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Codes.ParseRole).ToList()))
            .ToList();

    internal static IReadOnlyList<TrainingRequirement> Requirements(DbConnection c, DbTransaction? tx) =>
        c.Query<(string Role, double Hours, string Source)>("SELECT role, annual_hours, source FROM training_requirements ORDER BY role", transaction: tx)
            .Select(r => new TrainingRequirement(Codes.ParseRole(r.Role), r.Hours, r.Source))
            .ToList();

    internal static IReadOnlyList<OutreachEntry> Outreach(DbConnection c, DbTransaction? tx) =>
        c.Query<(string Kind, string Location, string HeldOn, long? Attendees)>(
                "SELECT kind, location, held_on, attendees FROM outreach ORDER BY held_on, kind, location", transaction: tx)
            .Select(r => new OutreachEntry(AccountabilityCodes.Parse<OutreachKind>(r.Kind), r.Location, TimeText.DateFromDb(r.HeldOn),
                r.Attendees is { } n ? (int)n : null))
            .ToList();

    private sealed record ComplaintRow(long Id, string? Ref, string Channel, string? AboutBadge, string? AboutAgency, long? CallId,
        string ReceivedOn, string Summary, string Status, string? Finding, string? RespondedOn);

    internal static IReadOnlyList<Complaint> Complaints(DbConnection c, DbTransaction? tx, long? id = null) =>
        c.Query<ComplaintRow>("""
                SELECT id, ref, channel, about_badge, about_agency, call_id, received_on, summary, status, finding, responded_on
                FROM complaints WHERE @id IS NULL OR id = @id ORDER BY id
                """, new { id }, tx)
            .Select(r => new Complaint(r.Id, r.Ref, AccountabilityCodes.Parse<ComplaintChannel>(r.Channel), r.AboutBadge, r.AboutAgency, r.CallId,
                TimeText.DateFromDb(r.ReceivedOn), r.Summary, AccountabilityCodes.Parse<ComplaintStatus>(r.Status),
                r.Finding is { } f ? AccountabilityCodes.Parse<ComplaintFinding>(f) : null, DateOrNull(r.RespondedOn)))
            .ToList();

    private static DateOnly? DateOrNull(string? s) => s is null ? null : TimeText.DateFromDb(s);
}
