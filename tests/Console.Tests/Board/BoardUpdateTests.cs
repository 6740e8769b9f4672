using SafetyConsole.Cli.Board;
using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Routing;
using static SafetyConsole.Cli.Tests.Board.BoardFixture;

namespace SafetyConsole.Cli.Tests.Board;

/// <summary>The pure Update, driven by messages as the loop would feed them.</summary>
public class BoardUpdateTests
{
    private static long[] Ids(BoardState s) => s.Visible.Select(c => c.Id).ToArray();

    [Fact]
    public void Calls_are_ordered_by_priority_then_oldest_first_and_the_first_is_selected()
    {
        var s = Loaded();
        Assert.Equal([41, 42, 44, 43], Ids(s));
        Assert.Equal(41, s.SelectedCallId);
    }

    [Fact]
    public void Arrow_keys_and_j_k_move_the_selection_and_ask_for_the_detail()
    {
        var (s, cmds) = Keys(Loaded(), Down);
        Assert.Equal(42, s.SelectedCallId);
        Assert.Contains(new LoadDetailEffect(42), cmds);
        (s, _) = Keys(s, K('j'), K('j'), K('j'));
        Assert.Equal(43, s.SelectedCallId); // clamped at the last row
        (s, _) = Keys(s, K('k'), KeyPress.Named(KeyName.Home));
        Assert.Equal(41, s.SelectedCallId);
    }

    [Fact]
    public void A_reload_keeps_the_selection_on_the_same_call_and_the_row_on_the_same_line()
    {
        var s = Keys(Loaded(), Down).State; // call 42, second row
        var calls = Calls().Append(Call(45, "SHS", "SHOOT", 1, CallStatus.Pending, 400, 10)).ToList(); // a P1 older than both: lands on top
        s = Step(s, new DataMsg(DataOf(calls)));
        Assert.Equal(42, s.SelectedCallId);
        Assert.Equal(2, s.SelectedIndex);
        Assert.Equal([45, 41, 42, 44, 43], Ids(s));
    }

    [Fact]
    public void Scrolling_keeps_the_selected_call_at_the_same_screen_line_across_a_reload()
    {
        var many = Enumerable.Range(1, 100).Select(i => Call(i, "LHS", "FIGHT", 2, CallStatus.Pending, 10_000 - i, 100)).ToList();
        var s = Loaded(calls: many);
        (s, _) = Keys(s, KeyPress.Named(KeyName.PageDown), KeyPress.Named(KeyName.PageDown), Down, Down);
        var line = s.SelectedIndex - s.Scroll;
        var id = s.SelectedCallId;
        var more = many.Prepend(Call(500, "LHS", "FIGHT", 2, CallStatus.Pending, 20_000, 100)).ToList(); // new oldest: everything shifts down one
        s = Step(s, new DataMsg(DataOf(more)));
        Assert.Equal(id, s.SelectedCallId);
        Assert.Equal(line, s.SelectedIndex - s.Scroll);
    }

    [Fact]
    public void When_the_selected_call_closes_its_neighbour_takes_the_selection()
    {
        var s = Keys(Loaded(), Down).State; // 42
        s = Step(s, new DataMsg(DataOf(Calls().Where(c => c.Id != 42).ToList())));
        Assert.Equal(44, s.SelectedCallId);
    }

    [Fact]
    public void New_and_changed_rows_are_marked_briefly_but_not_on_the_first_load()
    {
        var s = Loaded();
        Assert.Empty(s.Marks);
        var changed = Calls().Select(c => c.Id == 43 ? c with { Status = CallStatus.Acknowledged } : c)
            .Append(Call(46, "JMS", "FIGHT", 2, CallStatus.New, 1)).ToList();
        s = Step(s, new DataMsg(DataOf(changed)));
        Assert.Equal([43, 46], s.Marks.Keys.Order().ToArray());
        s = Step(s, new TickMsg(Now + BoardUpdate.MarkFor + TimeSpan.FromSeconds(1)));
        Assert.Empty(s.Marks);
    }

    [Fact]
    public void Slash_filters_by_text_as_typed_and_Esc_clears_it()
    {
        var (s, _) = Keys(Loaded(), K('/'));
        Assert.Equal(InputKind.Filter, s.Input!.Kind);
        (s, _) = Type(s, "jefferson");
        Assert.Equal([42], Ids(s));
        Assert.Equal(42, s.SelectedCallId);
        (s, _) = Keys(s, Enter);
        Assert.Null(s.Input);
        Assert.Equal("jefferson", s.Filter);
        (s, _) = Keys(s, Esc);
        Assert.Equal("", s.Filter);
        Assert.Equal(4, s.Visible.Count);
    }

    [Theory]
    [InlineData("status:ASSIGNED", new long[] { 43 })]
    [InlineData("en_route", new long[] { 44 })]
    [InlineData("zone:SHS", new long[] { 43 })]
    [InlineData("p:1 lincoln", new long[] { 41 })]
    [InlineData("[red]", new long[] { 41 })]
    [InlineData("CSO-02", new long[] { 43 })]
    public void The_filter_understands_status_zone_priority_and_words(string filter, long[] expected)
    {
        var s = Type(Keys(Loaded(), K('/')).State, filter).State;
        Assert.Equal(expected, Ids(s));
    }

    [Fact]
    public void Route_asks_for_a_recommendation_and_a_number_assigns_that_candidate()
    {
        var (s, cmds) = Keys(Loaded(), K('r'));
        Assert.Equal([new RecommendEffect(41)], cmds);
        Assert.IsType<RouteOverlay>(s.Overlay);
        s = Step(s, new RecommendationMsg(41, Recommendation(), null));
        (s, cmds) = Keys(s, K('2'));
        Assert.Equal([new ActEffect(new AssignAction(41, "SLO-1", null))], cmds);
        Assert.Null(s.Overlay);
        Assert.Equal(1, s.Busy);
    }

    [Fact]
    public void Route_by_arrows_and_Enter()
    {
        var s = Step(Keys(Loaded(), K('r')).State, new RecommendationMsg(41, Recommendation(), null));
        var (_, cmds) = Keys(s, Down, Down, Down, Enter); // clamped to the last choice a dispatcher has: SLO-1
        Assert.Equal([new ActEffect(new AssignAction(41, "SLO-1", null))], cmds);
    }

    [Fact]
    public void R7_a_supervisor_may_choose_an_overridable_exclusion_with_a_typed_reason()
    {
        var s = Step(Keys(Loaded(role: OperatorRole.Supervisor), K('r')).State, new RecommendationMsg(41, Recommendation(), null));
        var (prompt, cmds) = Keys(s, K('3'));
        Assert.Empty(cmds);
        var p = Assert.IsType<PromptOverlay>(prompt.Overlay);
        Assert.Equal(PromptPurpose.Override, p.Purpose);
        Assert.Equal("CSO-09", p.Badge);
        (prompt, cmds) = Keys(prompt, Enter);
        Assert.Empty(cmds); // no reason, no override
        Assert.Equal(MessageKind.Error, prompt.Status!.Kind);
        (prompt, _) = Type(prompt, "only officer on site");
        (_, cmds) = Keys(prompt, Enter);
        Assert.Equal([new ActEffect(new AssignAction(41, "CSO-09", "only officer on site"))], cmds);
    }

    /// <summary>R6: the officer who timed out on call 41 is its only cover; a supervisor may override with a written reason, as for R7.</summary>
    private static Recommendation TimedOut() => Recommendation() with
    {
        Candidates = [],
        Excluded = [new Exclusion("CSO-01", ExclusionKind.AckTimedOut, "R6: did not acknowledge this call in time; skipped (a supervisor may assign with a written reason).", true)],
    };

    [Fact]
    public void R6_a_supervisor_may_choose_the_officer_who_timed_out_with_a_typed_reason_and_a_dispatcher_may_not()
    {
        var s = Step(Keys(Loaded(role: OperatorRole.Supervisor), K('r')).State, new RecommendationMsg(41, TimedOut(), null));
        Assert.Equal([("CSO-01", true)], ((RouteOverlay)s.Overlay!).Choices(OperatorRole.Supervisor));
        Assert.Empty(((RouteOverlay)s.Overlay!).Choices(OperatorRole.Dispatcher));
        var (prompt, cmds) = Keys(s, K('1'));
        Assert.Empty(cmds);
        var p = Assert.IsType<PromptOverlay>(prompt.Overlay);
        Assert.Equal(PromptPurpose.Override, p.Purpose);
        Assert.Equal("R6 override: why assign CSO-01 to call 41 anyway?", p.Title);
        (prompt, _) = Type(prompt, "radio was down; confirmed by phone");
        (_, cmds) = Keys(prompt, Enter);
        Assert.Equal([new ActEffect(new AssignAction(41, "CSO-01", "radio was down; confirmed by phone"))], cmds);

        var d = Step(Keys(Loaded(), K('r')).State, new RecommendationMsg(41, TimedOut(), null));
        var (after, none) = Keys(d, K('1'));
        Assert.Empty(none);
        Assert.Equal(MessageKind.Error, after.Status!.Kind);
    }

    [Fact]
    public void R7_a_dispatcher_cannot_choose_an_exclusion()
    {
        var s = Step(Keys(Loaded(), K('r')).State, new RecommendationMsg(41, Recommendation(), null));
        Assert.Equal(2, ((RouteOverlay)s.Overlay!).Choices(OperatorRole.Dispatcher).Count);
        var (after, cmds) = Keys(s, K('3'));
        Assert.Empty(cmds);
        Assert.Equal(MessageKind.Error, after.Status!.Kind);
    }

    [Fact]
    public void R10_a_viewer_sees_the_board_but_every_action_is_refused()
    {
        var s = Loaded(role: OperatorRole.Viewer);
        foreach (var key in "raeocdxtn")
        {
            var (after, cmds) = Keys(s, K(key));
            Assert.Null(after.Overlay);
            Assert.StartsWith("R10: dana is a viewer", after.Status!.Text, StringComparison.Ordinal);
            Assert.Equal([new RecordRefusalEffect(null, after.Status.Text)], cmds); // R10: every refusal recorded, as on the command line
        }
        var (viaLine, lineCmds) = Keys(Type(Keys(s, K(':')).State, "assign 41 CSO-01").State, Enter);
        Assert.StartsWith("R10:", viaLine.Status!.Text, StringComparison.Ordinal);
        Assert.Equal([new RecordRefusalEffect(null, viaLine.Status.Text)], lineCmds);
        // Reading is fine: moving, filtering, help and the summary.
        Assert.Equal(42, Keys(s, Down).State.SelectedCallId);
        Assert.IsType<HelpOverlay>(Keys(s, K('?')).State.Overlay);
        Assert.IsType<SummaryOverlay>(Keys(s, K('s')).State.Overlay);
    }

    [Fact]
    public void R9_a_viewer_shown_a_calls_detail_has_the_read_recorded_once_per_call()
    {
        var s = Loaded(role: OperatorRole.Viewer); // 80x24: the detail panel is hidden, nothing is read yet
        Assert.Empty(s.ReadsRecorded);
        var (detail, cmds) = Keys(s, Tab, Tab); // the detail panel shows call 41
        Assert.Contains(new RecordReadEffect(41), cmds);
        (detail, cmds) = Keys(detail, KeyPress.Named(KeyName.BackTab), KeyPress.Named(KeyName.BackTab), Down, Tab, Tab);
        Assert.Contains(new RecordReadEffect(42), cmds);
        (_, cmds) = Keys(detail, KeyPress.Named(KeyName.BackTab), KeyPress.Named(KeyName.BackTab), Up, Tab, Tab);
        Assert.DoesNotContain(cmds, c => c is RecordReadEffect); // 41 was recorded already this session
        // At 120x40 the detail is always on screen: the selected call is read as soon as the board shows it.
        var wide = Loaded(120, 40, OperatorRole.Viewer);
        Assert.Contains(41L, wide.ReadsRecorded);
        // Dispatchers and supervisors read details as part of their work: nothing is recorded.
        Assert.Empty(Loaded(120, 40).ReadsRecorded);
    }

    [Fact]
    public void Ack_en_route_and_on_scene_act_on_the_selected_call()
    {
        var s = Keys(Loaded(), Down, Down).State; // 44
        Assert.Equal([new ActEffect(new MoveAction(44, CallStatus.Acknowledged))], Keys(s, K('a')).Effects);
        Assert.Equal([new ActEffect(new MoveAction(44, CallStatus.EnRoute))], Keys(s, K('e')).Effects);
        Assert.Equal([new ActEffect(new MoveAction(44, CallStatus.OnScene))], Keys(s, K('o')).Effects);
    }

    [Fact]
    public void Clear_opens_the_disposition_picker()
    {
        var (s, _) = Keys(Loaded(), K('c'));
        var pick = Assert.IsType<PickOverlay>(s.Overlay);
        Assert.Equal(["01", "02", "17"], pick.Items.Select(i => i.Code).ToArray());
        Assert.Equal([new ActEffect(new ClearAction(41, "17"))], Keys(s, K('3')).Effects);
        Assert.Equal([new ActEffect(new ClearAction(41, "02"))], Keys(s, Down, Enter).Effects);
        Assert.Null(Keys(s, Esc).State.Overlay);
    }

    [Fact]
    public void Divert_and_cancel_need_a_reason()
    {
        var (s, cmds) = Keys(Loaded(), K('d'), Enter);
        Assert.Empty(cmds);
        Assert.IsType<PromptOverlay>(s.Overlay);
        (s, _) = Type(s, "routine discipline");
        Assert.Equal([new ActEffect(new DivertAction(41, "routine discipline"))], Keys(s, Enter).Effects);
        (s, _) = Type(Keys(Loaded(), K('x')).State, "duplicate of 40");
        Assert.Equal([new ActEffect(new CancelAction(41, "duplicate of 40"))], Keys(s, Enter).Effects);
    }

    [Fact]
    public void Officer_status_from_the_officers_panel()
    {
        var (s, _) = Keys(Loaded(), Tab);
        Assert.Equal(Focus.Officers, s.Focus);
        (s, _) = Keys(s, Down, Down); // SLO-1
        (s, _) = Keys(s, K('t'));
        var pick = Assert.IsType<PickOverlay>(s.Overlay);
        Assert.Equal(PickPurpose.OfficerStatus, pick.Purpose);
        Assert.Equal([new ActEffect(new OfficerStatusAction("SLO-1", OfficerStatus.OffDuty))], Keys(s, K('2')).Effects);
    }

    [Theory]
    [InlineData("assign 42 SLO-1", 42L, "SLO-1", null)]
    [InlineData("assign 42 CSO-09 only one on site", 42L, "CSO-09", "only one on site")]
    [InlineData("assign CSO-01", 41L, "CSO-01", null)]
    public void The_command_line_accepts_the_assign_verb(string line, long call, string badge, string? reason)
    {
        var (s, cmds) = Keys(Type(Keys(Loaded(), K(':')).State, line).State, Enter);
        Assert.Equal([new ActEffect(new AssignAction(call, badge, reason))], cmds);
        Assert.Null(s.Input);
    }

    [Theory]
    [InlineData("ack", "41")]
    [InlineData("ack 43", "43")]
    [InlineData("clear 43 01", "43")]
    [InlineData("divert 42 routine discipline", "42")]
    [InlineData("officer CSO-01 BUSY", "CSO-01")]
    [InlineData("officer status CSO-01 OFF_DUTY", "CSO-01")]
    public void The_command_line_accepts_the_other_verbs(string line, string subject)
    {
        var cmds = Keys(Type(Keys(Loaded(), K(':')).State, line).State, Enter).Effects;
        var act = Assert.IsType<ActEffect>(Assert.Single(cmds));
        Assert.Contains(subject, act.Action.Describe(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate 1", "is not a board command")]
    [InlineData("clear 43 99", "is not a disposition code")]
    [InlineData("officer CSO-01 ASSIGNED", "is not a status an officer sets")]
    [InlineData("divert 42", "Give a reason")]
    public void The_command_line_refuses_bad_input_in_one_sentence(string line, string expected)
    {
        var (s, cmds) = Keys(Type(Keys(Loaded(), K(':')).State, line).State, Enter);
        Assert.Empty(cmds);
        Assert.Contains(expected, s.Status!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_line_goes_to_a_call_by_number()
    {
        var s = Keys(Type(Keys(Loaded(), K(':')).State, "43").State, Enter).State;
        Assert.Equal(43, s.SelectedCallId);
    }

    [Fact]
    public void The_new_call_form_uses_type_ahead_and_submits_a_create_action()
    {
        var (s, _) = Keys(Loaded(), K('n'));
        (s, _) = Type(s, "jeff");
        var f = Assert.IsType<NewCallOverlay>(s.Overlay);
        Assert.Equal("JMS", Assert.Single(f.Suggestions(s.Data)).Value);
        (s, _) = Keys(s, Tab); // accept JMS
        (s, _) = Type(s, "inter");
        (s, _) = Keys(s, Enter); // accept INTERVENE
        (s, _) = Type(s, "2");
        (s, _) = Keys(s, Enter);
        (s, _) = Type(s, "dan");
        (s, _) = Keys(s, Enter); // accept danger
        (s, _) = Type(s, "[bold]student threatening others");
        var (after, cmds) = Keys(s, Enter);
        Assert.Equal([new ActEffect(new CreateAction("JMS", "INTERVENE", 2, "danger", "[bold]student threatening others"))], cmds);
        Assert.Null(after.Overlay);
    }

    [Fact]
    public void An_empty_optional_basis_stays_empty_and_an_empty_type_is_not_filled_in()
    {
        var (s, _) = Keys(Loaded(), K('n'));
        (s, _) = Type(s, "JMS");
        (s, _) = Keys(s, Enter, Enter, Enter); // location accepted; type, priority left empty
        var f = Assert.IsType<NewCallOverlay>(s.Overlay);
        Assert.Equal("", f.Type.Text);
        Assert.Equal(NewCallField.Basis, f.Field);
        (s, _) = Keys(s, Enter); // basis left empty
        Assert.Equal("", Assert.IsType<NewCallOverlay>(s.Overlay).Basis.Text);
    }

    [Fact]
    public void The_new_call_form_refuses_an_unknown_location_and_goes_back_to_it()
    {
        var (s, _) = Keys(Loaded(), K('n'));
        (s, _) = Type(s, "zzz");
        (s, _) = Keys(s, Enter, Enter, Enter, Enter);
        var (after, cmds) = Keys(s, Enter);
        Assert.Empty(cmds);
        Assert.Equal(NewCallField.Location, Assert.IsType<NewCallOverlay>(after.Overlay).Field);
        Assert.Contains("'zzz' is not a district location", after.Status!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Quitting_asks_first_when_a_form_holds_input()
    {
        var s = Type(Keys(Loaded(), K('n')).State, "lin").State;
        var (asked, cmds) = Keys(s, CtrlC);
        Assert.Empty(cmds);
        Assert.IsType<ConfirmOverlay>(asked.Overlay);
        var (back, _) = Keys(asked, K('n'));
        Assert.IsType<NewCallOverlay>(back.Overlay); // what was typed is still there
        var (quit, quitCmds) = Keys(asked, K('y'));
        Assert.True(quit.Quit);
        Assert.Empty(quitCmds); // quitting is state (Quit), not an effect
        Assert.True(Keys(asked, CtrlC).State.Quit); // Ctrl+C twice quits anyway
    }

    [Fact]
    public void Q_and_Ctrl_C_quit_at_once_when_nothing_is_typed()
    {
        Assert.True(Keys(Loaded(), K('q')).State.Quit);
        Assert.True(Keys(Loaded(), CtrlC).State.Quit);
        Assert.True(Keys(Keys(Loaded(), K('r')).State, CtrlC).State.Quit);
    }

    [Fact]
    public void Esc_on_a_form_with_input_asks_before_throwing_it_away()
    {
        var s = Type(Keys(Loaded(), K('d')).State, "half a reason").State;
        var asked = Keys(s, Esc).State;
        Assert.IsType<ConfirmOverlay>(asked.Overlay);
        Assert.Null(Keys(asked, K('y')).State.Overlay);
        Assert.False(Keys(asked, K('y')).State.Quit);
    }

    [Fact]
    public void A_refusal_from_the_worker_shows_in_the_status_line_and_expires()
    {
        var s = Keys(Loaded(), K('a')).State;
        s = Step(s, new ActionDoneMsg(new MoveAction(41, CallStatus.Acknowledged), false, "Call 41 is PENDING, so it cannot be acknowledged; assign it first."));
        Assert.Equal(MessageKind.Error, s.Status!.Kind);
        Assert.Equal(0, s.Busy);
        s = Step(s, new TickMsg(Now + BoardUpdate.ErrorFor + TimeSpan.FromSeconds(1)));
        Assert.Null(s.Status);
    }

    [Fact]
    public void On_the_demo_s_faster_clock_a_message_stays_for_real_seconds_not_simulated_ones()
    {
        var s = Loaded() with { ClockSpeed = 10 }; // the demo's day runs 10 times faster than real time
        s = Step(s, new ActionDoneMsg(new MoveAction(41, CallStatus.Acknowledged), false, "Call 41 is PENDING, so it cannot be acknowledged; assign it first."));
        s = Step(s, new TickMsg(Now + BoardUpdate.ErrorFor + TimeSpan.FromSeconds(1))); // 16 simulated seconds: 1.6 real
        Assert.NotNull(s.Status);
        s = Step(s, new TickMsg(Now + (BoardUpdate.ErrorFor + TimeSpan.FromSeconds(1)) * 10));
        Assert.Null(s.Status);
    }

    [Fact]
    public void A_created_call_is_selected_when_it_shows_up()
    {
        var s = Step(Loaded(), new ActionDoneMsg(new CreateAction("JMS", "FIGHT", null, null, ""), true, "Call 47 taken.", 47));
        Assert.Equal(47, s.PendingSelect);
        s = Step(s, new DataMsg(DataOf(Calls().Append(Call(47, "JMS", "FIGHT", 1, CallStatus.New, 0)).ToList())));
        Assert.Equal(47, s.SelectedCallId);
        Assert.Null(s.PendingSelect);
    }

    [Fact]
    public void Tab_cycles_the_panels_and_resize_keeps_the_selection_visible()
    {
        var s = Loaded(calls: Enumerable.Range(1, 60).Select(i => Call(i, "LHS", "FIGHT", 2, CallStatus.Pending, 10_000 - i)).ToList(), width: 120, height: 40);
        s = Keys(s, KeyPress.Named(KeyName.End)).State;
        Assert.Equal(59, s.SelectedIndex);
        s = Step(s, new ResizeMsg(80, 24));
        var rows = BoardLayout.For(80, 24, s.Focus).CallRows;
        Assert.InRange(s.SelectedIndex - s.Scroll, 0, rows - 1);
        Assert.Equal(Focus.Officers, Keys(s, Tab).State.Focus);
        Assert.Equal(Focus.Detail, Keys(s, Tab, Tab).State.Focus);
        Assert.Equal(Focus.Calls, Keys(s, Tab, Tab, Tab).State.Focus);
        Assert.Equal(Focus.Detail, Keys(s, KeyPress.Named(KeyName.BackTab)).State.Focus);
    }

    [Fact]
    public void Signals_become_messages_quit_and_redraw()
    {
        var (s, cmds) = BoardUpdate.Update(Loaded(), new QuitMsg("SIGTERM"));
        Assert.True(s.Quit);
        Assert.Empty(cmds); // quitting is state (Quit), not an effect
        Assert.Equal([new FullRedrawEffect()], BoardUpdate.Update(Loaded(), new RedrawMsg()).Effects);
        Assert.Equal([new FullRedrawEffect()], Keys(Loaded(), KeyPress.CtrlOf('l')).Effects);
    }

    [Fact]
    public void Ctrl_Z_suspends_to_the_shell_keeping_the_board_as_it_was()
    {
        var before = Keys(Loaded(), K('/'), K('k')).State; // typing a filter
        var (after, cmds) = Keys(before, KeyPress.CtrlOf('z'));
        Assert.Equal([new SuspendEffect()], cmds);
        Assert.Equal(before.Input, after.Input);
        Assert.False(after.Quit);
    }
}

/// <summary>Issue 13: a board that cannot use its store says so in its header, and refuses changes once the file is gone.</summary>
public class BoardStoreProblemTests
{
    [Fact]
    public void A_failed_read_is_said_in_the_header_until_the_next_read_succeeds()
    {
        var s = Step(Loaded(), new StoreProblemMsg("Reading the database failed (disk I/O error); retrying.", Lost: false));
        Assert.Contains("CANNOT READ THE DATABASE, screen may be stale: Reading the database", Render(s).Text(), StringComparison.Ordinal);
        s = Step(s, new DataMsg(DataOf(Calls())));
        Assert.Null(s.StoreProblem);
        Assert.DoesNotContain("CANNOT READ", Render(s).Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_gone_stays_in_the_header_and_every_change_is_refused_without_reaching_the_store()
    {
        const string gone = "The database file /srv/safety.db was removed while this program had it open; nothing was changed.";
        var s = Step(Loaded(), new StoreProblemMsg(gone, Lost: true));
        s = Step(s, new DataMsg(DataOf(Calls()))); // a late snapshot does not clear it
        Assert.True(s.StoreLost);
        Assert.Contains("DATABASE GONE, changes refused", Render(s).Text(), StringComparison.Ordinal);
        var (after, cmds) = Keys(Type(s, ":assign 41 CSO-01").State, Enter);
        Assert.DoesNotContain(cmds, c => c is ActEffect);
        Assert.Equal($"Cannot assign call 41 to CSO-01: {gone}", after.Status?.Text);
    }
}
