using Dapper;
using SafetyConsole.Cli.App;
using SafetyConsole.Cli.Board;
using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Enforcement;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Tests.Board;

/// <summary>The real loop on a real database (the demo district), with the store-backed reads and actions.</summary>
public sealed class BoardStoreTests : IDisposable
{
    private const string Chief = "chief"; // creates the database: its first supervisor (R10)
    private const string Guest = "guest"; // not an operator: a viewer
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "board-store", Guid.NewGuid().ToString("N"));
    private readonly string _db;
    private readonly long _call;

    public BoardStoreTests()
    {
        Directory.CreateDirectory(_folder);
        _db = Path.Combine(_folder, "safety.db");
        var err = new StringWriter();
        Assert.True(ConsoleApp.Run(["init", "--demo", "--db", _db], new CliContext(new StringWriter(), err, Chief, TimeProvider.System)) == 0, err.ToString());
        using var db = SafetyDb.Open(_db, Chief);
        var now = TimeText.ToDb(TimeProvider.System.GetUtcNow());
        _call = db.Connection.ExecuteScalar<long>("""
            INSERT INTO calls(source, external_id, received_at, location, type, priority, description, status, class, deadline, created_at, updated_at)
            VALUES ('911', 'store-1', @now, 'LHS', 'FIGHT', 1, 'two students near the gym', 'PENDING', 'CAMPUS', @now, @now, @now)
            RETURNING id
            """, new { now });
    }

    private (FakeTerminal Term, Task<int> Run, SafetyDb Actions, SafetyDb Watcher) Start(string account, int w, int h)
    {
        var actions = SafetyDb.Open(_db, account);
        var watcher = actions.OpenAnother(account);
        var term = new FakeTerminal(w, h);
        var loop = new BoardLoop(term, BoardTheme.Default, TimeProvider.System, new DbBoardStore(watcher, account), new StoreBoardActions(actions), account);
        return (term, loop.RunAsync(), actions, watcher);
    }

    /// <summary>Reads the database until <paramref name="done"/> holds (the board's action thread writes it), returning what was read.</summary>
    private T Eventually<T>(Func<SafetyDb, T> read, Func<T, bool> done, string what)
    {
        using var db = SafetyDb.Open(_db, Chief);
        return Data.Tests.Eventually.Returns(() => read(db), done, TimeSpan.FromSeconds(15), what);
    }

    private static void Finish(FakeTerminal term, Task<int> run, params SafetyDb[] dbs)
    {
        term.Type("q");
        Assert.True(run.Wait(TimeSpan.FromSeconds(15)));
        Assert.Equal(0, run.Result);
        foreach (var db in dbs) db.Dispose();
    }

    [Fact]
    public void A_dispatcher_routes_a_call_from_the_board_and_the_store_has_it_assigned()
    {
        var (term, run, a, w) = Start(Chief, 120, 40);
        term.WaitFor("Calls 1 open");
        term.WaitFor("school"); // the header's day state came from the store's queue summary
        term.Type("r");
        term.WaitFor("1. CSO-01");
        term.Type("1");
        term.WaitFor("assigned to CSO-01");
        var status = Eventually(db => db.Connection.ExecuteScalar<string>("SELECT status || ' ' || assigned_to FROM calls WHERE id = @id", new { id = _call }),
            s => s == "ASSIGNED CSO-01", "the assignment");
        Assert.Equal("ASSIGNED CSO-01", status);
        term.WaitFor("ASSIGNED"); // the watcher noticed the change and the table shows it
        Finish(term, run, a, w);
    }

    [Fact]
    public void A_phone_call_taken_on_the_form_goes_in_as_a_feed_record_and_is_selected()
    {
        var (term, run, a, w) = Start(Chief, 120, 40);
        term.WaitFor("Calls 1 open");
        term.Type("n");
        term.WaitFor("New call (phone)");
        term.Type("jeff\t");            // type-ahead: Jefferson Middle School
        term.Type("fight\r\r\r");      // type FIGHT, default priority, no basis
        term.Type("[red]two 8th graders\r");
        term.WaitFor("Calls 2 open");
        var (id, status, source, description) = Eventually(db => db.Connection.QuerySingleOrDefault<(long, string, string, string)>(
            "SELECT id, status || ' ' || location || ' ' || type || ' P' || priority, source, description FROM calls WHERE source = 'phone'"),
            r => r.Item1 > 0, "the phone call");
        Assert.Equal("NEW JMS FIGHT P1", status);
        Assert.Equal("phone", source);
        Assert.Equal("[red]two 8th graders", description);
        term.WaitFor($"Call {id}"); // the new call is selected: its detail is shown
        term.WaitFor("[red]two 8th graders");
        Finish(term, run, a, w);
    }

    [Fact]
    public void R9_R10_a_viewer_is_refused_actions_and_each_detail_read_is_recorded()
    {
        var (term, run, a, w) = Start(Guest, 120, 40);
        term.WaitFor("viewer, read-only");
        term.WaitFor("two students near the gym"); // the detail panel shows the call
        var reads = Eventually(db => db.Connection.ExecuteScalar<long>(
            "SELECT count(*) FROM events WHERE kind = 'call.read' AND actor = @Guest AND call_id = @id", new { Guest, id = _call }), n => n == 1, "the R9 read record");
        Assert.Equal(1, reads);
        term.Type("r");
        term.WaitFor("R10: guest is a viewer");
        term.Type(":assign " + _call + " CSO-01\r");
        term.WaitFor("may not assign");
        Assert.Equal("PENDING", Eventually(db => db.Connection.ExecuteScalar<string>("SELECT status FROM calls WHERE id = @id", new { id = _call }), _ => true, ""));
        // R10: both refusals are in the event log, recorded as the command line records its own (Refusals.Record).
        var refused = Eventually(db => db.Connection.Query<(string Reason, string Detail, string RecordedAt)>(
            "SELECT reason, detail, recorded_at FROM events WHERE kind = 'refused' AND actor = @Guest ORDER BY id", new { Guest }).ToList(), r => r.Count == 2, "two recorded refusals");
        Assert.All(refused, r => Assert.StartsWith("R10: guest is a viewer and may not", r.Reason, StringComparison.Ordinal));
        Assert.All(refused, r => Assert.Equal("on the board", r.Detail));
        Finish(term, run, a, w);
    }

    /// <summary>
    /// R2: no override exists, a supervisor may only reclassify, which is recorded. A FIGHT call reclassified to
    /// DISCIPLINE on the board (key, form, the store action) is NEW again; the worker's intake then DIVERTS it, and
    /// the board says so on its message line. The event names the supervisor and the reason (R10).
    /// </summary>
    [Fact]
    public void R2_a_supervisor_reclassifies_a_FIGHT_call_to_DISCIPLINE_on_the_board_and_intake_diverts_it()
    {
        var (term, run, a, w) = Start(Chief, 120, 40);
        term.WaitFor("Calls 1 open");
        term.Type("t");
        term.WaitFor("Reclassify call " + _call);
        term.Type("disc\t");   // type-ahead: DISCIPLINE
        term.Type("\r");       // priority: the type's default
        term.Type("[red]principal's matter, no fight\r");
        term.WaitFor($"Call {_call} reclassified DISCIPLINE P4 (recorded, R2); intake decides it again.");
        Assert.Equal("NEW DISCIPLINE P4", Eventually(db => db.Connection.ExecuteScalar<string>(
            "SELECT status || ' ' || type || ' P' || priority FROM calls WHERE id = @id", new { id = _call }), v => v == "NEW DISCIPLINE P4", "the reclassification"));

        using (var worker = SafetyDb.Open(_db, EnforcementPass.Actor))
            EnforcementPass.Run(worker, TimeProvider.System.GetUtcNow()); // the worker's next pass: intake
        term.WaitFor($"Call {_call}, now DISCIPLINE P4, is DIVERTED: R2: DISCIPLINE is routine student discipline");
        term.WaitFor("Calls 0 open"); // a diverted call leaves the dispatch board

        using var check = SafetyDb.Open(_db, Chief);
        var events = Reads.EventsOfCall(check, _call);
        var reclassified = Assert.Single(events, e => e.Kind == "call.reclassified");
        Assert.Equal(Chief, reclassified.Actor);
        Assert.Equal("[red]principal's matter, no fight", reclassified.Reason);
        Assert.Equal("FIGHT P1 -> DISCIPLINE P4", reclassified.Detail);
        var diverted = Assert.Single(events, e => e.Kind == "call.diverted");
        Assert.Equal(EnforcementPass.Actor, diverted.Actor);
        Assert.StartsWith("R2:", diverted.Reason, StringComparison.Ordinal);
        Assert.Equal(CallStatus.Diverted, Reads.RequireCall(check, _call).Status);
        Finish(term, run, a, w);
    }

    [Fact]
    public void R2_R8_R10_the_store_action_refuses_a_dispatcher_ALIEN_and_a_call_with_an_officer()
    {
        var err = new StringWriter();
        Assert.True(ConsoleApp.Run(["operators", "add", "dana", "dispatcher", "--db", _db], new CliContext(new StringWriter(), err, Chief, TimeProvider.System)) == 0, err.ToString());
        using var db = SafetyDb.Open(_db, Chief);
        var actions = new StoreBoardActions(db);
        var now = TimeProvider.System.GetUtcNow();

        var dispatcher = BoardActionRunner.Run(actions, "dana", new ReclassifyAction(_call, "DISCIPLINE", null, "not a fight"), now);
        Assert.False(dispatcher.Ok);
        Assert.StartsWith("R10: dana is a dispatcher and may not reclassify calls;", dispatcher.Message, StringComparison.Ordinal);

        // R8: the board's data never offers ALIEN (the district has it, refused), and the store refuses it anyway.
        Assert.Contains(Data.Districts.DistrictReads.CallTypes(db), t => t.Code == "ALIEN" && t.Refused);
        Assert.DoesNotContain(BoardDataLoader.Load(db, Chief, now).CallTypes, t => t.Code == "ALIEN");
        var alien = BoardActionRunner.Run(actions, Chief, new ReclassifyAction(_call, "ALIEN", null, "x"), now);
        Assert.False(alien.Ok);
        Assert.StartsWith("R8:", alien.Message, StringComparison.Ordinal);

        // Someone got there first: the call has an officer now, so it can no longer be reclassified.
        Assert.True(BoardActionRunner.Run(actions, Chief, new AssignAction(_call, "CSO-01", null), now).Ok);
        var late = BoardActionRunner.Run(actions, Chief, new ReclassifyAction(_call, "DISCIPLINE", null, "not a fight"), now);
        Assert.False(late.Ok);
        Assert.StartsWith($"Call {_call} is ASSIGNED to CSO-01 (by {Chief} at ", late.Message, StringComparison.Ordinal); // who won, and when
        Assert.EndsWith("); only a call with no officer (NEW, PENDING, ESCALATED, DIVERTED or REFERRED) can be reclassified.", late.Message, StringComparison.Ordinal);
        Assert.Equal("FIGHT", Reads.RequireCall(db, _call).Type);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
