using System.CommandLine;
using System.Globalization;
using SafetyConsole.Cli.Output;
using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Routing;

namespace SafetyConsole.Cli.Commands;

/// <summary>`recommend CALL [--at TIME] [--json]`: ranked candidates with distance and ETA, and the excluded with reasons (§3).</summary>
public static class RecommendCommand
{
    public static Command Build(CliContext ctx)
    {
        var call = CliOptions.CallId();
        var at = CliOptions.At();
        var json = CliOptions.Json();
        var cmd = new Command("recommend", "Rank the eligible officers for a call, and list those left out with the reason.") { call, at, json };
        cmd.SetAction(CliApp.Guard(ctx, parse =>
        {
            using var db = ctx.OpenDb(parse);
            var rec = Recommendations.For(db, parse.GetValue(call), parse.AtOrNow(at, ctx));
            if (parse.GetValue(json))
            {
                JsonOut.Write(ctx.Out, new JsonOut.RecommendationJson(rec.CallId, rec.Class.Text(),
                    rec.Candidates.Select(c => new JsonOut.CandidateJson(c.Officer.Badge, c.Officer.Role.Text(), Round(c.DistanceMeters), Round(c.EtaSeconds))).ToList(),
                    rec.Excluded.Select(x => new JsonOut.ExcludedJson(x.Badge, x.Reason)).ToList()));
                return 0;
            }
            if (Recommendations.NotForOfficers(rec) is { } r2)
            {
                TextOut.Line(ctx, r2);
                return 0;
            }
            TextOut.Line(ctx, $"Call {rec.CallId}: {rec.Class.Text()} first responders, best first.");
            var t = new TextTable(TextColumn.Number("#", 3), new("BADGE", 10, 6), new("ROLE", 7), new("NAME", 28, 8),
                TextColumn.Number("DISTANCE", 9), TextColumn.Number("ETA", 7), new("NOTE", 28, 9));
            for (var i = 0; i < rec.Candidates.Count; i++)
            {
                var c = rec.Candidates[i];
                t.AddRow((i + 1).ToString(CultureInfo.InvariantCulture), c.Officer.Badge, c.Officer.Role.Text(), c.Officer.Name,
                    c.DistanceMeters is { } m ? $"{m / 1000:0.0} km" : "-",
                    c.EtaSeconds is { } s ? $"{Math.Ceiling(s / 60):0} min" : "-",
                    Note(c));
            }
            t.Write(ctx);
            if (rec.Candidates.Count == 0) TextOut.Line(ctx, "No eligible officer (at the deadline the worker escalates to the supervisor, R5).");
            if (rec.Excluded.Count > 0)
            {
                ctx.Out.WriteLine("Left out:");
                var x = new TextTable(new("BADGE", 10, 6), new("REASON", 400, 20));
                foreach (var e in rec.Excluded) x.AddRow(e.Badge, e.Reason + (e.Overridable ? " (a supervisor may override with a reason)" : ""));
                x.Write(ctx);
            }
            return 0;
        }));
        return cmd;
    }

    /// <summary>Where the distance is measured from; an officer with no ping posted district-wide (DISTRICT) has no position.</summary>
    private static string Note(Candidate c) =>
        c.PostedAtLocation ? "posted here" : c.FromPing ? "from ping" : c.DistanceMeters is null ? $"no position (post {c.Officer.Post})" : "from post";

    private static double? Round(double? v) => v is { } d ? Math.Round(d, 1) : null;
}
