using System.CommandLine;
using System.Globalization;
using SafetyConsole.Cli.Output;
using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Domain;

namespace SafetyConsole.Cli.Commands;

/// <summary>`recommend CALL [--at TIME] [--json]`: ranked candidates with distance and ETA, and the excluded with reasons (§3).</summary>
public static class RecommendCommand
{
    public sealed record CandidateJson(string Badge, string Role, double? DistanceMeters, double? EtaSeconds);
    public sealed record ExcludedJson(string Badge, string Reason);
    public sealed record RecommendationJson(long Call, string Class, IReadOnlyList<CandidateJson> Candidates, IReadOnlyList<ExcludedJson> Excluded);

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
                JsonOut.Write(ctx.Out, new RecommendationJson(rec.CallId, rec.Class.Text(),
                    rec.Candidates.Select(c => new CandidateJson(c.Officer.Badge, c.Officer.Role.Text(), Round(c.DistanceMeters), Round(c.EtaSeconds))).ToList(),
                    rec.Excluded.Select(x => new ExcludedJson(x.Badge, x.Reason)).ToList()));
                return 0;
            }
            ctx.Out.WriteLine($"Call {rec.CallId}: {rec.Class.Text()} first responders, best first.");
            var t = TextOut.Table("#", "BADGE", "ROLE", "NAME", "DISTANCE", "ETA", "NOTE");
            for (var i = 0; i < rec.Candidates.Count; i++)
            {
                var c = rec.Candidates[i];
                t.AddRow((i + 1).ToString(CultureInfo.InvariantCulture), c.Officer.Badge, c.Officer.Role.Text(), c.Officer.Name,
                    c.DistanceMeters is { } m ? $"{m / 1000:0.0} km" : "unknown",
                    c.EtaSeconds is { } s ? $"{Math.Ceiling(s / 60):0} min" : "unknown",
                    c.PostedAtLocation ? "posted here" : c.FromPing ? "from ping" : "from post");
            }
            TextOut.Write(ctx, t);
            if (rec.Candidates.Count == 0) ctx.Out.WriteLine("No eligible officer (at the deadline the worker escalates to the supervisor, R5).");
            if (rec.Excluded.Count > 0)
            {
                ctx.Out.WriteLine("Left out:");
                var x = TextOut.Table("BADGE", "REASON");
                foreach (var e in rec.Excluded) x.AddRow(e.Badge, e.Reason + (e.Overridable ? " (a supervisor may override with a reason)" : ""));
                TextOut.Write(ctx, x);
            }
            return 0;
        }));
        return cmd;
    }

    private static double? Round(double? v) => v is { } d ? Math.Round(d, 1) : null;
}
