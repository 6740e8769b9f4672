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
/// clear (the product's <see cref="CallActions"/>, as the command line and the board call them) after a `go` line on
/// standard input; prints `L ms` per state change after the first WARMUP calls.</item>
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
                Dispatch(db, account, badge, ids.Split(',').Select(long.Parse).ToList(), int.Parse(think, CultureInfo.InvariantCulture), int.Parse(warmUp, CultureInfo.InvariantCulture));
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

    private static void Dispatch(string path, string account, string badge, List<long> calls, int thinkMs, int warmUp)
    {
        using var db = SafetyDb.Open(path, account);
        var disposition = db.Connection.ExecuteScalar<string>("SELECT min(code) FROM dispositions")!;
        var time = TimeProvider.System;
        Console.WriteLine("ready");
        if (Console.ReadLine() != "go") return;
        var random = new Random(badge.GetHashCode(StringComparison.Ordinal));
        for (var i = 0; i < calls.Count; i++)
        {
            var id = calls[i];
            Action[] steps =
            [
                () => CallActions.Assign(db, account, id, badge, time.GetUtcNow()),
                () => CallActions.EnRoute(db, account, id, time.GetUtcNow()),
                () => CallActions.OnScene(db, account, id, time.GetUtcNow()),
                () => CallActions.Clear(db, account, id, disposition, time.GetUtcNow()),
            ];
            foreach (var step in steps)
            {
                Thread.Sleep(random.Next(0, 2 * thinkMs + 1)); // the dispatcher reads the board, talks on the radio
                var start = Stopwatch.GetTimestamp();
                try
                {
                    step();
                }
                catch (Exception e) // a refusal, or the store giving up (PostgreSQL's lock timeout): counted, the run goes on
                {
                    Console.WriteLine($"E call {id} after {Stopwatch.GetElapsedTime(start).TotalMilliseconds:F0} ms: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
                    break;
                }
                var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (i >= warmUp) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"L {ms:F3}"));
            }
        }
        Console.WriteLine("done");
    }

    private static void Worker(string path)
    {
        using var stop = new CancellationTokenSource();
        var loop = new EnforcementLoop(path, TimeProvider.System);
        var passes = 0;
        var failed = 0;
        loop.PassCompleted += _ =>
        {
            if (Interlocked.Increment(ref passes) == 1) Console.WriteLine("ready");
        };
        loop.PassFailed += e =>
        {
            if (Interlocked.Increment(ref failed) == 1) Console.WriteLine($"E pass failed: {e.Message}");
        };
        var run = loop.RunAsync(stop.Token);
        _ = Console.In.ReadToEnd(); // until the benchmark closes standard input
        stop.Cancel();
        run.GetAwaiter().GetResult();
        Console.WriteLine($"passes {passes} failed {failed}");
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
