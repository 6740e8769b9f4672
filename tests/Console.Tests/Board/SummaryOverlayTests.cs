using SafetyConsole.Cli.Board;
using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Status;
using static SafetyConsole.Cli.Tests.Board.BoardFixture;

namespace SafetyConsole.Cli.Tests.Board;

/// <summary>The supervisor's summary (`s`) on a phone: its last line, the R5 figures, can always be read.</summary>
public class SummaryOverlayTests
{
    private const string R5Line = "First-response deadlines today (R5): 30 met, 12 missed";

    /// <summary>A busy morning: long lines (80 columns, as `status` prints them) that wrap inside the box.</summary>
    private static BoardState Busy(int width, int height)
    {
        var s = Loaded(width, height, OperatorRole.Supervisor);
        WaitingCall Waiting(long id, string type, int hours) =>
            new(id, type, 3, "PUGET-POINT-MIDDLE", CallStatus.Escalated, Now.AddHours(-hours), TimeSpan.FromHours(hours).Add(TimeSpan.FromSeconds(59)));
        var summary = Summary() with
        {
            DayState = "school day, in session (late start: professional development for every middle school)",
            OpenByStatus = new Dictionary<CallStatus, int>
            {
                [CallStatus.New] = 3, [CallStatus.Pending] = 11, [CallStatus.Assigned] = 12, [CallStatus.Acknowledged] = 13,
                [CallStatus.EnRoute] = 14, [CallStatus.OnScene] = 15, [CallStatus.Escalated] = 16,
            },
            OldestWaiting = Waiting(13, "TRESPASS", 2),
            Escalations = [Waiting(13, "TRESPASS", 2), Waiting(22, "SUICTHRT", 1), Waiting(23, "TRAFFIC", 1), Waiting(24, "VANDAL", 1)],
            OfficersByStatus = new Dictionary<OfficerStatus, int>
            {
                [OfficerStatus.Available] = 28, [OfficerStatus.Assigned] = 2, [OfficerStatus.EnRoute] = 3, [OfficerStatus.OnScene] = 4,
                [OfficerStatus.Busy] = 5, [OfficerStatus.OffDuty] = 6,
            },
            DeadlinesMetToday = 30,
            DeadlinesMissedToday = 12,
        };
        s = s with { Data = s.Data with { Summary = summary } };
        return Keys(s, K('s')).State;
    }

    private static string Text(BoardState s) => string.Join("\n", Enumerable.Range(0, s.Height).Select(Render(s).Line));

    [Fact]
    public void At_80x24_the_R5_line_is_on_screen()
    {
        var s = Busy(80, 24);
        Assert.IsType<SummaryOverlay>(s.Overlay);
        var screen = Text(s);
        Assert.Contains(R5Line, screen, StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_shorter_screen_the_summary_scrolls_to_its_last_line()
    {
        var s = Busy(60, 16);
        Assert.DoesNotContain(R5Line, Text(s), StringComparison.Ordinal);
        var end = Keys(s, KeyPress.Named(KeyName.End)).State;
        Assert.Contains("(R5): 30 met, 12", Text(end), StringComparison.Ordinal);
        Assert.IsType<SummaryOverlay>(end.Overlay); // scrolling does not close it
        var down = Keys(s, Enumerable.Repeat(KeyPress.Named(KeyName.Down), 20).ToArray()).State;
        Assert.Contains("(R5): 30 met, 12", Text(down), StringComparison.Ordinal);
        Assert.Null(Keys(end, KeyPress.Named(KeyName.Escape)).State.Overlay);
    }
}
