using System.CommandLine;
using System.Globalization;
using SafetyConsole.Cli.Output;
using SafetyConsole.Data.Accountability;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Reports;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Commands;

/// <summary>
/// `agreement add|list` (issue 16; RCW 28A.320.1242, Policy 4311 clauses A–C): the annual agreement with each police
/// agency or security company. Adding is for supervisors (R10) and recorded as an event; R7 takes the agency's review
/// date from its latest adopted agreement.
/// </summary>
public static class AgreementCommands
{
    public sealed record AgreementJson(
        string Agency, string AdoptedOn, string ReviewDue, string ClauseA, string ClauseB, string ClauseC, string? TrainingPlanDue,
        string? StakeholderReviewOn, int Parents, int Students, int Community, IReadOnlyList<string> MissingClauses);

    public static Command Build(CliContext ctx)
    {
        var cmd = new Command("agreement", "Annual agreements with police agencies and security companies (Policy 4311 clauses A, B, C; R7).");

        var agency = new Argument<string>("AGENCY") { Description = "The agency's code (police or contractor)." };
        var adopted = Date("--adopted", "The date the board adopted the agreement.");
        var due = Date("--review-due", "The date it is next due for review (R7).");
        var a = Reference("--clause-a", "Where clause A is (duties on behavior and discipline, requests to intervene, climate, family complaints), e.g. '§3, p. 4'.");
        var b = Reference("--clause-b", "Where clause B is (joint hiring, placement and evaluation).");
        var c = Reference("--clause-c", "Where clause C is (training series confirmed, or the plan to complete it).");
        var plan = Date("--training-plan", "When clause C is a plan: the date the training series is to be completed.");
        var review = Date("--stakeholder-review", "The date parents, students and community members reviewed it.");
        var parents = Count("--parents", "How many parents took part in the review.");
        var students = Count("--students", "How many students took part.");
        var community = Count("--community", "How many community members took part.");
        var add = new Command("add", "Record an adopted agreement (supervisors only); again with the same date updates it.")
        {
            agency, adopted, due, a, b, c, plan, review, parents, students, community,
        };
        add.SetAction(CliApp.Guard(ctx, parse =>
        {
            var adoptedOn = ReportPeriod.ParseDate(parse.GetValue(adopted), "--adopted") ?? throw SafetyException.Usage("--adopted is required; give the date the agreement was adopted, e.g. --adopted 2026-08-20.");
            var reviewDue = ReportPeriod.ParseDate(parse.GetValue(due), "--review-due") ?? throw SafetyException.Usage("--review-due is required; give the date it is next due for review, e.g. --review-due 2027-08-31.");
            var reviewOn = ReportPeriod.ParseDate(parse.GetValue(review), "--stakeholder-review");
            var agreement = new Agreement(parse.GetValue(agency)!.Trim(), adoptedOn, reviewDue,
                Ref(parse.GetValue(a)), Ref(parse.GetValue(b)), Ref(parse.GetValue(c)), ReportPeriod.ParseDate(parse.GetValue(plan), "--training-plan"),
                reviewOn, parse.GetValue(parents), parse.GetValue(students), parse.GetValue(community));
            using var db = ctx.OpenDb(parse);
            var isNew = AccountabilityWrites.SaveAgreement(db, ctx.Account, agreement, ctx.Now);
            var missing = agreement.MissingClauses;
            ctx.Out.WriteLine($"{(isNew ? "Recorded" : "Updated")} {agreement.Agency}'s agreement adopted {IsoDate.Text(adoptedOn)}, review due {IsoDate.Text(reviewDue)} (R7)."
                + (missing.Count == 0 ? "" : $" Clause {string.Join(", ", missing)} is missing (Policy 4311)."));
            return 0;
        }));

        var json = CliOptions.Json();
        var list = new Command("list", "Every agreement on record, oldest first, with its clauses.") { json };
        list.SetAction(CliApp.Guard(ctx, parse =>
        {
            using var db = ctx.OpenDb(parse);
            var all = AccountabilityReads.Agreements(db);
            if (parse.GetValue(json))
            {
                JsonOut.Write(ctx.Out, all.Select(x => new AgreementJson(x.Agency, IsoDate.Text(x.AdoptedOn), IsoDate.Text(x.ReviewDue), x.ClauseA, x.ClauseB, x.ClauseC,
                    IsoDate.TextOrNull(x.TrainingPlanDue), IsoDate.TextOrNull(x.StakeholderReviewOn), x.Parents, x.Students, x.Community, x.MissingClauses)).ToList());
                return 0;
            }
            var t = TextTable.Of("AGENCY", "ADOPTED", "REVIEW DUE", "CLAUSE A", "CLAUSE B", "CLAUSE C", "PLAN DUE", "REVIEWED", "PARENTS", "STUDENTS", "COMMUNITY");
            foreach (var x in all)
                t.AddRow(x.Agency, IsoDate.Text(x.AdoptedOn), IsoDate.Text(x.ReviewDue), Or(x.ClauseA), Or(x.ClauseB), Or(x.ClauseC), IsoDate.TextOrNull(x.TrainingPlanDue) ?? "",
                    IsoDate.TextOrNull(x.StakeholderReviewOn) ?? "", N(x.Parents), N(x.Students), N(x.Community));
            if (all.Count == 0) ctx.Out.WriteLine("No agreement on record; `safety-console agreement add` records one.");
            else t.Write(ctx);
            return 0;
        }));

        cmd.Subcommands.Add(add);
        cmd.Subcommands.Add(list);
        return cmd;
    }

    internal static Option<string?> Date(string name, string description) => new(name) { Description = description + " YYYY-MM-DD.", HelpName = "DATE" };

    private static Option<string?> Reference(string name, string description) => new(name) { Description = description + " Leave out when the clause is missing.", HelpName = "REF" };

    internal static Option<int> Count(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "N",
        CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 100_000) return n;
            r.AddError($"{name} '{text}' is not a number of people; write a whole number from 0, e.g. {name} 12.");
            return 0;
        },
    };

    private static string Ref(string? text) => Data.Feeds.PlainText.Clean(text) is { Length: <= 200 } v ? v
        : throw SafetyException.Usage("A clause reference is longer than 200 characters; give a short one, e.g. '§4.2, p. 6'.");

    private static string Or(string reference) => reference.Length == 0 ? "MISSING" : reference;

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
