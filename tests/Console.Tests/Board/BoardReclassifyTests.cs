using SafetyConsole.Cli.Board;
using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Data.Domain;
using static SafetyConsole.Cli.Tests.Board.BoardFixture;

namespace SafetyConsole.Cli.Tests.Board;

/// <summary>
/// R2: "No override exists; a supervisor may only reclassify the call, which is recorded." The board's reclassify
/// key, form and command-line verb, through the pure Update (R10: supervisors only).
/// </summary>
public class BoardReclassifyTests
{
    private static BoardState Supervisor() => Loaded(role: OperatorRole.Supervisor);

    private static (BoardState State, IReadOnlyList<Effect> Effects) CommandLine(BoardState s, string line) =>
        Keys(Type(Keys(s, K(':')).State, line).State, Enter);

    [Fact]
    public void R2_a_supervisor_presses_t_fills_the_form_and_submits_a_reclassify_action()
    {
        var (s, cmds) = Keys(Supervisor(), K('t'));
        Assert.Empty(cmds);
        var f = Assert.IsType<ReclassifyOverlay>(s.Overlay);
        Assert.Equal(41, f.CallId); // the selected call
        Assert.Equal(ReclassifyField.Type, f.Field);
        (s, _) = Type(s, "disc");
        Assert.Equal("DISCIPLINE", Assert.Single(((FormOverlay)s.Overlay!).Suggestions(s.Data)).Value);
        (s, _) = Keys(s, Tab); // take DISCIPLINE
        f = Assert.IsType<ReclassifyOverlay>(s.Overlay);
        Assert.Equal("DISCIPLINE", f.Type.Text);
        Assert.Equal(ReclassifyField.Priority, f.Field);
        (s, _) = Keys(s, Enter); // priority left empty: the type's default
        Assert.Equal(ReclassifyField.Reason, Assert.IsType<ReclassifyOverlay>(s.Overlay).Field);
        (s, _) = Type(s, "[red]a principal's matter, no fight");
        (s, cmds) = Keys(s, Enter);
        Assert.Equal([new ActEffect(new ReclassifyAction(41, "DISCIPLINE", null, "[red]a principal's matter, no fight"))], cmds);
        Assert.Null(s.Overlay);
        Assert.Equal(1, s.Busy);
        Assert.Equal("Working: reclassify call 41 as DISCIPLINE...", s.Status!.Text);
    }

    [Fact]
    public void R2_a_priority_may_be_given_and_a_bad_one_is_refused_in_its_field()
    {
        var s = Type(Keys(Keys(Supervisor(), Down).State, K('t')).State, "welfare").State; // call 42
        (s, _) = Keys(s, Enter);
        var (bad, cmds) = Keys(Type(s, "7").State, Enter);
        Assert.Empty(cmds);
        Assert.Equal(ReclassifyField.Reason, Assert.IsType<ReclassifyOverlay>(bad.Overlay).Field); // checked on submit
        (bad, cmds) = Keys(Type(bad, "caller says the student is safe").State, Enter);
        Assert.Empty(cmds);
        Assert.Equal(ReclassifyField.Priority, Assert.IsType<ReclassifyOverlay>(bad.Overlay).Field); // sent back to it
        Assert.Equal("'7' is not a priority; type 1 to 4, or leave it empty for the type's default (P3).", bad.Status!.Text);
        (s, _) = Keys(Type(s, "p2").State, Enter);
        (_, cmds) = Keys(Type(s, "caller says the student is safe").State, Enter);
        Assert.Equal([new ActEffect(new ReclassifyAction(42, "WELFARE", 2, "caller says the student is safe"))], cmds);
    }

    [Fact]
    public void R2_R10_an_empty_reason_is_refused_without_calling_the_action()
    {
        var s = Keys(Type(Keys(Supervisor(), K('t')).State, "FIGHT").State, Enter, Enter).State;
        var (after, cmds) = Keys(Type(s, "   ").State, Enter);
        Assert.Empty(cmds);
        Assert.Equal(0, after.Busy);
        Assert.Equal(MessageKind.Error, after.Status!.Kind);
        Assert.Equal("Type a reason: it is recorded with your name (R2, R10).", after.Status.Text);
        Assert.Equal(ReclassifyField.Reason, Assert.IsType<ReclassifyOverlay>(after.Overlay).Field); // the form stays, on the reason
    }

    [Fact]
    public void R8_ALIEN_is_never_offered_and_a_type_not_in_the_list_is_refused()
    {
        var s = Type(Keys(Supervisor(), K('t')).State, "ALIEN").State;
        Assert.Empty(((FormOverlay)s.Overlay!).Suggestions(s.Data));
        var (after, cmds) = Keys(Type(Keys(s, Enter, Enter).State, "immigration").State, Enter);
        Assert.Empty(cmds);
        Assert.Equal(ReclassifyField.Type, Assert.IsType<ReclassifyOverlay>(after.Overlay).Field);
        Assert.StartsWith("'ALIEN' is not a call type", after.Status!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Esc_on_a_reclassify_form_with_input_asks_first_and_without_input_closes()
    {
        Assert.Null(Keys(Supervisor(), K('t'), Esc).State.Overlay);
        var asked = Keys(Type(Keys(Supervisor(), K('t')).State, "fi").State, Esc).State;
        var q = Assert.IsType<ConfirmOverlay>(asked.Overlay);
        Assert.IsType<ReclassifyOverlay>(Keys(asked, K('n')).State.Overlay);
        Assert.IsType<ReclassifyOverlay>(q.Back);
    }

    [Theory]
    [InlineData(OperatorRole.Dispatcher)]
    [InlineData(OperatorRole.Viewer)]
    public void R10_dispatchers_and_viewers_are_refused_the_key_and_the_verb_and_never_see_them(OperatorRole role)
    {
        var s = Loaded(role: role);
        var (after, cmds) = Keys(s, K('t'));
        Assert.Null(after.Overlay);
        Assert.Equal($"R10: dana is a {role.Text()} and may not reclassify; ask a supervisor to run `safety-console operators add dana supervisor`, or have a supervisor do it.",
            after.Status!.Text);
        Assert.Equal([new RecordRefusalEffect(null, after.Status.Text)], cmds); // R10: recorded, as the command line's refusals are
        (after, cmds) = CommandLine(s, "reclassify 41 DISCIPLINE not a fight");
        Assert.Equal([new RecordRefusalEffect(null, after.Status!.Text)], cmds);
        Assert.StartsWith($"R10: dana is a {role.Text()} and may not reclassify;", after.Status!.Text, StringComparison.Ordinal);
        // Hidden: neither in the help screen nor in any footer for them; supervisors have it in help (not the footer: a rare action).
        Assert.DoesNotContain(Bindings.HelpFor(role), b => b.Command == BoardCmd.Reclassify);
        Assert.Contains(Bindings.HelpFor(OperatorRole.Supervisor), b => b.Command == BoardCmd.Reclassify);
        foreach (var focus in Enum.GetValues<Focus>())
            Assert.DoesNotContain(Bindings.FooterFor(Bindings.ContextsFor(focus, null, false), OperatorRole.Supervisor), b => b.Command == BoardCmd.Reclassify);
    }

    [Fact]
    public void The_key_t_reclassifies_in_the_calls_panel_and_still_sets_status_in_the_officers_panel()
    {
        Assert.Equal(BoardCmd.Reclassify, Bindings.Find(K('t'), Bindings.ContextsFor(Focus.Calls, null, false))!.Command);
        Assert.Equal(BoardCmd.OfficerStatus, Bindings.Find(K('t'), Bindings.ContextsFor(Focus.Officers, null, false))!.Command);
        Assert.Null(Bindings.Find(K('t'), Bindings.ContextsFor(Focus.Detail, null, false)));
        Assert.IsType<PickOverlay>(Keys(Supervisor(), Tab, K('t')).State.Overlay);
    }

    [Theory]
    [InlineData("reclassify 42 DISCIPLINE a principal's matter", 42L, "DISCIPLINE", null, "a principal's matter")]
    [InlineData("reclassify 42 fight p1 it turned into a fight", 42L, "FIGHT", 1, "it turned into a fight")]
    [InlineData("reclassify WELFARE \"check, not a fight\"", 41L, "WELFARE", null, "check, not a fight")]
    [InlineData("RECLASSIFY 57 weapon P2 caller saw a knife", 57L, "WEAPON", 2, "caller saw a knife")]
    public void R2_the_command_line_takes_reclassify_CALL_TYPE_pN_REASON(string line, long call, string type, int? priority, string reason)
    {
        var (s, cmds) = CommandLine(Supervisor(), line);
        Assert.Equal([new ActEffect(new ReclassifyAction(call, type, priority, reason))], cmds);
        Assert.Null(s.Input);
    }

    [Fact]
    public void R2_reclassify_with_only_a_call_opens_the_form_for_it_even_off_the_list()
    {
        // A DIVERTED call has left the open list; `:reclassify 57` is the way to it from the board.
        var (s, cmds) = CommandLine(Supervisor(), "reclassify 57");
        Assert.Empty(cmds);
        Assert.Equal(57, Assert.IsType<ReclassifyOverlay>(s.Overlay).CallId);
        Assert.Contains("Call 57 (not on the board's open list)", Render(s).Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reclassify 42 DISCIPLINE", "Give a reason: `reclassify 42 TYPE [p1-p4] REASON`")]
    [InlineData("reclassify 42 DISCIPLINE p2", "Give a reason")]
    [InlineData("reclassify 42 ALIEN immigration", "'ALIEN' is not a call type; `reclassify 42` opens the form with the list.")]
    [InlineData("reclassify 42 BRAWL typo", "'BRAWL' is not a call type")]
    public void R2_the_command_line_refuses_a_reclassify_without_a_reason_or_a_known_type(string line, string expected)
    {
        var (s, cmds) = CommandLine(Supervisor(), line);
        Assert.Empty(cmds);
        Assert.StartsWith(expected, s.Status!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void R2_after_a_reclassification_the_board_says_what_intake_made_of_the_call()
    {
        var action = new ReclassifyAction(41, "DISCIPLINE", null, "a principal's matter");
        var (s, cmds) = BoardUpdate.Update(Supervisor(), new ActionDoneMsg(action, true, "Call 41 reclassified DISCIPLINE P4 (recorded, R2); intake decides it again."));
        Assert.Equal(41, s.AwaitingIntake);
        Assert.Equal([new LoadCallEffect(41)], cmds);
        var reclassified = Call(41, "LHS", "DISCIPLINE", 4, CallStatus.New, 120) with { Class = CallClass.None };
        s = Step(s, new CallMsg(41, reclassified)); // intake has not run yet
        Assert.Equal(41, s.AwaitingIntake);
        Assert.StartsWith("Call 41 reclassified", s.Status!.Text, StringComparison.Ordinal);
        // The worker's intake commits: the board reads the call again on the store change.
        (s, cmds) = BoardUpdate.Update(s, new DataMsg(DataOf(Calls().Where(c => c.Id != 41).ToList(), OperatorRole.Supervisor)));
        Assert.Contains(new LoadCallEffect(41), cmds);
        const string r2 = "R2: DISCIPLINE is routine student discipline; diverted to Lincoln High School's administration queue. No override exists; a supervisor may only reclassify.";
        s = Step(s, new CallMsg(41, reclassified with { Status = CallStatus.Diverted, Trace = "R1: school day.\nReclassified by supervisor dana from FIGHT P1 to DISCIPLINE P4: a principal's matter\n" + r2 }));
        Assert.Null(s.AwaitingIntake);
        Assert.Equal(MessageKind.Info, s.Status!.Kind);
        Assert.Equal("Call 41, now DISCIPLINE P4, is DIVERTED: " + r2, s.Status.Text);
        Assert.DoesNotContain(BoardUpdate.Update(s, new DataMsg(DataOf(role: OperatorRole.Supervisor))).Effects, c => c is LoadCallEffect);
    }

    [Fact]
    public void A_refused_reclassification_shows_the_refusal_and_follows_nothing()
    {
        var refusal = "Call 43 is ASSIGNED; only a call with no officer (NEW, PENDING, ESCALATED, DIVERTED or REFERRED) can be reclassified.";
        var (s, cmds) = BoardUpdate.Update(Supervisor(), new ActionDoneMsg(new ReclassifyAction(43, "FIGHT", null, "x"), false, refusal));
        Assert.Empty(cmds);
        Assert.Null(s.AwaitingIntake);
        Assert.Equal(MessageKind.Error, s.Status!.Kind);
        Assert.Equal(refusal, s.Status.Text);
    }

    [Fact]
    public void R2_the_action_runner_calls_reclassify_with_the_forms_values()
    {
        var actions = new FakeActions();
        var done = BoardActionRunner.Run(actions, "sgt", new ReclassifyAction(42, "DISCIPLINE", 3, "principal's matter"), Now);
        Assert.True(done.Ok);
        Assert.Equal("Call 42 reclassified as DISCIPLINE.", done.Message);
        Assert.Equal(["reclassify 42 DISCIPLINE P3 by sgt: principal's matter"], actions.Done.ToArray());
    }
}
