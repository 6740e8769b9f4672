using System.Text.Json;
using Dapper;
using System.Data.Common;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Feeds;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Accountability;

/// <summary>
/// The writes of the `agreement`, `complaint` and `outreach` commands (issue 16). Supervisors only (R10); each is one
/// transaction holding the change and its event row in the append-only log. R9: a complaint's summary never goes into
/// an event: the event names the complaint by number.
/// </summary>
public static class AccountabilityWrites
{
    /// <summary>Longest complaint summary kept (characters, after cleaning).</summary>
    public const int MaxSummary = 2000;

    /// <summary>Records an agreement adopted with a police agency or security company (inserted, or updated when one
    /// adopted on that date is already recorded). Returns true when it was new.</summary>
    public static bool SaveAgreement(SafetyDb db, string actor, Agreement a, DateTimeOffset at)
    {
        Operators.Require(db, actor, OperatorRole.Supervisor, "record agreements", at);
        if (a.ReviewDue <= a.AdoptedOn)
            throw SafetyException.Usage($"--review-due {IsoDate.Text(a.ReviewDue)} is not after --adopted {IsoDate.Text(a.AdoptedOn)}; give the date the agreement is next due for review (R7).");
        return db.Write(tx =>
        {
            var c = tx.Connection!;
            var kind = c.ExecuteScalar<string?>("SELECT kind FROM agencies WHERE code = @Agency", new { a.Agency }, tx)
                ?? throw SafetyException.Usage($"There is no agency {a.Agency}; give a code from `district import`'s agencies.csv.");
            if (kind == AgencyKind.District.Text())
                throw SafetyException.Usage($"{a.Agency} is the district itself; an agreement is with a police agency or security company (Policy 4311).");
            var isNew = c.ExecuteScalar<long>("SELECT count(*) FROM agreements WHERE agency = @Agency AND adopted_on = @On",
                new { a.Agency, On = TimeText.ToDb(a.AdoptedOn) }, tx) == 0;
            UpsertAgreement(c, tx, a);
            var missing = a.MissingClauses;
            StateChanges.AppendEvent(tx, new EventRow(at, actor, isNew ? "agreement.adopted" : "agreement.updated",
                Reason: $"{a.Agency}'s agreement adopted {IsoDate.Text(a.AdoptedOn)}, review due {IsoDate.Text(a.ReviewDue)} (R7)"
                    + (missing.Count == 0 ? "" : $"; clause {string.Join(", ", missing)} missing (Policy 4311)"),
                Detail: JsonSerializer.Serialize(new
                {
                    agency = a.Agency, adoptedOn = IsoDate.Text(a.AdoptedOn), reviewDue = IsoDate.Text(a.ReviewDue), clauseA = a.ClauseA, clauseB = a.ClauseB,
                    clauseC = a.ClauseC, trainingPlanDue = a.TrainingPlanDue is { } p ? IsoDate.Text(p) : null,
                    stakeholderReviewOn = a.StakeholderReviewOn is { } s ? IsoDate.Text(s) : null, a.Parents, a.Students, a.Community,
                })));
            return isNew;
        });
    }

    /// <summary>Records a family complaint; returns its number.</summary>
    public static long AddComplaint(SafetyDb db, string actor, ComplaintChannel channel, string about, long? callId, DateOnly received, string summary, DateTimeOffset at)
    {
        Operators.Require(db, actor, OperatorRole.Supervisor, "record complaints", at);
        var clean = PlainText.Clean(summary);
        if (clean.Length == 0) throw SafetyException.Usage("--summary is empty; say in a few words what the family complained about.");
        if (clean.Length > MaxSummary) throw SafetyException.Usage($"--summary is {clean.Length} characters long; keep it to {MaxSummary}.");
        return db.Write(tx =>
        {
            var c = tx.Connection!;
            var isBadge = c.ExecuteScalar<long>("SELECT count(*) FROM officers WHERE badge = @about", new { about }, tx) > 0;
            var isAgency = !isBadge && c.ExecuteScalar<long>("SELECT count(*) FROM agencies WHERE code = @about", new { about }, tx) > 0;
            if (!isBadge && !isAgency)
                throw SafetyException.Usage($"--about '{PlainText.Excerpt(PlainText.Clean(about))}' is neither a badge nor an agency; give the officer's badge (`safety-console officers list`) or the agency's code.");
            if (callId is { } call && c.ExecuteScalar<long>("SELECT count(*) FROM calls WHERE id = @call", new { call }, tx) == 0)
                throw SafetyException.Usage($"There is no call {call}; check the number with `safety-console calls list`, or leave --call out.");
            var id = c.ExecuteScalar<long>("""
                INSERT INTO complaints(channel, about_badge, about_agency, call_id, received_on, summary, status)
                VALUES (@channel, @badge, @agency, @callId, @received, @clean, 'received') RETURNING id
                """, new { channel = channel.Text(), badge = isBadge ? about : null, agency = isAgency ? about : null, callId, received = IsoDate.Text(received), clean }, tx);
            StateChanges.AppendEvent(tx, new EventRow(at, actor, "complaint.received", CallId: callId, Badge: isBadge ? about : null,
                ToStatus: ComplaintStatus.Received.Text(),
                Reason: $"complaint {id} received {IsoDate.Text(received)} through the {channel.Text()} about {about} (Policy 4311 clause A)",
                Detail: $"complaint {id}"));
            return id;
        });
    }

    /// <summary>
    /// Moves a complaint on (received → investigating → resolved) and/or records its finding and response date, as a
    /// conditional update on the status it was read in. A resolved complaint is final.
    /// </summary>
    public static Complaint UpdateComplaint(SafetyDb db, string actor, long id, ComplaintStatus? status, ComplaintFinding? finding, DateOnly? responded, DateTimeOffset at)
    {
        Operators.Require(db, actor, OperatorRole.Supervisor, "update complaints", at);
        if (status is null && finding is null && responded is null)
            throw SafetyException.Usage("Nothing to change; give --status, --finding or --responded.");
        return db.Write(tx =>
        {
            var c = tx.Connection!;
            var before = AccountabilityReads.Complaints(c, tx, id).FirstOrDefault()
                ?? throw SafetyException.Usage($"There is no complaint {id}; `safety-console complaint list` shows their numbers.");
            if (before.Status == ComplaintStatus.Resolved)
                throw SafetyException.Refused($"Complaint {id} is resolved ({before.Finding?.Text()}); a resolved complaint is final: record a new one if the family complains again.");
            // A finding implies the complaint is resolved.
            var next = status ?? (finding is not null ? ComplaintStatus.Resolved : before.Status);
            if (next < before.Status)
                throw SafetyException.Refused($"Complaint {id} is {before.Status.Text()} and cannot go back to {next.Text()}.");
            var after = before with { Status = next, Finding = finding ?? before.Finding, RespondedOn = responded ?? before.RespondedOn };
            if (ComplaintRules.Check(after.Status, after.Finding, after.ReceivedOn, after.RespondedOn) is { } problem)
                throw SafetyException.Usage($"Complaint {id}: {problem.Reason}; {problem.Fix}.");
            var n = c.Execute("""
                UPDATE complaints SET status = @Status, finding = @Finding, responded_on = @Responded WHERE id = @id AND status = @Expected
                """, new
            {
                id, Status = after.Status.Text(), Finding = after.Finding?.Text(), Responded = after.RespondedOn is { } r ? IsoDate.Text(r) : null,
                Expected = before.Status.Text(),
            }, tx);
            if (n != 1) throw new ChangeConflict($"Complaint {id} changed while it was being updated; run the command again.");
            StateChanges.AppendEvent(tx, new EventRow(at, actor, "complaint.updated", CallId: before.CallId, Badge: before.AboutBadge,
                FromStatus: before.Status.Text(), ToStatus: after.Status.Text(),
                Reason: $"complaint {id} {after.Status.Text()}" + (after.Finding is { } f ? $", finding {f.Text()}" : "")
                    + (after.RespondedOn is { } d ? $", responded {IsoDate.Text(d)} ({after.DaysToResponse} days after receipt)" : ""),
                Detail: $"complaint {id}"));
            return after;
        });
    }

    /// <summary>Logs an outreach event (a second log of the same kind, place and date updates its attendance). Returns true when new.</summary>
    public static bool LogOutreach(SafetyDb db, string actor, OutreachEntry o, DateTimeOffset at)
    {
        Operators.Require(db, actor, OperatorRole.Supervisor, "log outreach", at);
        return db.Write(tx =>
        {
            var c = tx.Connection!;
            if (!string.Equals(o.Location, Codes.DistrictPost, StringComparison.Ordinal)
                && c.ExecuteScalar<long>("SELECT count(*) FROM locations WHERE code = @Location", new { o.Location }, tx) == 0)
                throw SafetyException.Usage($"--location '{PlainText.Excerpt(PlainText.Clean(o.Location))}' is not a location; give a location code or {Codes.DistrictPost}.");
            var isNew = c.ExecuteScalar<long>("SELECT count(*) FROM outreach WHERE kind = @Kind AND location = @Location AND held_on = @On",
                new { Kind = o.Kind.Text(), o.Location, On = IsoDate.Text(o.HeldOn) }, tx) == 0;
            UpsertOutreach(c, tx, o);
            StateChanges.AppendEvent(tx, new EventRow(at, actor, "outreach.logged",
                Reason: $"{o.Kind.Text()} at {o.Location} on {IsoDate.Text(o.HeldOn)}" + (o.Attendees is { } n ? $", {n} attending" : "") + (isNew ? "" : " (updated)"),
                Detail: JsonSerializer.Serialize(new { kind = o.Kind.Text(), location = o.Location, date = IsoDate.Text(o.HeldOn), attendees = o.Attendees })));
            return isNew;
        });
    }

    internal static void UpsertAgreement(DbConnection c, DbTransaction tx, Agreement x) => c.Execute("""
        INSERT INTO agreements(agency, adopted_on, review_due, clause_a, clause_b, clause_c, training_plan_due, stakeholder_review_on, parents, students, community)
        VALUES (@Agency, @AdoptedOn, @ReviewDue, @ClauseA, @ClauseB, @ClauseC, @TrainingPlanDue, @StakeholderReviewOn, @Parents, @Students, @Community)
        ON CONFLICT(agency, adopted_on) DO UPDATE SET review_due = excluded.review_due, clause_a = excluded.clause_a, clause_b = excluded.clause_b,
          clause_c = excluded.clause_c, training_plan_due = excluded.training_plan_due, stakeholder_review_on = excluded.stakeholder_review_on,
          parents = excluded.parents, students = excluded.students, community = excluded.community
        """, new
    {
        x.Agency, AdoptedOn = IsoDate.Text(x.AdoptedOn), ReviewDue = IsoDate.Text(x.ReviewDue), x.ClauseA, x.ClauseB, x.ClauseC,
        TrainingPlanDue = x.TrainingPlanDue is { } p ? IsoDate.Text(p) : null, StakeholderReviewOn = x.StakeholderReviewOn is { } s ? IsoDate.Text(s) : null,
        x.Parents, x.Students, x.Community,
    }, tx);

    /// <summary>
    /// Updates the entry of that kind, place and date, or inserts it. Not `INSERT … ON CONFLICT DO UPDATE`: on PostgreSQL
    /// that draws a number from the id sequence even when it only updates, so every later entry would be numbered
    /// higher than on SQLite (issue 17). The caller holds the store's write lock, so nothing inserts in between.
    /// </summary>
    internal static void UpsertOutreach(DbConnection c, DbTransaction tx, OutreachEntry x)
    {
        var row = new { Kind = x.Kind.Text(), x.Location, HeldOn = IsoDate.Text(x.HeldOn), x.Attendees };
        if (c.Execute("UPDATE outreach SET attendees = @Attendees WHERE kind = @Kind AND location = @Location AND held_on = @HeldOn", row, tx) == 0)
            c.Execute("INSERT INTO outreach(kind, location, held_on, attendees) VALUES (@Kind, @Location, @HeldOn, @Attendees)", row, tx);
    }

    /// <summary>A complaint of the district's own file (by its <c>ref</c>), updated or inserted as <see cref="UpsertOutreach"/> is, for the same reason.</summary>
    internal static void UpsertComplaint(DbConnection c, DbTransaction tx, Complaint x)
    {
        var row = new
        {
            x.Ref, Channel = x.Channel.Text(), x.AboutBadge, x.AboutAgency, ReceivedOn = TimeText.ToDb(x.ReceivedOn), x.Summary,
            Status = x.Status.Text(), Finding = x.Finding?.Text(), RespondedOn = x.RespondedOn is { } r ? TimeText.ToDb(r) : null,
        };
        var updated = c.Execute("""
            UPDATE complaints SET channel = @Channel, about_badge = @AboutBadge, about_agency = @AboutAgency, received_on = @ReceivedOn,
              summary = @Summary, status = @Status, finding = @Finding, responded_on = @RespondedOn
            WHERE ref = @Ref
            """, row, tx);
        if (updated == 0)
            c.Execute("""
                INSERT INTO complaints(ref, channel, about_badge, about_agency, received_on, summary, status, finding, responded_on)
                VALUES (@Ref, @Channel, @AboutBadge, @AboutAgency, @ReceivedOn, @Summary, @Status, @Finding, @RespondedOn)
                """, row, tx);
    }
}
