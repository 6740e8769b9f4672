using System.Globalization;
using System.Text.Json;
using Dapper;
using SafetyConsole.Cli.Board;
using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Cli.Tests.Board;
using SafetyConsole.Cli.Tests.Dispatch;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Tests.Policy;

/// <summary>
/// Issue 13, the acceptance test: a supervisor changes the road factor and the P3 deadline with `policy set`, and the
/// board's route dialog, `recommend`, the command line's `assign` (its R5 deadline) and a worker pass all agree.
/// Before, the board and the command line used the built-in numbers while only the worker read its own settings.
/// </summary>
public class OnePolicyAcceptanceTests
{
    private const double RoadFactor = 2.8; // the default is 1.4
    private static readonly TimeSpan P3 = TimeSpan.FromMinutes(10); // the default is 15 min

    private static (string Badge, double Distance, double Eta) Top(CliRunner cli, long call, DateTimeOffset at)
    {
        var r = cli.Run("recommend", call.ToString(CultureInfo.InvariantCulture), "--json", "--at", at.ToString("O", CultureInfo.InvariantCulture));
        Assert.True(r.ExitCode == 0, r.ToString());
        var top = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("candidates")[0];
        return (top.GetProperty("badge").GetString()!, top.GetProperty("distanceMeters").GetDouble(), top.GetProperty("etaSeconds").GetDouble());
    }

    /// <summary>§3: ETA = great-circle distance × road factor at the speed, here with the stored road factor.</summary>
    private static double Eta(double meters) => meters * RoadFactor / (35 / 3.6);

    private static string Minutes(double etaSeconds) => Math.Round(etaSeconds / 60.0, 1).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void A_policy_change_is_used_alike_by_the_board_recommend_assign_and_the_worker()
    {
        using var cli = DemoCalls.DemoRunner();
        Assert.Equal(0, cli.Run("policy", "set", "road_factor", RoadFactor.ToString(CultureInfo.InvariantCulture), "--reason", "hill streets").ExitCode);
        Assert.Equal(0, cli.Run("policy", "set", "deadline_p3_seconds", "10min", "--reason", "board decision 2026-41").ExitCode);
        var now = cli.Time.GetUtcNow();
        var a = DemoCalls.Add(cli, "BIRE", "WELFARE"); // P3 CAMPUS at an elementary school of the LHS zone: no CSO posted there
        var b = DemoCalls.Add(cli, "IRVE", "WELFARE"); // the same in the SHS zone

        // recommend: the ETA follows the stored road factor.
        var (badge, distance, eta) = Top(cli, a, now);
        Assert.Equal("CSS-1", badge);
        Assert.Equal(Eta(distance), eta, 0.1);

        // The board's route dialog, from the board's own store actions, shows the same candidate and ETA.
        using (var db = cli.OpenDb())
        {
            var rec = new StoreBoardActions(db).Recommend(a, now);
            Assert.Equal((badge, eta), (rec.Top!.Officer.Badge, Math.Round(rec.Top.EtaSeconds!.Value, 1)));
            var loaded = BoardUpdate.Update(BoardState.Initial(cli.Account, now, 120, 40), new DataMsg(new DbBoardStore(db, cli.Account).Load(now, null))).State;
            var dialog = BoardUpdate.Update(loaded with { Overlay = new RouteOverlay(a) }, new RecommendationMsg(a, rec, null)).State;
            var line = BoardFixture.Render(dialog).Text().Split('\n').Single(l => l.Contains("CSS-1", StringComparison.Ordinal) && l.Contains("ETA", StringComparison.Ordinal));
            Assert.Contains("ETA 6 minutes", line, StringComparison.Ordinal); // with the default 1.4: 3 minutes
        }

        // The command line's assign: the R5 deadline is the stored P3 deadline, the rank reason the same ETA.
        var assign = cli.Run("assign", a.ToString(CultureInfo.InvariantCulture), badge);
        Assert.True(assign.ExitCode == 0, assign.ToString());
        using (var db = cli.OpenDb())
        {
            Assert.Equal(now + P3, Reads.RequireCall(db, a).Deadline);
            var why = db.Connection.ExecuteScalar<string>("SELECT reason FROM events WHERE call_id = @a AND kind = 'call.assigned'", new { a });
            Assert.Contains($"ETA {Minutes(eta)} min", why, StringComparison.Ordinal);
        }

        // The worker (the real safety-worker program, one pass): intake gives the same deadline, and at the deadline it
        // assigns the top-ranked officer by the same ETA recommend shows.
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, SafetyConsole.Worker.Program.Run(["--db", cli.DbPath, "--once", "--at", now.ToString("O", CultureInfo.InvariantCulture)], stdout, stderr, cli.Time, cli.Account));
        using (var db = cli.OpenDb()) Assert.Equal(now + P3, Reads.RequireCall(db, b).Deadline);
        var due = now + P3;
        var (badgeB, distanceB, etaB) = Top(cli, b, due);
        Assert.Equal(Eta(distanceB), etaB, 0.1);
        Assert.Equal(0, SafetyConsole.Worker.Program.Run(["--db", cli.DbPath, "--once", "--at", due.ToString("O", CultureInfo.InvariantCulture)], stdout, stderr, cli.Time, cli.Account));
        using (var db = cli.OpenDb())
        {
            Assert.Equal(badgeB, Reads.RequireCall(db, b).AssignedTo);
            var why = db.Connection.ExecuteScalar<string>("SELECT reason FROM events WHERE call_id = @b AND kind = 'call.assigned'", new { b });
            Assert.Contains($"ETA {Minutes(etaB)} min", why, StringComparison.Ordinal);
        }
    }
}
