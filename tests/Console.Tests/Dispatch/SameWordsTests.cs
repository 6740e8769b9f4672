using SafetyConsole.Cli.Board;
using SafetyConsole.Data.Domain;

namespace SafetyConsole.Cli.Tests.Dispatch;

/// <summary>
/// Issue 18: the board and the command line report an action in the same words, because both print the sentence
/// the store action returns (no second copy of the success sentences).
/// </summary>
public class SameWordsTests
{
    [Fact]
    public void The_board_and_the_command_line_report_every_action_in_the_same_words()
    {
        using var cli = DemoCalls.DemoRunner();
        using var db = cli.OpenDb();
        var board = new StoreBoardActions(db);
        string Board(BoardAction action)
        {
            var done = BoardActionRunner.Run(board, cli.Account, action, cli.Time.GetUtcNow());
            Assert.True(done.Ok, done.Message);
            return done.Message;
        }
        string Cli(params string[] args)
        {
            var r = cli.Run(args);
            Assert.True(r.ExitCode == 0, r.ToString());
            return r.Stdout.TrimEnd('\n');
        }
        // The same steps on two calls, one through each; the sentences differ only by the call's number.
        void Same(long a, string byCli, long b, string byBoard) =>
            Assert.Equal(byCli.Replace($"Call {a}", "Call N", StringComparison.Ordinal), byBoard.Replace($"Call {b}", "Call N", StringComparison.Ordinal));

        var (x, y) = (DemoCalls.Add(cli, "LHS", "FIGHT"), DemoCalls.Add(cli, "LHS", "FIGHT"));
        var cliSteps = new[]
        {
            Cli("assign", $"{x}", "CSO-01"), Cli("ack", $"{x}"), Cli("enroute", $"{x}"), Cli("onscene", $"{x}"),
            Cli("clear", $"{x}", "--disposition", "01"),
        };
        var boardSteps = new[]
        {
            Board(new AssignAction(y, "CSO-01", null)), Board(new MoveAction(y, CallStatus.Acknowledged)), Board(new MoveAction(y, CallStatus.EnRoute)),
            Board(new MoveAction(y, CallStatus.OnScene)), Board(new ClearAction(y, "01")),
        };
        for (var i = 0; i < cliSteps.Length; i++) Same(x, cliSteps[i], y, boardSteps[i]);
        Assert.Equal($"Call {x}: CSO-01 en route.", cliSteps[2]);

        var (d1, d2) = (DemoCalls.Add(cli, "LHS", "FIGHT"), DemoCalls.Add(cli, "LHS", "FIGHT"));
        Same(d1, Cli("divert", $"{d1}", "--reason", "principal's matter"), d2, Board(new DivertAction(d2, "principal's matter")));
        var (c1, c2) = (DemoCalls.Add(cli, "LHS", "FIGHT"), DemoCalls.Add(cli, "LHS", "FIGHT"));
        Same(c1, Cli("cancel", $"{c1}", "--reason", "caller hung up"), c2, Board(new CancelAction(c2, "caller hung up")));
        Same(d1, Cli("reclassify", $"{d1}", "ASSAULT", "--reason", "someone was hurt"), d2, Board(new ReclassifyAction(d2, "ASSAULT", null, "someone was hurt")));

        var busy = Cli("officer", "status", "CSO-05", "BUSY");
        Cli("officer", "status", "CSO-05", "AVAILABLE");
        Assert.Equal(busy, Board(new OfficerStatusAction("CSO-05", OfficerStatus.Busy)));
    }
}
