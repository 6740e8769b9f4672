using SafetyConsole.Cli.Board;
using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Routing;
using SafetyConsole.Data.Status;

namespace SafetyConsole.Cli.Tests.Board;

/// <summary>Fixed data and a fixed time for Update and View tests: a small district morning, no database.</summary>
public static class BoardFixture
{
    /// <summary>Monday 2026-11-23 10:05:00 in Los Angeles (18:05Z).</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 18, 5, 0, TimeSpan.Zero);

    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    public static readonly IReadOnlyList<Location> Locations =
    [
        new("LHS", "Lincoln High School", "high", "LHS", "HVPD", 47.24, -122.45, "1481 S Union Ave", new(7, 50), new(14, 20), "Student lot on the north side."),
        new("JMS", "Jefferson Middle School", "middle", "LHS", "HVPD", 47.25, -122.46, "2179 6th Ave", new(8, 10), new(14, 40), ""),
        new("SHS", "Summit High School", "high", "SHS", "HVPD", 47.20, -122.40, "900 Summit Rd", new(7, 50), new(14, 20), ""),
    ];

    public static Call Call(long id, string location, string type, int priority, CallStatus status, int ageSeconds,
        int? deadlineInSeconds = null, string? assignedTo = null, string description = "") =>
        new(id, "911", $"x{id}", Now.AddSeconds(-ageSeconds), location, type, priority, description, "teacher", null, status,
            CallClass.Campus, deadlineInSeconds is { } d ? Now.AddSeconds(d) : null, assignedTo, assignedTo is null ? null : Now.AddSeconds(-30),
            Trace: "R1: school day, 10:03 inside Lincoln High School's window 07:20-15:20.\nR5: P1 deadline 60 s.");

    public static IReadOnlyList<Call> Calls() =>
    [
        Call(41, "LHS", "FIGHT", 1, CallStatus.Pending, 120, deadlineInSeconds: -60, description: "[red]boom two students near the gym"),
        Call(42, "JMS", "WEAPON", 1, CallStatus.Pending, 30, deadlineInSeconds: 30),
        Call(43, "SHS", "WELFARE", 3, CallStatus.Assigned, 600, assignedTo: "CSO-02"),
        Call(44, "LHS", "DRUGS", 3, CallStatus.EnRoute, 1800, assignedTo: "SRO-1"),
    ];

    public static IReadOnlyList<Officer> Officers() =>
    [
        new("CSO-01", "Keisha Nguyen", Role.CSO, "HVSD", "LHS", OfficerStatus.Available, Now.AddHours(-2)),
        new("CSO-02", "Omar Farouk", Role.CSO, "HVSD", "SHS", OfficerStatus.Assigned, Now.AddMinutes(-10)),
        new("SLO-1", "Dana Brooks", Role.SLO, "HVPD", "DISTRICT", OfficerStatus.Available, Now.AddHours(-3)),
        new("SRO-1", "Luis Ortega", Role.SRO, "HVPD", "LHS", OfficerStatus.EnRoute, Now.AddMinutes(-20)),
    ];

    public static QueueSummary Summary() => new(Now, "Harbor Valley School District", Zone, null, "school day, in session",
        new Dictionary<CallStatus, int> { [CallStatus.Pending] = 2, [CallStatus.Assigned] = 1, [CallStatus.EnRoute] = 1 },
        new Dictionary<int, int> { [1] = 2, [2] = 0, [3] = 2, [4] = 0 }, null, [],
        new Dictionary<OfficerStatus, int> { [OfficerStatus.Available] = 2, [OfficerStatus.Assigned] = 1, [OfficerStatus.EnRoute] = 1 }, 3, 1);

    public static BoardData DataOf(IReadOnlyList<Call>? calls = null, OperatorRole role = OperatorRole.Dispatcher) => new()
    {
        Zone = Zone,
        Calls = calls ?? Calls(),
        Officers = Officers(),
        Locations = Locations.ToDictionary(l => l.Code, StringComparer.Ordinal),
        CallTypes =
        [
            new("FIGHT", "Fight", CallClass.Campus, 1, false, false),
            new("INTERVENE", "Request for intervention", CallClass.Campus, 2, true, false),
            new("WEAPON", "Weapon on campus", CallClass.Liaison, 1, false, false),
            new("WELFARE", "Welfare check", CallClass.Campus, 3, false, false),
            new("DISCIPLINE", "Routine student discipline (R2: school administration)", CallClass.None, 4, false, false),
        ],
        Dispositions = [new("01", "Report taken"), new("02", "Assistance rendered"), new("17", "False alarm")],
        Summary = Summary(),
        Role = role,
    };

    /// <summary>A loaded board at a size, as the loop would have it after its first data message.</summary>
    public static BoardState Loaded(int width = 80, int height = 24, OperatorRole role = OperatorRole.Dispatcher, IReadOnlyList<Call>? calls = null)
    {
        var s = BoardState.Initial("dana", Now, width, height);
        return Step(s, new DataMsg(DataOf(calls, role)));
    }

    public static BoardState Step(BoardState s, Msg m) => BoardUpdate.Update(s, m).State;

    public static (BoardState State, IReadOnlyList<Effect> Effects) Keys(BoardState s, params KeyPress[] keys)
    {
        IReadOnlyList<Effect> cmds = [];
        foreach (var k in keys) (s, cmds) = BoardUpdate.Update(s, new KeyMsg(k));
        return (s, cmds);
    }

    public static (BoardState State, IReadOnlyList<Effect> Effects) Type(BoardState s, string text)
    {
        IReadOnlyList<Effect> cmds = [];
        foreach (var ch in text) (s, cmds) = BoardUpdate.Update(s, new KeyMsg(KeyPress.Of(ch)));
        return (s, cmds);
    }

    public static readonly KeyPress Enter = KeyPress.Named(KeyName.Enter);
    public static readonly KeyPress Esc = KeyPress.Named(KeyName.Escape);
    public static readonly KeyPress Down = KeyPress.Named(KeyName.Down);
    public static readonly KeyPress Up = KeyPress.Named(KeyName.Up);
    public static readonly KeyPress Tab = KeyPress.Named(KeyName.Tab);
    public static readonly KeyPress CtrlC = KeyPress.CtrlOf('c');
    public static KeyPress K(char c) => KeyPress.Of(c);

    public static Screen Render(BoardState s, BoardTheme? theme = null) =>
        BoardView.Render(s, theme ?? BoardTheme.Default, new Palette((theme ?? BoardTheme.Default).Color));

    /// <summary>A recommendation for call 41 at LHS: two candidates, one R7 exclusion (overridable), one not.</summary>
    public static Recommendation Recommendation() => new(41, CallClass.Campus,
        [
            new Candidate(Officers()[0], 10, 1.4, true),
            new Candidate(Officers()[2], 2500, 360, false),
        ],
        [
            new Exclusion("CSO-09", ExclusionKind.TrainingLapsed, "R7: training lapsed: de-escalation expired 2026-10-01 (a supervisor may assign with a written reason).", true),
            new Exclusion("CSO-02", ExclusionKind.OnOtherCall, "§3: on call 43 (ASSIGNED).", false),
        ]);
}
