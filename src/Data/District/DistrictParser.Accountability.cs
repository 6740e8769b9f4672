using SafetyConsole.Data.Accountability;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Feeds;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Districts;

/// <summary>
/// The optional files of the annual accountability record (issue 16): training_topics.csv, training_requirements.csv,
/// agreements.csv, outreach.csv and complaints.csv. Each is checked like the six required files: a bad row stops the
/// import with one sentence naming the file, the line and the fix.
/// </summary>
public static partial class DistrictParser
{
    private static readonly FileSpec AgreementsSpec = new(DistrictFiles.Agreements, ["agency", "adopted_on", "review_due"],
        ["clause_a", "clause_b", "clause_c", "training_plan_due", "stakeholder_review_on", "parents", "students", "community"]);

    private static readonly FileSpec TopicsSpec = new(DistrictFiles.TrainingTopics, ["code", "name"], ["source", "required_for"]);

    private static readonly FileSpec RequirementsSpec = new(DistrictFiles.TrainingRequirements, ["role", "annual_hours"], ["source"]);

    private static readonly FileSpec OutreachSpec = new(DistrictFiles.Outreach, ["kind", "location", "date"], ["attendees"]);

    private static readonly FileSpec ComplaintsSpec = new(DistrictFiles.Complaints,
        ["ref", "channel", "about", "received_on", "status"], ["summary", "finding", "responded_on"]);

    /// <summary>Largest head count accepted for a meeting or review.</summary>
    private const int MaxPeople = 100_000;

    private static List<At<Agreement>> ParseAgreements(List<Row> rows)
    {
        var seen = new Dictionary<(string, DateOnly), int>();
        var list = new List<At<Agreement>>(rows.Count);
        foreach (var r in rows)
        {
            var agency = r.Code("agency");
            var adopted = r.Date("adopted_on");
            var due = r.Date("review_due");
            if (due <= adopted)
                throw r.Fail($"review_due {TimeText.ToDb(due)} is not after adopted_on {TimeText.ToDb(adopted)}", "fix one of the two dates (the agreement is reviewed every year, R7)");
            if (seen.TryGetValue((agency, adopted), out var first))
                throw r.Fail($"{agency}'s agreement adopted on {TimeText.ToDb(adopted)} is already on line {first}", "keep one row per agency and adoption date");
            seen[(agency, adopted)] = r.Line;
            var review = r.DateOrNull("stakeholder_review_on");
            int People(string column) => r.Optional(column).Length == 0 ? 0 : r.Count(column, 0, MaxPeople, $"how many {column.Replace('_', ' ')} took part, e.g. 12");
            list.Add(new(r.Line, new Agreement(agency, adopted, due, Reference(r, "clause_a"), Reference(r, "clause_b"), Reference(r, "clause_c"),
                r.DateOrNull("training_plan_due"), review, People("parents"), People("students"), People("community"))));
        }
        return list;
    }

    private static AccountabilityData ParseAccountability(DistrictSource source, List<At<Agreement>>? agreements, List<At<Agency>> agencies,
        List<At<Location>> locations, List<At<Officer>> officers, List<At<TrainingRecord>> training)
    {
        var present = DistrictFiles.Optional.Where(source.Has).ToHashSet(StringComparer.Ordinal);
        var topics = present.Contains(DistrictFiles.TrainingTopics) ? ParseTopics(Read(source, TopicsSpec)) : [];
        var requirements = present.Contains(DistrictFiles.TrainingRequirements) ? ParseRequirements(Read(source, RequirementsSpec)) : [];
        var outreach = present.Contains(DistrictFiles.Outreach) ? ParseOutreach(Read(source, OutreachSpec)) : [];
        var complaints = present.Contains(DistrictFiles.Complaints) ? ParseComplaints(Read(source, ComplaintsSpec)) : [];

        var agencyKinds = agencies.ToDictionary(a => a.Value.Code, a => a.Value.Kind, StringComparer.Ordinal);
        foreach (var (line, a) in agreements ?? [])
        {
            if (!agencyKinds.TryGetValue(a.Agency, out var kind))
                throw Fail(DistrictFiles.Agreements, line, $"agency '{Shown(a.Agency)}' is not in {DistrictFiles.Agencies}", "add the agency or fix the agreement's agency");
            if (kind == AgencyKind.District)
                throw Fail(DistrictFiles.Agreements, line, $"{a.Agency} is the district itself", "give the police agency or security company the agreement is with");
        }

        // training.csv topics must be in the catalogue when the district keeps one.
        if (topics.Count > 0)
        {
            var codes = topics.Select(t => t.Value.Code).ToHashSet(StringComparer.Ordinal);
            foreach (var (line, t) in training)
            {
                if (!codes.Contains(t.Topic))
                    throw Fail(DistrictFiles.Training, line, $"topic '{Shown(t.Topic)}' is not in {DistrictFiles.TrainingTopics}", "add it to the catalogue or fix the topic");
            }
        }

        var locationCodes = locations.Select(l => l.Value.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var (line, o) in outreach)
        {
            if (!string.Equals(o.Location, Codes.DistrictPost, StringComparison.Ordinal) && !locationCodes.Contains(o.Location))
                throw Fail(DistrictFiles.Outreach, line, $"location '{Shown(o.Location)}' is not in {DistrictFiles.Locations}", $"give a location code or {Codes.DistrictPost}");
        }

        var badges = officers.Select(o => o.Value.Badge).ToHashSet(StringComparer.Ordinal);
        var checkedComplaints = new List<Complaint>(complaints.Count);
        foreach (var (line, c) in complaints)
        {
            // `about` is a badge or an agency code: whichever it names.
            var about = c.AboutBadge!;
            if (badges.Contains(about)) checkedComplaints.Add(c);
            else if (agencyKinds.ContainsKey(about)) checkedComplaints.Add(c with { AboutBadge = null, AboutAgency = about });
            else
                throw Fail(DistrictFiles.Complaints, line, $"about '{Shown(about)}' is neither a badge in {DistrictFiles.Officers} nor an agency in {DistrictFiles.Agencies}",
                    "give the badge of the officer or the code of the agency the complaint is about");
        }

        return new AccountabilityData(topics.Select(t => t.Value).ToList(), requirements.Select(r => r.Value).ToList(),
            (agreements ?? []).Select(a => a.Value).ToList(), outreach.Select(o => o.Value).ToList(), checkedComplaints, present);
    }

    private static List<At<TrainingTopic>> ParseTopics(List<Row> rows)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = new List<At<TrainingTopic>>(rows.Count);
        foreach (var r in rows)
        {
            var code = Unique(r, "code", seen);
            var roles = new List<Role>();
            foreach (var word in r.Optional("required_for").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!Codes.TryParseRole(word, out var role))
                    throw r.Fail($"required_for names '{Shown(word)}', which is not a role", "list roles separated by spaces, from SLO SRO SSO CSO CSS SGT, or leave it empty");
                if (!roles.Contains(role)) roles.Add(role);
            }
            list.Add(new(r.Line, new TrainingTopic(code, PlainText.Clean(r.Text("name")), PlainText.Clean(r.Optional("source")), roles)));
        }
        return list;
    }

    private static List<At<TrainingRequirement>> ParseRequirements(List<Row> rows)
    {
        var seen = new Dictionary<Role, int>();
        var list = new List<At<TrainingRequirement>>(rows.Count);
        foreach (var r in rows)
        {
            var text = r.Text("role");
            if (!Codes.TryParseRole(text, out var role))
                throw r.Fail($"role '{Shown(text)}' is not a role", "use SLO, SRO, SSO, CSO, CSS or SGT");
            if (seen.TryGetValue(role, out var first))
                throw r.Fail($"role {role.Text()} is already on line {first}", "keep one row per role");
            seen[role] = r.Line;
            list.Add(new(r.Line, new TrainingRequirement(role, r.Hours("annual_hours"), PlainText.Clean(r.Optional("source")))));
        }
        return list;
    }

    private static List<At<OutreachEntry>> ParseOutreach(List<Row> rows)
    {
        var seen = new Dictionary<(OutreachKind, string, DateOnly), int>();
        var list = new List<At<OutreachEntry>>(rows.Count);
        foreach (var r in rows)
        {
            var kindText = r.Text("kind");
            if (!AccountabilityCodes.TryParse(kindText, out OutreachKind kind))
                throw r.Fail($"kind '{Shown(kindText)}' is not an outreach kind", $"use {AccountabilityCodes.Words<OutreachKind>()}");
            var location = r.Code("location");
            var date = r.Date("date");
            if (seen.TryGetValue((kind, location, date), out var first))
                throw r.Fail($"the {kind.Text()} at {location} on {TimeText.ToDb(date)} is already on line {first}", "keep one row per kind, location and date");
            seen[(kind, location, date)] = r.Line;
            int? attendees = r.Optional("attendees").Length == 0 ? null : r.Count("attendees", 0, MaxPeople, "how many people attended, e.g. 240, or leave it empty");
            list.Add(new(r.Line, new OutreachEntry(kind, location, date, attendees)));
        }
        return list;
    }

    private static List<At<Complaint>> ParseComplaints(List<Row> rows)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = new List<At<Complaint>>(rows.Count);
        foreach (var r in rows)
        {
            var reference = Unique(r, "ref", seen);
            var channelText = r.Text("channel");
            if (!AccountabilityCodes.TryParse(channelText, out ComplaintChannel channel))
                throw r.Fail($"channel '{Shown(channelText)}' is not a complaint channel", $"use {AccountabilityCodes.Words<ComplaintChannel>()}");
            var about = r.Code("about");
            var received = r.Date("received_on");
            var statusText = r.Text("status");
            if (!AccountabilityCodes.TryParse(statusText, out ComplaintStatus status))
                throw r.Fail($"status '{Shown(statusText)}' is not a complaint status", $"use {AccountabilityCodes.Words<ComplaintStatus>()}");
            ComplaintFinding? finding = null;
            var findingText = r.Optional("finding");
            if (findingText.Length > 0)
            {
                if (!AccountabilityCodes.TryParse(findingText, out ComplaintFinding f))
                    throw r.Fail($"finding '{Shown(findingText)}' is not a finding", $"use {AccountabilityCodes.Words<ComplaintFinding>()}, or leave it empty while the complaint is open");
                finding = f;
            }
            var responded = r.DateOrNull("responded_on");
            var problem = ComplaintRules.Check(status, finding, received, responded);
            if (problem is not null) throw r.Fail(problem.Value.Reason, problem.Value.Fix);
            list.Add(new(r.Line, new Complaint(0, reference, channel, about, null, null, received, PlainText.Clean(r.Optional("summary")), status, finding, responded)));
        }
        return list;
    }

    /// <summary>A clause's reference (section, page): cleaned text of at most 200 characters; empty = the clause is missing.</summary>
    private static string Reference(Row r, string column)
    {
        var v = PlainText.Clean(r.Optional(column));
        if (v.Length > 200) throw r.Fail($"{column} is {v.Length} characters long", "give a short reference of at most 200 characters, e.g. §4.2, p. 6");
        return v;
    }
}
