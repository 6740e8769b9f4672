using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Enforcement;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests;
using SafetyConsole.Data.Tests.Seed;
using static SafetyConsole.Data.Tests.Seed.TestDistrictSeed;

namespace SafetyConsole.Worker.Tests;

/// <summary>The continuous worker on a fake clock: passes at start, at each interval, and when the store changes.</summary>
public class HostedWorkerTests
{
    private static readonly DateTimeOffset T0 = SchoolDay(10, 0);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20); // a deadline for a wait, not a sleep

    /// <summary>Records passes and "waiting" moments of a loop, to wait for them without sleeping.</summary>
    private sealed class Probe
    {
        public readonly Channel<PassResult> Passes = Channel.CreateUnbounded<PassResult>();
        public readonly Channel<bool> Waits = Channel.CreateUnbounded<bool>();

        public Probe(EnforcementLoop loop)
        {
            loop.PassCompleted += r => Passes.Writer.TryWrite(r);
            loop.Waiting += () => Waits.Writer.TryWrite(true);
        }

        public async Task<PassResult> NextPass() => await Passes.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        /// <summary>
        /// Waits until the loop is idle with its timer armed (so advancing the fake clock reaches it). On a fake clock
        /// the loop arms exactly one timer per iteration, so each call consumes the signal of the latest iteration.
        /// </summary>
        public async Task Idle() => await Waits.Reader.ReadAsync().AsTask().WaitAsync(Patience);
    }

    [Fact]
    public async Task The_in_process_loop_runs_at_start_at_each_deadline_and_stops_cleanly()
    {
        using var t = new TestDb();
        TestDistrictSeed.Seed(t.Db);
        var id = AddCall(t.Db, "1", T0, "AMS", "FIGHT");
        var clock = new FakeTimeProvider(T0);
        var loop = new EnforcementLoop(t.FilePath, clock);
        var probe = new Probe(loop);
        using var cts = new CancellationTokenSource();
        var run = loop.RunAsync(cts.Token);

        var first = await probe.NextPass();
        Assert.Equal((T0, 1), (first.At, first.Classified));
        await probe.Idle();
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(T0.AddSeconds(30), (await probe.NextPass()).At); // about once a second: the next poll after the interval
        await probe.Idle();
        clock.Advance(TimeSpan.FromSeconds(30));
        var atDeadline = await probe.NextPass();
        Assert.Equal((T0.AddSeconds(60), "CSO-AMS"), (atDeadline.At, atDeadline.Actions.Single().Badge));

        await cts.CancelAsync();
        await run.WaitAsync(Patience);
        Assert.Equal(CallStatus.Assigned, Reads.RequireCall(t.Db, id).Status);
    }

    [Fact]
    public async Task A_change_by_another_connection_triggers_a_pass_at_once_before_the_interval()
    {
        using var t = new TestDb();
        TestDistrictSeed.Seed(t.Db);
        var clock = new FakeTimeProvider(T0);
        using var cts = new CancellationTokenSource();
        var (loop, probe, run) = await StartIdle(t, clock, cts.Token);

        var id = AddCall(t.Db, "1", T0, "AHS", "DISCIPLINE"); // another connection commits
        clock.Advance(loop.PollInterval); // the next poll, far before the 10-minute interval
        var pass = await probe.NextPass();
        Assert.Equal((id, CallStatus.Diverted), (pass.Actions.Single().CallId, pass.Actions.Single().To));
        await cts.CancelAsync();
        await run.WaitAsync(Patience);
    }

    [Fact]
    public async Task The_host_runs_the_enforcement_service_with_the_injected_clock_and_stops_on_request()
    {
        using var t = new TestDb();
        TestDistrictSeed.Seed(t.Db);
        var id = AddCall(t.Db, "1", T0, "AHS", "FIGHT");
        var clock = new FakeTimeProvider(T0);
        PolicyStore.Set(t.Db, TestDb.Account, "ack_timeout_seconds", "30s", "a shorter R6 timeout for the test", T0); // the policy is in the store (issue 13)
        var config = new ConfigurationBuilder().AddInMemoryCollection([]).Build();
        var settings = WorkerSettings.From(config);
        using var host = WorkerHost.Create(new WorkerCommand(t.FilePath, false, null, null, false), settings, config, clock);
        var probe = new Probe(host.Services.GetRequiredService<EnforcementService>().Loop);
        await host.StartAsync();
        Assert.Equal(1, (await probe.NextPass()).Classified);
        await probe.Idle();
        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(1, (await probe.NextPass()).Assigned);
        await probe.Idle();
        clock.Advance(TimeSpan.FromSeconds(30)); // the configured 30 s ack timeout (R6)
        var r6 = await probe.NextPass();
        Assert.Equal("CSO-AHS", r6.Actions.Single().ReleasedBadge);
        await host.StopAsync().WaitAsync(Patience);
        Assert.Equal(1L, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM assignments WHERE call_id = @id AND release_reason = 'ack-timeout'", new { id }));
    }

    [Fact]
    public async Task A_running_loop_uses_a_policy_change_from_its_next_pass()
    {
        using var t = new TestDb();
        TestDistrictSeed.Seed(t.Db);
        var clock = new FakeTimeProvider(T0);
        using var cts = new CancellationTokenSource();
        var (loop, probe, run) = await StartIdle(t, clock, cts.Token);

        // Another process (a supervisor's `policy set`) changes the P1 deadline; the loop notices the commit.
        PolicyStore.Set(t.Db, TestDb.Account, "deadline_p1_seconds", "25", "drill", T0);
        clock.Advance(loop.PollInterval);
        await probe.NextPass();
        await probe.Idle();
        var id = AddCall(t.Db, "1", T0, "AMS", "FIGHT"); // P1
        clock.Advance(loop.PollInterval);
        Assert.Equal(1, (await probe.NextPass()).Classified);
        Assert.Equal(T0.AddSeconds(25), Reads.RequireCall(t.Db, id).Deadline); // R5 with the stored 25 s, not the 60 s default
        await cts.CancelAsync();
        await run.WaitAsync(Patience);
    }

    /// <summary>A loop on a seeded database with a 10-minute interval, after its first (empty) pass, waiting.</summary>
    private static async Task<(EnforcementLoop Loop, Probe Probe, Task Run)> StartIdle(TestDb t, FakeTimeProvider clock, CancellationToken ct)
    {
        var loop = new EnforcementLoop(t.FilePath, clock, passInterval: TimeSpan.FromMinutes(10));
        var probe = new Probe(loop);
        var run = loop.RunAsync(ct);
        Assert.Empty((await probe.NextPass()).Actions);
        await probe.Idle();
        return (loop, probe, run);
    }

    [Fact]
    public async Task A_failing_pass_is_reported_and_the_loop_goes_on()
    {
        using var t = new TestDb(); // no district yet
        AddCallWithoutDistrict(t.Db);
        var clock = new FakeTimeProvider(T0);
        var loop = new EnforcementLoop(t.FilePath, clock);
        var failures = Channel.CreateUnbounded<Exception>();
        loop.PassFailed += e => failures.Writer.TryWrite(e);
        var probe = new Probe(loop);
        using var cts = new CancellationTokenSource();
        var run = loop.RunAsync(cts.Token);
        var e = await failures.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        Assert.StartsWith("This database has no district yet", e.Message, StringComparison.Ordinal);
        await probe.Idle();
        await cts.CancelAsync();
        await run.WaitAsync(Patience);
    }

    private static void AddCallWithoutDistrict(SafetyDb db) =>
        db.Connection.Execute("""
            INSERT INTO agencies(code, name, kind) VALUES ('DIST', 'District', 'district');
            INSERT INTO locations(code, name, kind, zone, agency, lat, lon, bell_start, bell_end) VALUES ('LHS', 'Lincoln High', 'high', 'LHS', 'DIST', 47.2, -122.4, '07:30', '14:30');
            INSERT INTO calls(source, external_id, received_at, location, type, priority, status, created_at, updated_at)
              VALUES ('t', '1', '2026-11-23T18:00:00.000Z', 'LHS', 'FIGHT', 1, 'NEW', '2026-11-23T18:00:00.000Z', '2026-11-23T18:00:00.000Z');
            """);
}
