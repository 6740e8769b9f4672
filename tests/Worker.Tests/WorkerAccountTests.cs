using Dapper;
using Microsoft.Extensions.Time.Testing;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests;
using SafetyConsole.Data.Tests.Seed;
using static SafetyConsole.Data.Tests.Seed.TestDistrictSeed;

namespace SafetyConsole.Worker.Tests;

/// <summary>
/// R10: the worker is nobody's back door. It starts only as the service account, a dispatcher or a supervisor; a pass
/// as of a time far from the clock (a replay) is a supervisor's or the service account's; a replay's events keep their
/// real recorded time.
/// </summary>
public class WorkerAccountTests
{
    private static (int Code, string Out, string Err) Run(TestDb t, string account, TimeProvider clock, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Program.Run(["--db", t.FilePath, .. args], stdout, stderr, clock, account);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("viewer")]
    public void A_viewer_cannot_start_the_worker_and_is_told_what_to_run(string? role)
    {
        using var t = new TestDb();
        Seed(t.Db);
        var inbox = Directory.CreateDirectory(Path.Combine(t.Folder, "inbox")).FullName;
        File.WriteAllText(Path.Combine(inbox, "cad.csv"), "external_id,received_at,location,type\nX1,2026-11-23T10:00:00-08:00,AHS,FIGHT\n");
        if (role is not null) Operators.Add(t.Db, TestDb.Account, "vic", Codes.ParseOperatorRole(role), t.Db.Clock.GetUtcNow());

        var (code, stdout, stderr) = Run(t, "vic", TimeProvider.System, "--once", "--inbox", inbox);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal("R10: vic is a viewer and may not run safety-worker; ask a supervisor to run `safety-console operators add vic service`, then start it again.\n",
            stderr.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(inbox, "cad.csv")), "nothing was loaded or moved");
        Assert.Equal(0L, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM calls"));
        Assert.Equal("vic", t.Db.Connection.ExecuteScalar<string>("SELECT actor FROM events WHERE kind = 'refused'"));
    }

    [Theory]
    [InlineData(OperatorRole.Service)]
    [InlineData(OperatorRole.Dispatcher)]
    [InlineData(OperatorRole.Supervisor)]
    public void The_service_account_a_dispatcher_or_a_supervisor_runs_a_pass_on_the_clock(OperatorRole role)
    {
        using var t = new TestDb();
        Seed(t.Db);
        Operators.Add(t.Db, TestDb.Account, "svc", role, t.Db.Clock.GetUtcNow());
        var now = SchoolDay(10, 0);
        var id = AddCall(t.Db, "1", now, "AHS", "FIGHT");
        var (code, _, stderr) = Run(t, "svc", new FakeTimeProvider(now), "--once");
        Assert.True(code == 0, stderr);
        Assert.Equal(CallStatus.Pending, Reads.RequireCall(t.Db, id).Status);
    }

    [Fact]
    public void A_replay_far_from_the_clock_is_refused_to_a_dispatcher_and_allowed_to_the_service_account_whose_events_are_marked_late()
    {
        using var t = new TestDb();
        Seed(t.Db);
        Operators.Add(t.Db, TestDb.Account, "dana", OperatorRole.Dispatcher, t.Db.Clock.GetUtcNow());
        Operators.Add(t.Db, TestDb.Account, "svc", OperatorRole.Service, t.Db.Clock.GetUtcNow());
        var id = AddCall(t.Db, "1", SchoolDay(10, 0), "AHS", "FIGHT");
        var clock = new FakeTimeProvider(SchoolDay(10, 0).AddDays(7)); // a week later
        var at = SchoolDay(10, 0).ToString("O");

        var (code, _, stderr) = Run(t, "dana", clock, "--once", "--at", at);
        Assert.Equal(1, code);
        Assert.StartsWith("R10: dana is a dispatcher and may not run a worker pass as of 2026-11-23T18:00:00Z, 7 days before the clock", stderr, StringComparison.Ordinal);
        Assert.EndsWith("drop --at to run the pass as of now, or ask a supervisor.\n", stderr.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(CallStatus.New, Reads.RequireCall(t.Db, id).Status);

        (code, _, stderr) = Run(t, "svc", clock, "--once", "--at", at);
        Assert.True(code == 0, stderr);
        var intake = Reads.EventsOfCall(t.Db, id).Single(e => e.FromStatus == "NEW");
        Assert.Equal("worker", intake.Actor);
        Assert.Equal(SchoolDay(10, 0), intake.At);
        Assert.Equal(clock.GetUtcNow(), intake.RecordedAt);
        Assert.True(intake.LateEntry);
    }
}
