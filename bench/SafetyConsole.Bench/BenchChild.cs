using System.Diagnostics;
using System.Globalization;
using Dapper;
using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Enforcement;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Bench;

/// <summary>
/// The benchmark's own child processes (`dotnet SafetyConsole.Bench.dll child ROLE DB …`), so the `postgres`
/// benchmark measures separate processes on separate connections, as dispatchers on several hosts are:
/// <list type="bullet">
/// <item>`dispatch DB BADGE IDS THINK_MS WARMUP`: a dispatcher taking its calls through assign, en route, on scene and
/// clear (the product's <see cref="CallActions"/>, as the command line and the board call them): up to WARMUP calls
/// before `ready` (`W n quiet`: how many, and whether the JIT had gone quiet), then the last IDS − WARMUP after a `go`
/// line on standard input; prints `L ms` per timed state change, and `C s`, its CPU seconds from `go`.</item>
/// <item>`worker DB`: the worker's <see cref="EnforcementLoop"/> (what `safety-worker` runs), until standard input closes.</item>
/// <item>`watch DB`: polls <see cref="SafetyDb.DataVersion"/> every 5 ms and prints the monotonic clock
/// (<see cref="Stopwatch.GetTimestamp"/>: CLOCK_MONOTONIC, the same in every process) whenever it changes.</item>
/// </list>
/// Each prints `ready` once its store is open and the code it times has run once.
/// </summary>
internal static class BenchChild
{
    public static int Run(string[] args)
    {
        var account = Environment.UserName;
        switch (args)
        {
            case ["dispatch", var db, var badge, var ids, var think, var warmUp]:
                var list = ids.Split(',').Select(long.Parse).ToList();
                var most = int.Parse(warmUp, CultureInfo.InvariantCulture);
                Dispatch(db, account, badge, list, int.Parse(think, CultureInfo.InvariantCulture), most, list.Count - most);
                return 0;
            case ["worker", var db]:
                Worker(db);
                return 0;
            case ["watch", var db]:
                Watch(db, account);
                return 0;
            default:
                Console.Error.WriteLine("usage: child dispatch DB BADGE IDS THINK_MS WARMUP | child worker DB | child watch DB");
                return 2;
        }
    }

    private static void Dispatch(string path, string account, string badge, List<long> calls, int thinkMs, int warmUp, int timedCalls)
    {
        using var db = SafetyDb.Open(path, account);
        var disposition = db.Connection.ExecuteScalar<string>("SELECT min(code) FROM dispositions")!;
        var time = TimeProvider.System;
        var random = new Random(badge.GetHashCode(StringComparison.Ordinal));
        // Up to WARMUP calls go through before `ready`, at the timed pace but untimed, until the JIT has compiled nothing
        // new for three calls in a row: a dispatcher's board runs all day, and what is measured is that steady state, not
        // the runtime compiling the product's code in its first minute (which cost more CPU than the changes themselves).
        var warmed = 0;
        var quietCalls = 0;
        for (var compiled = System.Runtime.JitInfo.GetCompiledMethodCount(); warmed < warmUp && quietCalls < 3; warmed++)
        {
            Take(db, account, badge, calls[warmed], disposition, time, random, thinkMs, timed: false);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            quietCalls = now == compiled ? quietCalls + 1 : 0;
            compiled = now;
        }
        Console.WriteLine($"W {warmed} {(quietCalls >= 3 ? "quiet" : "still compiling")}");
        Console.WriteLine("ready");
        if (Console.ReadLine() != "go") return;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = warmed; i < warmed + timedCalls; i++) Take(db, account, badge, calls[i], disposition, time, random, thinkMs, timed: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"C {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F3}")); // CPU from go to done
        Console.WriteLine("done");
        _ = Console.In.ReadToEnd(); // connected until the benchmark has read the server's CPU figures
    }

    /// <summary>One call through assign, en route, on scene and clear; with <paramref name="timed"/>, `L ms` per change.</summary>
    private static void Take(SafetyDb db, string account, string badge, long id, string disposition, TimeProvider time, Random random, int thinkMs, bool timed)
    {
        Action[] steps =
        [
            () => CallActions.Assign(db, account, id, badge, time.GetUtcNow()),
            () => CallActions.EnRoute(db, account, id, time.GetUtcNow()),
            () => CallActions.OnScene(db, account, id, time.GetUtcNow()),
            () => CallActions.Clear(db, account, id, disposition, time.GetUtcNow()),
        ];
        foreach (var step in steps)
        {
            if (thinkMs > 0) Thread.Sleep(random.Next(0, 2 * thinkMs + 1)); // the dispatcher reads the board, talks on the radio
            var start = Stopwatch.GetTimestamp();
            try
            {
                step();
            }
            catch (Exception e) // a refusal, or the store giving up (PostgreSQL's lock timeout): counted, the run goes on
            {
                Console.WriteLine($"E call {id} after {Stopwatch.GetElapsedTime(start).TotalMilliseconds:F0} ms: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
                return;
            }
            if (timed) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"L {Stopwatch.GetElapsedTime(start).TotalMilliseconds:F3}"));
        }
    }

    private static void Worker(string path)
    {
        using var stop = new CancellationTokenSource();
        var loop = new EnforcementLoop(path, TimeProvider.System);
        var passes = 0;
        var failed = 0;
        var cpu = TimeSpan.Zero;
        loop.PassCompleted += _ =>
        {
            if (Interlocked.Increment(ref passes) != 1) return;
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            Console.WriteLine("ready");
        };
        loop.PassFailed += e =>
        {
            if (Interlocked.Increment(ref failed) == 1) Console.WriteLine($"E pass failed: {e.Message}");
        };
        var run = loop.RunAsync(stop.Token);
        _ = Console.In.ReadToEnd(); // until the benchmark closes standard input
        stop.Cancel();
        run.GetAwaiter().GetResult();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"passes {passes} failed {failed}, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} CPU s"));
    }

    private static void Watch(string path, string account)
    {
        using var db = SafetyDb.Open(path, account);
        var seen = db.DataVersion();
        var stdinClosed = false;
        var reader = new Thread(() =>
        {
            _ = Console.In.ReadToEnd();
            Volatile.Write(ref stdinClosed, true);
        }) { IsBackground = true };
        reader.Start();
        Console.WriteLine("ready");
        while (!Volatile.Read(ref stdinClosed))
        {
            var v = db.DataVersion();
            if (v != seen)
            {
                seen = v;
                Console.WriteLine(Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture));
            }
            Thread.Sleep(5); // the measuring poll: tight, so the figure is the notice's delay, not the board's 250 ms poll
        }
    }
}
