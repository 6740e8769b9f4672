using Dapper;
using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Enforcement;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Status;
using SafetyConsole.Data.Store;
using static SafetyConsole.Data.Tests.Policy.TestDistrict;

namespace SafetyConsole.Data.Tests.Incidents;

/// <summary>Issue 15: possible duplicates at intake, `link` (disposition 22) and `unlink`.</summary>
public class DuplicatesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 18, 0, 0, TimeSpan.Zero); // Monday 10:00 local, a school day
    private static readonly IReadOnlySet<(string, string)> Pairs = new HashSet<(string, string)> { ("FIGHT", "DISORD"), ("FIGHT", "ASSAULT") };

    // ---- policy ---------------------------------------------------------------------------------------------

    [Fact]
    public void A_related_open_call_at_the_location_within_the_window_is_named_the_most_recent_first()
    {
        var call = Call("DISORD", "NHS", T0) with { Id = 9 };
        OpenCallAt Open(long id, string type, int minutesBefore, CallStatus s = CallStatus.Pending) => new(id, type, T0.AddMinutes(-minutesBefore), s);
        var window = TimeSpan.FromMinutes(10);
        Assert.Equal(2, DuplicateCheck.PossibleMaster(call, [Open(1, "FIGHT", 8), Open(2, "FIGHT", 3)], Pairs, window)!.Id);
        Assert.Equal(3, DuplicateCheck.PossibleMaster(call, [Open(3, "DISORD", 10)], Pairs, window)!.Id); // the same type; the window's end is inside
        Assert.Null(DuplicateCheck.PossibleMaster(call, [Open(4, "FIGHT", 11)], Pairs, window));
        Assert.Null(DuplicateCheck.PossibleMaster(call, [Open(5, "WEAPON", 1)], Pairs, window));
        Assert.Null(DuplicateCheck.PossibleMaster(call, [Open(6, "FIGHT", 1, CallStatus.Cleared)], Pairs, window));
        Assert.Null(DuplicateCheck.PossibleMaster(call, [Open(7, "FIGHT", 1)], Pairs, TimeSpan.Zero));
        Assert.True(DuplicateCheck.Related("ASSAULT", "FIGHT", Pairs)); // read both ways
        Assert.False(DuplicateCheck.Related("ASSAULT", "DISORD", Pairs));
    }

    // ---- store ----------------------------------------------------------------------------------------------

    private static TestDb Demo() => IncidentDb.Demo(T0);

    private static long Add(TestDb t, string type, DateTimeOffset received, string description = "", string location = "LHS") =>
        IncidentDb.AddCall(t, type, received, description, location);

    [Fact]
    public void Intake_flags_a_possible_duplicate_in_the_trace_within_the_policys_window()
    {
        using var t = Demo();
        var fight = Add(t, "FIGHT", T0);
        var disord = Add(t, "DISORD", T0.AddMinutes(3));
        var late = Add(t, "ASSAULT", T0.AddMinutes(14));
        var elsewhere = Add(t, "FIGHT", T0.AddMinutes(2), location: "SHS");
        EnforcementPass.Run(t.Db, T0.AddMinutes(14));
        string Trace(long id) => t.Db.Connection.ExecuteScalar<string>("SELECT trace FROM calls WHERE id = @id", new { id })!;
        long? Flag(long id) => t.Db.Connection.ExecuteScalar<long?>("SELECT possible_duplicate_of FROM calls WHERE id = @id", new { id });
        Assert.Contains($"Possible duplicate of call {fight} (FIGHT at LHS, received 3 min earlier", Trace(disord), StringComparison.Ordinal);
        Assert.Equal(fight, Flag(disord));
        Assert.Null(Flag(late)); // 14 minutes after the fight, 11 after the disorder: outside the default 10-minute window
        Assert.Null(Flag(elsewhere));
        Assert.DoesNotContain("Possible duplicate", Trace(fight), StringComparison.Ordinal);

        PolicyStore.Set(t.Db, TestDb.Account, "duplicate_window_seconds", "15min", "longer fights", T0);
        var again = Add(t, "ASSAULT", T0.AddMinutes(15));
        EnforcementPass.Run(t.Db, T0.AddMinutes(15));
        Assert.NotNull(Flag(again));
    }

    [Fact]
    public void Link_clears_the_duplicate_with_22_adds_its_report_to_the_master_and_leaves_it_out_of_R5()
    {
        using var t = Demo();
        var master = Add(t, "FIGHT", T0);
        var dup = Add(t, "DISORD", T0.AddSeconds(20), "Kids shoving by the gym");
        EnforcementPass.Run(t.Db, T0.AddSeconds(30));
        // Both missed their P1/P2 deadlines by now if nobody is assigned; the duplicate must not count.
        var before = QueueSummaries.Load(t.Db, T0.AddMinutes(10)).DeadlinesMissedToday;
        CallActions.Link(t.Db, TestDb.Account, dup, master, T0.AddMinutes(1));
        var row = t.Db.Connection.QuerySingle<(string Status, string Disposition, long DuplicateOf)>(
            "SELECT status, disposition, duplicate_of FROM calls WHERE id = @dup", new { dup });
        Assert.Equal(("CLEARED", "22", master), row);
        var e = t.Db.Connection.QuerySingle<(string Reason, string Detail)>("SELECT reason, detail FROM events WHERE call_id = @master AND kind = 'call.duplicate'", new { master });
        Assert.Contains("reported by teacher", e.Reason, StringComparison.Ordinal);
        Assert.Equal("Kids shoving by the gym", e.Detail);
        Assert.Equal(before - 1, QueueSummaries.Load(t.Db, T0.AddMinutes(10)).DeadlinesMissedToday);
        Assert.Equal([dup], Duplicates.LinksOf(t.Db, master).Duplicates);
    }

    [Fact]
    public void Link_refuses_a_call_with_an_officer_itself_or_a_duplicate_master_and_unlink_is_a_supervisors_with_a_reason()
    {
        using var t = Demo();
        var master = Add(t, "FIGHT", T0);
        var dup = Add(t, "FIGHT", T0.AddSeconds(10));
        var third = Add(t, "FIGHT", T0.AddSeconds(20));
        Assert.Equal(1, Assert.Throws<SafetyException>(() => CallActions.Link(t.Db, TestDb.Account, dup, dup, T0)).ExitCode);
        CallActions.Link(t.Db, TestDb.Account, dup, master, T0.AddMinutes(1));
        var chained = Assert.Throws<SafetyException>(() => CallActions.Link(t.Db, TestDb.Account, third, dup, T0.AddMinutes(1)));
        Assert.Contains($"link call {third} to call {master}", chained.Message, StringComparison.Ordinal);
        CallActions.Assign(t.Db, TestDb.Account, third, "CSO-01", T0.AddMinutes(1));
        Assert.Contains("cannot be linked", Assert.Throws<SafetyException>(() => CallActions.Link(t.Db, TestDb.Account, third, master, T0.AddMinutes(2))).Message, StringComparison.Ordinal);

        Operators.Add(t.Db, TestDb.Account, "dana", OperatorRole.Dispatcher, T0);
        Assert.Equal(1, Assert.Throws<SafetyException>(() => CallActions.Unlink(t.Db, "dana", dup, "not the same fight", T0.AddMinutes(2))).ExitCode);
        Assert.Equal(2, Assert.Throws<SafetyException>(() => CallActions.Unlink(t.Db, TestDb.Account, dup, " ", T0.AddMinutes(2))).ExitCode);
        CallActions.Unlink(t.Db, TestDb.Account, dup, "not the same fight", T0.AddMinutes(2));
        var row = t.Db.Connection.QuerySingle<(string Status, string? Disposition, long? DuplicateOf)>(
            "SELECT status, disposition, duplicate_of FROM calls WHERE id = @dup", new { dup });
        Assert.Equal(("NEW", (string?)null, (long?)null), row);
        Assert.Equal(1L, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE kind = 'call.duplicate.unlinked' AND call_id = @master", new { master }));
    }
}
