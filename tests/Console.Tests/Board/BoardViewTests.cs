using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using SafetyConsole.Cli.Board;
using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Data.Domain;
using static SafetyConsole.Cli.Tests.Board.BoardFixture;

namespace SafetyConsole.Cli.Tests.Board;

/// <summary>The view as text at fixed sizes, with fixed time and data.</summary>
public class BoardViewTests
{
    /// <summary>
    /// Compares a screen with tests/Console.Tests/Board/Snapshots/NAME.txt (rows, trailing spaces trimmed). On a
    /// difference it writes NAME.actual.txt next to it for review; rename it over the snapshot when the change is meant.
    /// </summary>
    private static void Snapshot(Screen screen, string name, [CallerFilePath] string here = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(here)!, "Snapshots");
        Directory.CreateDirectory(folder);
        var expectedPath = Path.Combine(folder, name + ".txt");
        var actual = screen.Text() + "\n";
        var expected = File.Exists(expectedPath) ? File.ReadAllText(expectedPath) : "";
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            File.WriteAllText(Path.Combine(folder, name + ".actual.txt"), actual);
            Assert.Fail($"The screen differs from Snapshots/{name}.txt; see Snapshots/{name}.actual.txt.\n{actual}");
        }
    }

    private static int RowOf(Screen s, string text)
    {
        for (var y = 0; y < s.Height; y++)
            if (s.Line(y).Contains(text, StringComparison.Ordinal)) return y;
        return -1;
    }

    [Fact]
    public void Board_at_80x24() => Snapshot(Render(Loaded(80, 24)), "board-80x24");

    [Fact]
    public void Board_at_120x40_with_officers_and_detail() =>
        Snapshot(Render(Step(Loaded(120, 40), new DetailMsg(41, [
            new(Now.AddSeconds(-120), "worker", "call.intake", 41, null, "NEW", "PENDING", "R1: school day"),
            new(Now.AddSeconds(-5), "dana", "refused", 41, null, null, null, "R10: viewer may not assign"),
        ], []))), "board-120x40");

    [Fact]
    public void Officers_panel_at_80x24_after_Tab() => Snapshot(Render(Keys(Loaded(80, 24), Tab).State), "officers-80x24");

    [Fact]
    public void Detail_panel_at_80x24_after_two_Tabs() => Snapshot(Render(Keys(Loaded(80, 24), Tab, Tab).State), "detail-80x24");

    [Fact]
    public void Route_dialog_at_80x24() =>
        Snapshot(Render(Step(Keys(Loaded(80, 24, OperatorRole.Supervisor), K('r')).State, new RecommendationMsg(41, Recommendation(), null))), "route-80x24");

    [Fact]
    public void Help_at_80x24_lists_the_bindings() => Snapshot(Render(Keys(Loaded(80, 24), K('?')).State), "help-80x24");

    [Fact]
    public void Viewer_at_80x24_has_no_action_hints() => Snapshot(Render(Loaded(80, 24, OperatorRole.Viewer)), "viewer-80x24");

    [Fact]
    public void New_call_form_at_80x24() =>
        Snapshot(Render(Type(Keys(Loaded(80, 24), K('n')).State, "li").State), "newcall-80x24");

    /// <summary>R2: a supervisor's reclassify form, type taken, reason being typed (markup-like text shown as typed).</summary>
    [Fact]
    public void Reclassify_form_at_80x24()
    {
        var s = Keys(Type(Keys(Loaded(80, 24, OperatorRole.Supervisor), K('t')).State, "disc").State, Tab, Enter).State;
        Snapshot(Render(Type(s, "[red]principal's matter").State), "reclassify-80x24");
    }

    [Fact]
    public void Reclassify_form_offers_the_types_with_their_default_priority()
    {
        var text = Render(Keys(Loaded(80, 24, OperatorRole.Supervisor), K('t')).State).Text();
        Assert.Contains("Reclassify call 41 (supervisor, R2)", text, StringComparison.Ordinal);
        Assert.Contains("Now FIGHT P1 at Lincoln High School, PENDING", text, StringComparison.Ordinal);
        Assert.Contains("› DISCIPLINE  P4  Routine student discipline", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ALIEN", text, StringComparison.Ordinal); // R8
    }

    [Fact]
    public void R10_help_lists_reclassify_for_a_supervisor_only()
    {
        Assert.Contains("Reclassify the call (supervisors, R2)", Render(Keys(Loaded(120, 40, OperatorRole.Supervisor), K('?')).State).Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("Reclassify the call", Render(Keys(Loaded(120, 40), K('?')).State).Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void Feed_text_is_shown_literally_never_as_markup()
    {
        var screen = Render(Loaded(120, 40));
        Assert.Contains("[red]boom two students near the gym", screen.Text(), StringComparison.Ordinal);
        var bracket = Render(Loaded(120, 40, calls: [Call(1, "LHS", "FIGHT", 1, CallStatus.Pending, 5, 50, description: "[/] [link=x]y[/] [[")]));
        Assert.Contains("[/] [link=x]y[/] [[", bracket.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_in_data_never_reach_the_terminal()
    {
        var call = Call(1, "LHS", "FIGHT", 1, CallStatus.Pending, 5, 50, description: "evil\e[2J\u0007bell");
        var screen = Render(Loaded(120, 40, calls: [call]));
        var output = new FrameWriter().Frame(screen);
        Assert.DoesNotContain("\e[2J\u0007", output, StringComparison.Ordinal);
        Assert.Contains("evil [2J bell", screen.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void Selection_is_a_marker_and_inverse_video_not_colour_alone()
    {
        var s = Keys(Loaded(80, 24), Down).State; // call 42
        var screen = Render(s);
        var y = RowOf(screen, "WEAPON");
        Assert.StartsWith("│› ", screen.Line(y), StringComparison.Ordinal);
        Assert.True(screen.Palette.StyleOf(screen.StyleAt(10, y)).Decoration.HasFlag(Spectre.Console.Decoration.Invert));
        var other = RowOf(screen, "FIGHT");
        Assert.StartsWith("│  ", screen.Line(other), StringComparison.Ordinal);
        Assert.False(screen.Palette.StyleOf(screen.StyleAt(10, other)).Decoration.HasFlag(Spectre.Console.Decoration.Invert));
    }

    [Fact]
    public void A_missed_deadline_counts_down_negative_in_red_and_bold()
    {
        var screen = Render(Loaded(80, 24));
        var y = RowOf(screen, "FIGHT");
        var x = screen.Line(y).IndexOf("-1:00", StringComparison.Ordinal);
        Assert.True(x > 0, screen.Line(y));
        var style = screen.Palette.StyleOf(screen.StyleAt(x, y));
        Assert.True(style.Decoration.HasFlag(Spectre.Console.Decoration.Bold));
        Assert.Equal(Spectre.Console.Color.Red, style.Foreground);
        Assert.Contains("0:30", screen.Line(RowOf(screen, "WEAPON")), StringComparison.Ordinal);
    }

    [Fact]
    public void NO_COLOR_writes_no_colour_codes_but_keeps_bold_and_inverse()
    {
        var theme = BoardTheme.FromEnvironment(v => v switch { "NO_COLOR" => "1", "LANG" => "en_US.UTF-8", _ => null });
        Assert.False(theme.Color);
        var output = new FrameWriter().Frame(Render(Loaded(120, 40), theme));
        var sgr = Regex.Matches(output, @"\e\[([0-9;]*)m").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(sgr);
        foreach (var codes in sgr)
            foreach (var code in codes.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse))
                Assert.True(code is 0 or 1 or 2 or 3 or 4 or 7 or 9, $"colour code {code} in SGR '{codes}'");
        Assert.Contains(sgr, s => s.Split(';').Contains("7"));
        Assert.Contains(sgr, s => s.Split(';').Contains("1"));
    }

    [Fact]
    public void With_colour_the_frame_uses_standard_colour_codes()
    {
        var output = new FrameWriter().Frame(Render(Loaded(80, 24)));
        Assert.Contains(";91", output, StringComparison.Ordinal); // bright red: P1 and the missed deadline
    }

    [Theory]
    [InlineData("C", false)]
    [InlineData("POSIX", false)]
    [InlineData("en_US.ISO-8859-1", false)]
    [InlineData("en_US.UTF-8", true)]
    [InlineData("C.utf8", true)]
    public void A_non_UTF8_locale_gets_ASCII(string lang, bool unicode)
    {
        var theme = BoardTheme.FromEnvironment(v => v == "LANG" ? lang : null);
        Assert.Equal(unicode, theme.Unicode);
        if (unicode) return;
        var screen = Render(Keys(Loaded(80, 24), Down).State, theme);
        var text = screen.Text();
        Assert.All(text, ch => Assert.True(ch < 128, $"non-ASCII '{ch}' (U+{(int)ch:X4})"));
        Assert.Contains("+-", text, StringComparison.Ordinal);
        Assert.Contains("|> ", text, StringComparison.Ordinal); // the selection marker
    }

    [Fact]
    public void LC_ALL_wins_over_LANG()
    {
        Assert.False(BoardTheme.FromEnvironment(v => v switch { "LC_ALL" => "C", "LANG" => "en_US.UTF-8", _ => null }).Unicode);
        Assert.True(BoardTheme.FromEnvironment(v => v switch { "LC_ALL" => "", "LC_CTYPE" => "C.UTF-8", "LANG" => "C", _ => null }).Unicode);
    }

    [Fact]
    public void Wide_characters_take_two_cells_and_rows_keep_their_width()
    {
        var call = Call(1, "LHS", "FIGHT", 1, CallStatus.Pending, 5, 50, description: "生徒が喧嘩している");
        var screen = Render(Loaded(120, 40, calls: [call]));
        var y = RowOf(screen, "生徒");
        Assert.True(y > 0);
        var cells = Enumerable.Range(0, screen.Width).Count(x => screen.TextAt(x, y).Length > 0 || (x > 0 && screen.TextAt(x - 1, y).Length > 0));
        Assert.Equal(screen.Width, cells);
    }

    [Fact]
    public void A_tiny_terminal_says_how_big_it_must_be()
    {
        var text = Render(Loaded(50, 10)).Text();
        Assert.Contains("at least 60x16", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Footer_hints_come_from_the_bindings_and_follow_the_role()
    {
        var dispatcher = Render(Loaded(120, 40)).Line(39);
        Assert.Contains("r route", dispatcher, StringComparison.Ordinal);
        Assert.Contains("? help", dispatcher, StringComparison.Ordinal);
        var viewer = Render(Loaded(120, 40, OperatorRole.Viewer)).Line(39);
        Assert.DoesNotContain("route", viewer, StringComparison.Ordinal);
        Assert.Contains("/ filter", viewer, StringComparison.Ordinal);
        Assert.Contains("q quit", viewer, StringComparison.Ordinal);
        foreach (var b in Bindings.FooterFor(Bindings.ContextsFor(Focus.Calls, null, false), OperatorRole.Viewer))
            Assert.Equal(OperatorRole.Viewer, b.MinRole);
    }

    [Fact]
    public void Every_binding_has_keys_help_and_no_key_is_bound_twice_in_one_screen()
    {
        foreach (var b in Bindings.Table)
        {
            Assert.NotEmpty(b.Keys);
            Assert.False(string.IsNullOrWhiteSpace(b.Help));
        }
        foreach (var focus in Enum.GetValues<Focus>())
        {
            var contexts = Bindings.ContextsFor(focus, null, false);
            var keys = Bindings.Table.Where(b => contexts.Contains(b.Context)).GroupBy(b => b.Context)
                .SelectMany(g => g.SelectMany(b => b.Keys.Select(k => (g.Key, k))));
            Assert.Equal(keys.Count(), keys.Distinct().Count());
        }
    }
}
