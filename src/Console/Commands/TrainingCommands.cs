using System.CommandLine;
using System.Globalization;
using SafetyConsole.Cli.Output;
using SafetyConsole.Data.Accountability;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;

namespace SafetyConsole.Cli.Commands;

/// <summary>
/// `training topics|list` (issue 16): the topic catalogue with the roles each is required for (R7) and the annual hours
/// per role; an officer's (or every officer's) training records with their hours. Loaded by `district import`.
/// </summary>
public static class TrainingCommands
{
    public sealed record TopicJson(string Code, string Name, string Source, IReadOnlyList<string> RequiredFor);

    public sealed record RequirementJson(string Role, double AnnualHours, string Source);

    public sealed record TopicsJson(IReadOnlyList<TopicJson> Topics, IReadOnlyList<RequirementJson> AnnualHours);

    public sealed record RecordJson(string Badge, string Topic, string CompletedOn, string ExpiresOn, double Hours);

    public static Command Build(CliContext ctx)
    {
        var cmd = new Command("training", "The training catalogue, required topics and hours per role (R7), and training records.");

        var json = CliOptions.Json();
        var topics = new Command("topics", "The topic catalogue (training_topics.csv) and the annual hours per role (training_requirements.csv).") { json };
        topics.SetAction(CliApp.Guard(ctx, parse =>
        {
            using var db = ctx.OpenDb(parse);
            var all = AccountabilityReads.Topics(db);
            var hours = AccountabilityReads.Requirements(db);
            if (parse.GetValue(json))
            {
                JsonOut.Write(ctx.Out, new TopicsJson(
                    all.Select(t => new TopicJson(t.Code, t.Name, t.Source, t.RequiredFor.Select(r => r.Text()).ToList())).ToList(),
                    hours.Select(h => new RequirementJson(h.Role.Text(), h.AnnualHours, h.Source)).ToList()));
                return 0;
            }
            var t1 = TextTable.Of("TOPIC", "NAME", "SOURCE", "REQUIRED FOR");
            foreach (var t in all) t1.AddRow(t.Code, t.Name, t.Source, string.Join(' ', t.RequiredFor.Select(r => r.Text())));
            if (all.Count == 0) ctx.Out.WriteLine("No topic catalogue; add training_topics.csv to the district folder and run `district import`.");
            else t1.Write(ctx);
            ctx.Out.WriteLine();
            var t2 = TextTable.Of("ROLE", "HOURS A YEAR", "SOURCE");
            foreach (var h in hours) t2.AddRow(h.Role.Text(), h.AnnualHours.ToString("0.#", CultureInfo.InvariantCulture), h.Source);
            if (hours.Count == 0) ctx.Out.WriteLine("No annual hours set; add training_requirements.csv to the district folder.");
            else t2.Write(ctx);
            return 0;
        }));

        var badge = new Option<string?>("--badge") { Description = "Only this officer.", HelpName = "BADGE" };
        var listJson = CliOptions.Json();
        var list = new Command("list", "Training records with their hours.") { badge, listJson };
        list.SetAction(CliApp.Guard(ctx, parse =>
        {
            using var db = ctx.OpenDb(parse);
            var b = parse.GetValue(badge);
            var records = DistrictReads.Training(db).Where(t => b is null || string.Equals(t.Badge, b, StringComparison.Ordinal))
                .Select(t => new RecordJson(t.Badge, t.Topic, IsoDate.Text(t.CompletedOn), IsoDate.Text(t.ExpiresOn), t.Hours)).ToList();
            if (parse.GetValue(listJson)) { JsonOut.Write(ctx.Out, records); return 0; }
            var t = TextTable.Of("BADGE", "TOPIC", "COMPLETED", "EXPIRES", "HOURS");
            foreach (var r in records) t.AddRow(r.Badge, r.Topic, r.CompletedOn, r.ExpiresOn, r.Hours.ToString("0.#", CultureInfo.InvariantCulture));
            t.Write(ctx);
            return 0;
        }));

        cmd.Subcommands.Add(topics);
        cmd.Subcommands.Add(list);
        return cmd;
    }
}
