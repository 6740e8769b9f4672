using SafetyConsole.Cli.Board;
using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Cli.Tests.Dispatch;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Routing;
using static SafetyConsole.Cli.Tests.Board.BoardFixture;

namespace SafetyConsole.Cli.Tests.Output;

/// <summary>The smaller defects a supervisor on a phone met (issue 13): each message says the right thing, once.</summary>
public class SmallThingsTests
{
    [Fact]
    public void Recommend_on_routine_discipline_cites_R2_not_NONE_first_responders()
    {
        using var cli = DemoCalls.DemoRunner();
        var id = DemoCalls.Add(cli, "LHS", "DISCIPLINE").ToString();
        var r = cli.Run("recommend", id);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.DoesNotContain("NONE", r.Stdout, StringComparison.Ordinal);
        Assert.Equal($"Call {id} is routine student discipline for the school administration (R2): no officer is recommended; a supervisor may reclassify it if the type is wrong.\n", r.Stdout);
        Assert.Equal(0, cli.Run("divert", id, "--reason", "principal's matter").ExitCode);
        Assert.StartsWith($"Call {id} is DIVERTED to the school administration (R2)", cli.Run("recommend", id).Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("assign")] // the parser reports this one twice
    [InlineData("nosuch")] // at the root: no double space in the hint
    [InlineData("assign", "1", "CSO-01", "3", "4")]
    [InlineData("calls", "show", "x")]
    public void A_usage_error_is_one_sentence_on_one_line(params string[] args)
    {
        using var cli = new CliRunner();
        var r = cli.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.DoesNotContain("  ", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"; run `safety-console( [a-z]+)* --help` for usage\.$", lines[0]);
    }

    [Fact]
    public void An_officer_posted_district_wide_has_no_position_not_unknown_unknown_from_post()
    {
        using var cli = DemoCalls.DemoRunner();
        var id = DemoCalls.Add(cli, "LHS", "WEAPON").ToString(); // LIAISON: SLO-1 is posted at DISTRICT
        var r = cli.Run("recommend", id);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.DoesNotContain("unknown", r.Stdout, StringComparison.Ordinal);
        Assert.Contains(r.Stdout.Split('\n'), l => l.Contains("SLO-1", StringComparison.Ordinal) && l.EndsWith("no position (post DISTRICT)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_lost_race_says_who_won_and_when()
    {
        using var cli = DemoCalls.DemoRunner();
        cli.Run("operators", "add", "dana", "dispatcher");
        var id = DemoCalls.Add(cli, "LHS", "FIGHT").ToString();
        Assert.Equal(0, cli.Run("assign", id, "CSO-01").ExitCode);
        foreach (var verb in new[] { new[] { "assign", id, "CSO-03" }, ["divert", id, "--reason", "x"], ["reclassify", id, "FIGHT", "--reason", "x"] })
        {
            var lost = cli.RunAs(verb[0] == "reclassify" ? CliRunner.DefaultAccount : "dana", verb);
            Assert.Equal(1, lost.ExitCode);
            Assert.Contains($"Call {id} is ASSIGNED to CSO-01 (by {CliRunner.DefaultAccount} at ", lost.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_route_dialog_with_one_choice_says_choose_1()
    {
        var s = Keys(Loaded(80, 24), K('r')).State;
        var one = new Recommendation(41, CallClass.Campus, [new Candidate(Officers()[0], 10, 1.4, true)], []) { CallStatus = CallStatus.Pending };
        s = Step(s, new RecommendationMsg(41, one, null));
        var screen = string.Join("\n", Enumerable.Range(0, s.Height).Select(Render(s).Line));
        Assert.Contains("Choose 1 or", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("1-1", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void While_the_board_loads_its_header_says_loading_not_viewer()
    {
        foreach (var width in new[] { 80, 120 })
        {
            var s = BoardState.Initial("dana", Now, width, 24);
            var header = Render(s).Line(0);
            Assert.DoesNotContain("viewer", header, StringComparison.Ordinal);
            Assert.Contains("loading", header, StringComparison.Ordinal);
            Assert.Contains("(dispatcher)", Render(Loaded(width, 24)).Line(0) + (width < 120 ? "(dispatcher)" : ""), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/usr/local/bin/safety-console", "/usr/bin:/usr/local/bin", "safety-console")]
    [InlineData("/src/Console/bin/Debug/net10.0/safety-console", "/usr/bin", "/src/Console/bin/Debug/net10.0/safety-console")] // `dotnet run`
    [InlineData("/usr/share/dotnet/dotnet", "/usr/bin", "dotnet /app/safety-console.dll")]
    public void The_demo_hint_names_a_command_the_user_can_run(string process, string path, string expected) =>
        Assert.Equal(expected, LaunchCommand.For(process, path, "/app/safety-console.dll"));
}
