using System.Globalization;
using SafetyConsole.Data.Accountability;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Reports;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Output.Reports;

/// <summary>
/// `compliance annual` as sections of tables, shared by its table, csv and html formats (json has its own shape). Each
/// section names the statute or policy paragraph it answers. R9: counts only for complaints, never a summary.
/// </summary>
public static class AnnualLayout
{
    public const string Title = "Annual safety and security accountability record";

    public static IReadOnlyList<(string Name, string Value)> Header(AnnualReport r, TimeZoneInfo zone) =>
    [
        ("District", r.District),
        ("School year", $"{r.Year} ({IsoDate.Text(r.From)} to {IsoDate.Text(r.To)}), as of {IsoDate.Text(r.AsOf)}"),
        ("Generated", TimeText.ToIso(r.GeneratedAt, zone)),
        ("Missing", r.Missing.Count == 0 ? "nothing: every required item is on record" : $"{r.Missing.Count} required {(r.Missing.Count == 1 ? "item" : "items")} (listed at the end)"),
    ];

    public static IReadOnlyList<LayoutSection> Build(AnnualReport r, TimeZoneInfo zone)
    {
        var staffed = r.Staff.Count(s => s.Posted.Count > 0);
        var staff = new LayoutSection("Safety and security staff per school (RCW 28A.320.124, RCW 28A.320.1241)",
            [$"{r.Staff.Count} schools; {staffed} with staff posted at the school (5 school days a week); the others are covered by staff posted at their feeder pattern or district-wide."],
            [
                new LayoutTable("staff", "Staff per school", "School", "Name",
                    [Text("kind", "Kind"), Text("posted", "Posted at the school"), Num("shared", "Shared staff covering it"), Num("daysPerWeek", "Days a week")],
                    r.Staff.Select(s => Row(s.Location, s.Name, W(s.Kind), W(string.Join(", ", s.Posted)), N(s.Shared.Count), N(s.DaysPerWeek))).ToList(),
                    Empty: "No school in the district's data."),
            ]);

        var agreements = new LayoutSection("Agreements with police agencies and security companies (RCW 28A.320.1242; Policy 4311 clauses A, B and C)",
            [
                "Clause A: duties on student behavior and discipline, when staff may be asked to intervene, school climate, and the process for family complaints.",
                "Clause B: jointly determined hiring, placement and performance evaluation. Clause C: the training series of RCW 28A.310.515 completed, or a plan with dates.",
                "The review and adoption must involve parents, students and community members (Policy 4311). R7 takes each agency's review date from its latest adopted agreement.",
            ],
            [
                new LayoutTable("agreements", "Latest agreement of each agency", "Agency", "Name",
                    [Text("kind", "Kind"), Num("officers", "Officers"), Text("adoptedOn", "Adopted"), Text("reviewDue", "Review due"),
                     Text("clauseA", "Clause A"), Text("clauseB", "Clause B"), Text("clauseC", "Clause C"), Text("trainingPlanDue", "Training plan due")],
                    r.Agreements.Select(a => Row(a.Agency, a.Name, W(a.Kind), N(a.Officers), D(a.AdoptedOn), D(a.ReviewDue),
                        Clause(a.ClauseA, a.AdoptedOn), Clause(a.ClauseB, a.AdoptedOn), Clause(a.ClauseC, a.AdoptedOn), D(a.TrainingPlanDue))).ToList(),
                    Empty: "No police agency or security company supplies staff."),
                new LayoutTable("stakeholderReview", "Stakeholder review of each agreement", "Agency", "Name",
                    [Text("reviewedOn", "Reviewed"), Num("parents", "Parents"), Num("students", "Students"), Num("community", "Community members")],
                    r.Agreements.Where(a => a.AdoptedOn is not null)
                        .Select(a => Row(a.Agency, a.Name, D(a.StakeholderReviewOn), N(a.Parents), N(a.Students), N(a.Community))).ToList(),
                    Empty: "No agreement on record."),
            ]);

        var outreach = new LayoutSection("Presentations to students and notices to families (RCW 28A.320.124; Policy 4311, Annual Review)",
            [
                $"At the beginning of each school year, at every school with safety and security staff, the district presents the role of safety staff to students and sends it to families. {r.Outreach.Count(o => o.Presentations > 0 && o.FamilyNotices > 0)} of {r.Outreach.Count} such schools have both on record.",
                $"Student advisory board meetings: {r.AdvisoryBoardMeetings}. Community meetings (e.g. Community Connectors): {r.CommunityMeetings}.",
            ],
            [
                new LayoutTable("outreach", "Each school with safety staff", "School", "Name",
                    [Num("presentations", "Student presentations"), Num("familyNotices", "Family notices"), Num("attendees", "Attendees")],
                    r.Outreach.Select(o => Row(o.Location, o.Name, N(o.Presentations), N(o.FamilyNotices), N(o.Attendees))).ToList(),
                    Empty: "No school has safety staff."),
            ]);

        var training = new LayoutSection("Training series and hours (RCW 28A.310.515; Policy 4311 clause C; R7)",
            ["Hours are those completed in the school year, against the district's annual hours for the role. The series is the 13 subjects of RCW 28A.310.515. Lapsed: required topics expired or never completed on the as-of date (R7 keeps the officer out of recommendations)."],
            [
                new LayoutTable("training", "Each officer", "Badge", "Name",
                    [Text("role", "Role"), Text("agency", "Agency"), Num("hours", "Hours"), Num("requiredHours", "Required"), Text("series", "Series subjects"), Text("lapsed", "Lapsed")],
                    r.Training.Select(t => Row(t.Badge, t.Name, W(t.Role), W(t.Agency), H(t.Hours), H(t.RequiredHours),
                        W($"{t.SeriesCompleted} of {t.SeriesTopics}"), W(t.Lapsed.Count == 0 ? "" : string.Join("; ", t.Lapsed)))).ToList(),
                    Empty: "No officer on the roster."),
            ]);

        var c = r.Complaints;
        var complaints = new LayoutSection("Complaints from families (Policy 4311 clause A)",
            [
                $"{c.Received} received in the year; {c.Open} open, {c.Overdue} past the district's response time of {c.ResponseDays} days.",
                $"Responded to: {c.Responded}, {c.RespondedInTime} within {c.ResponseDays} days; days to response: median {c.MedianDaysToResponse?.ToString(CultureInfo.InvariantCulture) ?? "—"}, longest {c.MaxDaysToResponse?.ToString(CultureInfo.InvariantCulture) ?? "—"}. Counts only: complaint summaries never appear in a report (R9).",
            ],
            [
                new LayoutTable("complaintsByFinding", "By finding", "Finding", null, [Num("complaints", "Complaints")],
                    c.ByFinding.Select(f => Row(f.Key, "", N(f.Count))).ToList()),
                new LayoutTable("complaintsByChannel", "By where they were filed", "Channel", null, [Num("complaints", "Complaints")],
                    c.ByChannel.Select(f => Row(f.Key, "", N(f.Count))).ToList()),
            ]);

        var a = r.Activity;
        var activity = new LayoutSection("Law-enforcement activity (as in `report`; R2, R3, R7)",
            [$"Calls received {IsoDate.Text(a.From)} to {IsoDate.Text(a.To)}: {a.Calls}. Routine discipline never goes to safety staff (R2), and no override of it exists."],
            [
                new LayoutTable("activity", "Outcomes and calls kept away from safety staff", "Figure", "Meaning", [Num("calls", "Calls")],
                    [
                        Row("arrests", "arrests (APCO 03)", N(a.Arrests)),
                        Row("citations", "citations (APCO 04)", N(a.Citations)),
                        Row("referrals", "referred to a partner agency (APCO 15, R4)", N(a.Referrals)),
                        Row("divertedR2", "routine discipline diverted to school administration (R2)", N(a.DivertedR2)),
                        Row("divertedR3", "requests for intervention without a qualifying basis (R3)", N(a.DivertedR3)),
                        Row("divertedByDispatcher", "diverted by a dispatcher with a reason (R2)", N(a.DivertedByDispatcher)),
                        Row("r2Overrides", "R2 overrides (none exist)", N(a.R2Overrides)),
                        Row("r7Overrides", "assignments against R7 with a written reason", N(a.R7Overrides.Count)),
                    ]),
                new LayoutTable("r7Overrides", "R7 overrides and their reasons", "#", "Call",
                    [Text("at", "When"), Text("by", "By"), Text("badge", "Officer"), Text("reason", "Reason given")],
                    a.R7Overrides.Select((o, i) => Row((i + 1).ToString(CultureInfo.InvariantCulture), $"call {o.CallId}",
                        W(TimeText.ToIso(o.At, zone)), W(o.By), W(o.Badge), W(o.Reason))).ToList(), Empty: "No overrides."),
            ]);

        var missing = new LayoutSection("What is missing",
            [r.Missing.Count == 0 ? "Nothing: every required item is on record." : $"{r.Missing.Count} required {(r.Missing.Count == 1 ? "item is" : "items are")} missing; each names the statute or policy that requires it."],
            [
                new LayoutTable("missing", "Missing", "#", "Section", [Text("what", "What is missing"), Text("basis", "Required by")],
                    r.Missing.Select((m, i) => Row((i + 1).ToString(CultureInfo.InvariantCulture), m.Section, W(m.What), W(m.Basis))).ToList(),
                    Empty: "Nothing is missing."),
            ]);

        return [staff, agreements, outreach, training, complaints, activity, missing];
    }

    private static LayoutCell Clause(string reference, DateOnly? adopted) =>
        adopted is null ? W("") : reference.Length > 0 ? W(reference) : new LayoutCell("MISSING", "");

    private static LayoutColumn Num(string id, string header) => new(id, header);

    private static LayoutColumn Text(string id, string header) => new(id, header, false);

    private static LayoutRow Row(string key, string label, params LayoutCell[] cells) => new(key, label, cells);

    private static LayoutCell N(int n) => W(n.ToString(CultureInfo.InvariantCulture));

    private static LayoutCell H(double h) => W(h.ToString("0.#", CultureInfo.InvariantCulture));

    private static LayoutCell W(string s) => new(s, s);

    private static LayoutCell D(DateOnly? d) => W(d is { } v ? IsoDate.Text(v) : "");
}
