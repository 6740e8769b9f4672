using SafetyConsole.Cli.Board;
using SafetyConsole.Data.Domain;
using static SafetyConsole.Cli.Tests.Board.BoardFixture;

namespace SafetyConsole.Cli.Tests.Board;

/// <summary>Issue 15 on the board: N (note), L (link a duplicate), + (assist in the route dialog), and what the screen shows of them.</summary>
public class BoardIncidentKeysTests
{
    /// <summary>Call 42 flagged by intake as a possible duplicate of call 41; SRO-1 first responder on 44 with CSO-01 assisting; two duties due, one overdue.</summary>
    private static BoardState Incidents(int width = 120, int height = 40, OperatorRole role = OperatorRole.Dispatcher)
    {
        var data = DataOf(role: role) with
        {
            PossibleDuplicates = new Dictionary<long, long> { [42] = 41 },
            OnCall = new Dictionary<long, IReadOnlyList<OnCall>>
            {
                [43] = [new OnCall("CSO-02", false, Now.AddSeconds(-30), "dana", null, null, null, null, null)],
                [44] = [
                    new OnCall("SRO-1", false, Now.AddMinutes(-25), "dana", Now.AddMinutes(-24), Now.AddMinutes(-20), null, null, null),
                    new OnCall("CSO-01", true, Now.AddMinutes(-2), "dana", null, null, null, null, null),
                ],
            },
            Aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["BRAWL"] = "FIGHT" },
            Summary = Summary() with { DutiesDueToday = 2, DutiesOverdue = 1 },
        };
        return Step(BoardState.Initial("dana", Now, width, height), new DataMsg(data));
    }

    private static BoardState Select(BoardState s, long callId)
    {
        s = Keys(s, K('g')).State; // the first row, then down to the call
        for (var i = 0; i < s.Visible.Count && s.SelectedCallId != callId; i++) s = Keys(s, Down).State;
        Assert.Equal(callId, s.SelectedCallId);
        return s;
    }

    [Fact]
    public void N_opens_a_note_prompt_and_Enter_adds_the_note_to_the_selected_call()
    {
        var (s, _) = Keys(Incidents(), K('N'));
        var prompt = Assert.IsType<PromptOverlay>(s.Overlay);
        Assert.Equal(PromptPurpose.Note, prompt.Purpose);
        Assert.Equal(41, prompt.CallId);
        (s, _) = Type(s, "Parent arrived, calm");
        var (after, effects) = Keys(s, Enter);
        Assert.Equal([new ActEffect(new NoteAction(41, "Parent arrived, calm"))], effects);
        Assert.Null(after.Overlay);
    }

    [Fact]
    public void An_empty_note_is_not_sent()
    {
        var (s, effects) = Keys(Incidents(), K('N'), Enter);
        Assert.Empty(effects);
        Assert.IsType<PromptOverlay>(s.Overlay);
        Assert.Equal(MessageKind.Error, s.Status!.Kind);
        Assert.Contains("Type the note first", s.Status.Text);
    }

    [Theory]
    [InlineData('N', "note")]
    [InlineData('L', "link")]
    public void A_viewer_is_refused_notes_and_links_and_the_refusal_is_recorded(char key, string hint)
    {
        var (s, effects) = Keys(Incidents(role: OperatorRole.Viewer), K(key));
        Assert.Null(s.Overlay);
        Assert.Contains(hint, s.Status!.Text);
        Assert.Contains("R10", s.Status.Text);
        Assert.Equal([new RecordRefusalEffect(null, s.Status.Text)], effects); // as on the command line
    }

    [Fact]
    public void L_offers_the_other_open_calls_with_the_flagged_possible_duplicate_first_and_Enter_links_it()
    {
        var (s, _) = Keys(Select(Incidents(), 42), K('L'));
        var pick = Assert.IsType<PickOverlay>(s.Overlay);
        Assert.Equal(PickPurpose.Link, pick.Purpose);
        Assert.Equal(["41", "44", "43"], pick.Items.Select(i => i.Code));
        Assert.Contains("possible duplicate", pick.Items[0].Label);
        Assert.Equal(0, pick.Index);
        var (after, effects) = Keys(s, Enter);
        Assert.Equal([new ActEffect(new LinkAction(42, 41))], effects);
        Assert.Null(after.Overlay);
    }

    [Fact]
    public void L_then_a_number_links_to_another_call_than_the_flagged_one()
    {
        var (_, effects) = Keys(Select(Incidents(), 42), K('L'), K('2'));
        Assert.Equal([new ActEffect(new LinkAction(42, 44))], effects);
    }

    [Fact]
    public void L_on_a_call_with_an_officer_is_refused_at_once_and_recorded()
    {
        var (s, effects) = Keys(Select(Incidents(), 43), K('L'));
        Assert.Null(s.Overlay);
        Assert.Contains("Call 43 is ASSIGNED, so it cannot be linked as a duplicate", s.Status!.Text);
        Assert.Equal([new RecordRefusalEffect(43, s.Status.Text)], effects);
    }

    [Fact]
    public void Plus_in_the_route_dialog_adds_the_highlighted_officer_as_an_assist()
    {
        var (s, effects) = Keys(Select(Incidents(), 44), K('r'));
        Assert.Equal([new RecommendEffect(44)], effects);
        s = Step(s, new RecommendationMsg(44, Recommendation() with { CallId = 44 }, null));
        (s, _) = Keys(s, Down); // SLO-1
        var (after, act) = Keys(s, K('+'));
        Assert.Equal([new ActEffect(new AssistAction(44, "SLO-1"))], act);
        Assert.Null(after.Overlay);
    }

    [Fact]
    public void On_a_call_with_its_first_responder_any_available_officer_may_be_added_as_an_assist_R1()
    {
        var s = Select(Incidents(), 44);
        s = Step(s, new DataMsg(s.Data with { Officers = [.. s.Data.Officers, new Officer("SGT-1", "Pat Kim", Role.SGT, "HVPD", "DISTRICT", OfficerStatus.Available, Now.AddHours(-1))] }));
        s = Step(Keys(s, K('r')).State, new RecommendationMsg(44, Recommendation() with { CallId = 44 }, null));
        var route = Assert.IsType<RouteOverlay>(s.Overlay);
        Assert.Equal(["SGT-1"], route.AssistOnly(s.Data, s.Role)); // no first responder, yet it may assist
        Assert.Contains("3. SGT-1", Render(s).Text());
        Assert.Equal([new ActEffect(new AssistAction(44, "SGT-1"))], Keys(s, K('3')).Effects);
        Assert.Equal([new ActEffect(new AssistAction(44, "SGT-1"))], Keys(s, Down, Down, K('+')).Effects);
        // A call without its first responder offers no assist-only rows: it needs its first responder first.
        var first = Step(Keys(Step(Select(s with { Overlay = null }, 41), new DataMsg(s.Data)), K('r')).State, new RecommendationMsg(41, Recommendation(), null));
        Assert.Empty(((RouteOverlay)first.Overlay!).AssistOnly(first.Data, first.Role));
    }

    [Fact]
    public void Plus_on_a_call_without_a_first_responder_is_refused_R1()
    {
        var s = Step(Keys(Incidents(), K('r')).State, new RecommendationMsg(41, Recommendation(), null));
        var (after, effects) = Keys(s, K('+'));
        Assert.Contains("R1", after.Status!.Text);
        Assert.Contains("no first responder", after.Status.Text);
        Assert.Equal([new RecordRefusalEffect(41, after.Status.Text)], effects);
        Assert.IsType<RouteOverlay>(after.Overlay);
    }

    [Fact]
    public void The_new_call_form_accepts_a_district_alias_as_the_feeds_do()
    {
        var (s, _) = Keys(Incidents(), K('n'));
        (s, _) = Type(s, "LHS");
        (s, _) = Keys(s, Enter);
        (s, _) = Type(s, "brawl");
        (s, _) = Keys(s, Enter, Enter, Enter);
        var (_, effects) = Keys(s, Enter);
        Assert.Equal([new ActEffect(new CreateAction("LHS", "FIGHT", null, null, ""))], effects);
    }

    [Fact]
    public void The_list_marks_a_possible_duplicate_and_the_detail_names_the_call_it_may_duplicate()
    {
        var screen = Render(Select(Incidents(), 42));
        var row = Enumerable.Range(0, screen.Height).Select(screen.Line).First(l => l.Contains("WEAPON", StringComparison.Ordinal));
        Assert.Contains("›D", row);
        var text = screen.Text();
        Assert.Contains("Possible duplicate  of call 41: FIGHT P1 at Lincoln High School, PENDING", text);
        Assert.Contains("L links it", text);
        var other = Enumerable.Range(0, screen.Height).Select(screen.Line).First(l => l.Contains("FIGHT", StringComparison.Ordinal) && l.Contains("41", StringComparison.Ordinal));
        Assert.DoesNotContain(" D ", other[..6]);
    }

    [Fact]
    public void The_detail_shows_every_officer_on_the_call()
    {
        var text = Render(Select(Incidents(), 44)).Text();
        Assert.Contains("Officers  SRO-1 (first responder, en route), CSO-01 (assist, assigned)", text);
    }

    [Theory]
    [InlineData(120, 40, "duties due today 2, overdue 1")]
    [InlineData(80, 24, "duties 2, late 1")]
    public void The_header_counts_duties_due_today_and_overdue(int width, int height, string expected) =>
        Assert.Contains(expected, Render(Incidents(width, height)).Line(1));

    [Fact]
    public void Help_and_footers_show_the_new_keys()
    {
        var help = Bindings.HelpFor(OperatorRole.Dispatcher).ToList();
        Assert.Contains(help, b => b.Command == BoardCmd.Note && b.KeysText(false) == "N");
        Assert.Contains(help, b => b.Command == BoardCmd.Link && b.KeysText(false) == "L");
        Assert.Contains(help, b => b.Command == BoardCmd.Assist && b.KeysText(false) == "+");
        Assert.DoesNotContain(Bindings.HelpFor(OperatorRole.Viewer), b => b.Command is BoardCmd.Note or BoardCmd.Link or BoardCmd.Assist);
        var board = Render(Incidents(120, 40));
        Assert.Contains("N note", board.Line(39));
        Assert.Contains("L link", board.Line(39));
        var route = Render(Step(Keys(Select(Incidents(), 44), K('r')).State, new RecommendationMsg(44, Recommendation() with { CallId = 44 }, null)));
        Assert.Contains("+ assist", route.Line(39));
        Assert.Contains("On the call: SRO-1 (first responder, en route), CSO-01 (assist, assigned)", route.Text());
        Assert.Contains("+ adds the highlighted one as an assist", route.Text());
    }
}
