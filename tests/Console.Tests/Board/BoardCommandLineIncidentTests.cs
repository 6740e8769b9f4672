using SafetyConsole.Cli.Board;
using SafetyConsole.Data.Domain;
using static SafetyConsole.Cli.Tests.Board.BoardFixture;

namespace SafetyConsole.Cli.Tests.Board;

/// <summary>
/// Issue 15's verbs on the board's `:` command line, as on the command line: `assist`, `link`, `note`, with the same
/// R10 refusal for a viewer, the selected call when the number is left out, and a sentence that says how to write it.
/// </summary>
public class BoardCommandLineIncidentTests
{
    private static (BoardState State, IReadOnlyList<Effect> Effects) Command(BoardState s, string line) => Keys(Type(s, ":" + line).State, Enter);

    private static BoardAction Acted(IReadOnlyList<Effect> effects) => Assert.IsType<ActEffect>(Assert.Single(effects, e => e is ActEffect)).Action;

    [Fact]
    public void Assist_adds_an_assisting_officer_to_the_named_or_selected_call()
    {
        Assert.Equal(new AssistAction(42, "CSO-02"), Acted(Command(Loaded(), "assist 42 CSO-02").Effects));
        Assert.Equal(new AssistAction(41, "CSO-02"), Acted(Command(Loaded(), "assist CSO-02").Effects)); // 41 is selected
    }

    [Fact]
    public void Link_names_the_master_and_refuses_a_master_that_is_not_a_number()
    {
        Assert.Equal(new LinkAction(42, 41), Acted(Command(Loaded(), "link 42 41").Effects));
        var (s, effects) = Command(Loaded(), "link 42 gym");
        Assert.DoesNotContain(effects, e => e is ActEffect);
        Assert.StartsWith("Write it as `link 42 MASTER`", s.Status?.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Note_keeps_the_text_as_typed_after_the_call_number()
    {
        Assert.Equal(new NoteAction(42, "Parent \"Ms. Lee\" on the way,  ETA 10 min"),
            Acted(Command(Loaded(), "note 42 Parent \"Ms. Lee\" on the way,  ETA 10 min").Effects));
        Assert.Equal(new NoteAction(41, "gym doors locked"), Acted(Command(Loaded(), "note gym doors locked").Effects));
        var (s, effects) = Command(Loaded(), "note 42   ");
        Assert.DoesNotContain(effects, e => e is ActEffect);
        Assert.StartsWith("Write it as `note 42 TEXT`", s.Status?.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("assist 42 CSO-02")]
    [InlineData("link 42 41")]
    [InlineData("note 42 hello")]
    public void A_viewer_is_refused_under_R10_before_anything_reaches_the_store(string line)
    {
        var (s, effects) = Command(Loaded(role: OperatorRole.Viewer), line);
        Assert.DoesNotContain(effects, e => e is ActEffect);
        Assert.Contains("R10", s.Status?.Text, StringComparison.Ordinal);
    }
}
