using System.Diagnostics;
using System.Globalization;
using Dapper;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Enforcement;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Bench;

/// <summary>
/// `postgres` (issue 17): SQLite and PostgreSQL side by side in the same run, on the same machine.
/// <list type="number">
/// <item>A state change's latency under load: 8 dispatcher processes, each with its own officer and calls, taking
/// them through assign, en route, on scene and clear with a random pause of 0–2×PG_BENCH_THINK_MS (default 25 ms)
/// between changes, while a worker process runs the enforcement loop. p50/p99 per change (goal p99 ≤ 50 ms), and the
/// CPU a change cost the dispatcher processes and the server. Each dispatcher first takes calls untimed at the same pace
/// until the JIT goes quiet (at most PG_BENCH_WARMUP, 60): a board runs all day, so its steady state is measured, not
/// its first minute's compiling.</item>
/// <item>Change notice: this process commits a note; a second process polling <see cref="SafetyDb.DataVersion"/>
/// every 5 ms notices it; commit return → noticed, p99 (goal ≤ 100 ms).</item>
/// <item>`feed load` rows/s, the same file (PG_BENCH_ROWS, default 200,000) on both, and the ratio to `sqlite3 .import`
/// of that file (the foreign keys stay on both).</item>
/// <item>`feed load -` streaming, one record at a time: line written → call readable, p99 (<see cref="StreamingLatency"/>).</item>
/// </list>
/// The server: SAFETY_CONSOLE_TEST_PG, else a throwaway cluster (<see cref="PgBenchServer"/>). safety-console is the
/// Release build beside the benchmark (JIT at every start, the same for both backends), or PG_BENCH_APP. Quick runs:
/// PG_BENCH_CALLS (timed calls per dispatcher, 100), PG_BENCH_NOTICES (200), PG_BENCH_RUNS (feed runs, 3), PG_BENCH_PARTS.
/// </summary>
public sealed class PostgresBenchmark : IBenchmark
{
    private const int Dispatchers = 8;

    public string Name => "postgres";

    public string Goal => "SQLite beside PostgreSQL: state change p99 ≤ 50 ms under 8 dispatchers and a worker; change notice p99 ≤ 100 ms; feed load rows/s and ratio to sqlite3 .import";

    public void Run(BenchReport report)
    {
        var folder = Directory.CreateTempSubdirectory("safety-bench-pg").FullName;
        try
        {
            using var server = PgBenchServer.Start();
            report.Figure("PostgreSQL server", server.Origin);
            report.Figure("PostgreSQL settings", server.Settings());
            report.Figure("SQLite settings", "WAL, synchronous NORMAL (as the product opens it)");
            Load(report, "machine load at the start");
            BenchStore[] stores = [new SqliteBenchStore(folder), new PgBenchStore(server)];
            // PG_BENCH_PARTS (e.g. "feed" or "latency,notice") runs some of the parts; all four by default.
            var parts = (Environment.GetEnvironmentVariable("PG_BENCH_PARTS") ?? "latency,notice,feed,stream").Split(',', StringSplitOptions.TrimEntries);
            if (parts.Contains("latency"))
            {
                foreach (var store in stores) StateChangeLatency(report, store, 1, withWorker: false); // the uncontended cost, for comparison
                foreach (var store in stores) StateChangeLatency(report, store, Dispatchers, withWorker: true);
                Load(report, "machine load after the latency runs");
            }
            if (parts.Contains("notice")) foreach (var store in stores) ChangeNotice(report, store);
            if (parts.Contains("feed")) FeedLoad(report, stores, folder);
            if (parts.Contains("stream")) StreamingLatency.Run(report, stores);
            Load(report, "machine load at the end");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Load(BenchReport report, string label) =>
        report.Figure(label, File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ')[..3]) + $" (1/5/15-minute averages, {Environment.ProcessorCount} cores)" : "?");

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;

    // ---- 1. state-change latency under 8 dispatchers and a worker ----

    private static void StateChangeLatency(BenchReport report, BenchStore store, int dispatchers, bool withWorker)
    {
        var callsEach = Setting("PG_BENCH_CALLS", 100); // 3,200 changes timed under load: a p99 of 960 rested on its 10 slowest
        var think = Setting("PG_BENCH_THINK_MS", 25);
        var warmUp = Setting("PG_BENCH_WARMUP", 60); // at most, calls each dispatcher takes before the timed ones (BenchChild)
        var account = Environment.UserName;
        var db = store.Template(account, s => DistrictImport.Run(s, DistrictSource.Demo, account, TimeProvider.System.GetUtcNow()));
        try
        {
            // Each dispatcher has its own officer (a CSO whom R7 lets take a call at the school of their post) and calls there.
            var work = new List<(string Badge, List<long> Calls)>();
            using (var s = SafetyDb.Open(db, account))
            {
                foreach (var (badge, post) in EligibleOfficers(s, account).Take(dispatchers))
                {
                    var at = TimeText.ToDb(TimeProvider.System.GetUtcNow());
                    var ids = Enumerable.Range(0, warmUp + callsEach).Select(i => NewCall(s, $"{badge}-{i}", post, at)).ToList();
                    work.Add((badge, ids));
                }
                if (work.Count < dispatchers) throw new InvalidOperationException($"the demo district has only {work.Count} officers free to take a call at their post");
                EnforcementPass.Run(s, TimeProvider.System.GetUtcNow()); // intake: the calls are PENDING before the dispatchers start
            }

            var self = typeof(PostgresBenchmark).Assembly.Location;
            using var worker = withWorker ? Child.Start(self, "worker", db) : null;
            worker?.WaitFor("ready");
            var children = work.Select(w => Child.Start(self, "dispatch", db, w.Badge, string.Join(',', w.Calls),
                think.ToString(CultureInfo.InvariantCulture), warmUp.ToString(CultureInfo.InvariantCulture))).ToList();
            var warmedUp = children.Select(d => d.LinesUntil("ready").LastOrDefault(l => l.StartsWith("W ", StringComparison.Ordinal)) ?? "W ? ?").ToList();
            var meter = new CpuMeter(store.Backend == "PostgreSQL" ? db : null);
            var serverBefore = meter.Server();
            var clientCpu = 0.0;
            var sw = Stopwatch.StartNew();
            foreach (var d in children) d.Send("go");
            var latencies = new List<double>();
            var errors = new List<string>();
            foreach (var d in children)
            {
                foreach (var line in d.LinesUntil("done"))
                {
                    if (line.StartsWith("L ", StringComparison.Ordinal)) latencies.Add(double.Parse(line[2..], CultureInfo.InvariantCulture));
                    else if (line.StartsWith("E ", StringComparison.Ordinal)) errors.Add(line[2..]);
                    else if (line.StartsWith("C ", StringComparison.Ordinal)) clientCpu += double.Parse(line[2..], CultureInfo.InvariantCulture);
                }
            }
            var serverCpu = meter.Server() - serverBefore; // the dispatchers wait, still connected, until told to end
            foreach (var d in children) d.Dispose();
            var elapsed = sw.Elapsed.TotalSeconds;
            worker?.Send(null);
            var passes = worker is null ? "none" : worker.LinesUntil(null).LastOrDefault(l => l.StartsWith("passes", StringComparison.Ordinal)) ?? "passes ?";

            var label = withWorker ? $"{store.Backend}: state change, {dispatchers} dispatchers + worker" : $"{store.Backend}: state change, {dispatchers} dispatcher alone";
            if (errors.Count > 0) report.Goal($"{store.Backend}: every state change done", false, $"{errors.Count} failed (that call's later steps skipped), first: {errors[0]}");
            if (latencies.Count == 0) return;
            var sorted = latencies.Order().ToArray();
            report.Figure(label, $"p50 {P(sorted, 0.5):F1} ms, p99 {P(sorted, 0.99):F1} ms, max {sorted[^1]:F1} ms; {sorted.Length} changes timed, {dispatchers * callsEach * 4 / elapsed:F0} changes/s in all; worker {passes}");
            var changes = dispatchers * callsEach * 4;
            var counts = warmedUp.Select(w => int.TryParse(w.Split(' ')[1], CultureInfo.InvariantCulture, out var n) ? n : 0).ToList();
            report.Figure(label + ", warm-up", $"{counts.Min()}–{counts.Max()} untimed calls a dispatcher first; the JIT quiet in {warmedUp.Count(w => w.EndsWith("quiet", StringComparison.Ordinal))} of {warmedUp.Count}");
            report.Figure(label + ", CPU", $"dispatchers {1000 * clientCpu / changes:F1} ms a change" + (serverCpu > 0 ? $", server backends {1000 * serverCpu / changes:F1} ms a change" : "") + $"; {(clientCpu + serverCpu) / elapsed:F2} cores busy on {Environment.ProcessorCount}");
            if (withWorker) report.Goal($"{store.Backend}: state change p99 under load", P(sorted, 0.99) <= 50, $"p99 {P(sorted, 0.99):F1} ms (goal ≤ 50 ms)");
        }
        finally
        {
            store.Delete(db);
        }
    }

    /// <summary>CSOs whom a call at the school of their post may be given (R7 excludes some: lapsed training): each is tried.</summary>
    private static IEnumerable<(string Badge, string Post)> EligibleOfficers(SafetyDb db, string account)
    {
        var disposition = db.Connection.ExecuteScalar<string>("SELECT min(code) FROM dispositions")!;
        var officers = db.Connection.Query<(string Badge, string Post)>("SELECT badge, post FROM officers WHERE role = 'CSO' AND status = 'AVAILABLE' ORDER BY badge").ToList();
        foreach (var (badge, post) in officers)
        {
            var id = NewCall(db, $"probe-{badge}", post, TimeText.ToDb(TimeProvider.System.GetUtcNow()));
            try
            {
                Data.Dispatch.CallActions.Assign(db, account, id, badge, TimeProvider.System.GetUtcNow());
            }
            catch (SafetyException)
            {
                Data.Dispatch.CallActions.Cancel(db, account, id, "benchmark probe", TimeProvider.System.GetUtcNow());
                continue;
            }
            Data.Dispatch.CallActions.EnRoute(db, account, id, TimeProvider.System.GetUtcNow());
            Data.Dispatch.CallActions.Clear(db, account, id, disposition, TimeProvider.System.GetUtcNow());
            yield return (badge, post);
        }
    }

    /// <summary>
    /// A NEW call of priority 4, whose R5 deadline (an hour) does not come during the run: at a P1 call's 60 s the worker
    /// assigns it itself, and a dispatcher slower than that on a loaded machine loses the race to the worker instead.
    /// </summary>
    private static long NewCall(SafetyDb db, string externalId, string location, string at) =>
        db.Connection.ExecuteScalar<long>("""
            INSERT INTO calls(source, external_id, received_at, location, type, priority, description, status, created_at, updated_at)
            VALUES ('bench', @externalId, @at, @location, 'FIGHT', 4, 'benchmark', 'NEW', @at, @at) RETURNING id
            """, new { externalId, at, location });

    // ---- 2. change notice to another process ----

    private static void ChangeNotice(BenchReport report, BenchStore store)
    {
        var changes = Setting("PG_BENCH_NOTICES", 200);
        var account = Environment.UserName;
        var db = store.Template(account, s => DistrictImport.Run(s, DistrictSource.Demo, account, TimeProvider.System.GetUtcNow()));
        try
        {
            using var s = SafetyDb.Open(db, account);
            var at = TimeText.ToDb(TimeProvider.System.GetUtcNow());
            var call = NewCall(s, "notice", "LHS", at);
            using var watcher = Child.Start(typeof(PostgresBenchmark).Assembly.Location, "watch", db);
            watcher.WaitFor("ready");
            var random = new Random(11);
            var latencies = new List<double>();
            var missed = 0;
            for (var i = 0; i < changes; i++)
            {
                Thread.Sleep(random.Next(20, 60));
                watcher.Drain();
                var before = Stopwatch.GetTimestamp();
                Data.Dispatch.CallActions.Note(s, account, call, $"note {i}", TimeProvider.System.GetUtcNow());
                var committed = Stopwatch.GetTimestamp();
                var noticed = watcher.NextTimestampAfter(before, TimeSpan.FromSeconds(3));
                if (noticed is null) missed++;
                else if (i >= 10) latencies.Add(Math.Max(0, Stopwatch.GetElapsedTime(committed, noticed.Value).TotalMilliseconds)); // the first ten warm up
            }
            watcher.Send(null);
            if (missed > 0) report.Goal($"{store.Backend}: every change noticed", false, $"{missed} of {changes} not noticed within 3 s");
            if (latencies.Count == 0) return;
            var sorted = latencies.Order().ToArray();
            report.Figure($"{store.Backend}: change notice (5 ms poll)", $"p50 {P(sorted, 0.5):F1} ms, p99 {P(sorted, 0.99):F1} ms, max {sorted[^1]:F1} ms; {sorted.Length} notes, commit → DataVersion() moved in another process");
            report.Goal($"{store.Backend}: change notice p99", P(sorted, 0.99) <= 100, $"p99 {P(sorted, 0.99):F1} ms (goal ≤ 100 ms)");
        }
        finally
        {
            store.Delete(db);
        }
    }

    // ---- 3. feed load rows per second ----

    private static void FeedLoad(BenchReport report, BenchStore[] stores, string folder)
    {
        var rows = Setting("PG_BENCH_ROWS", 200_000);
        var runs = Setting("PG_BENCH_RUNS", 3);
        var account = Environment.UserName;
        var csv = Path.Combine(folder, "calls.csv");
        FeedLoadBenchmark.Generate(csv, rows);
        // PG_BENCH_APP names another safety-console.dll to measure (e.g. a build of an earlier commit, for before/after).
        var exe = Environment.GetEnvironmentVariable("PG_BENCH_APP") is { Length: > 0 } app ? app : BenchProcess.SafetyConsoleDll();
        report.Figure("safety-console measured", $"{exe} (JIT at every start, the same for both backends)");
        var label = rows.ToString("N0", CultureInfo.InvariantCulture);
        var medians = new Dictionary<string, double>();
        foreach (var store in stores)
        {
            var template = store.Template(account, FeedLoadBenchmark.SeedDistrict);
            var times = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                var db = store.Copy(template);
                var sw = Stopwatch.StartNew();
                var output = BenchProcess.Output(BenchProcess.Dotnet(exe, "--db", db, "feed", "load", csv, "--json"));
                times.Add(sw.Elapsed.TotalSeconds);
                if (System.Text.RegularExpressions.Regex.Match(output, "\"loaded\":\\s*(\\d+)").Groups[1].Value != rows.ToString(CultureInfo.InvariantCulture))
                    report.Goal($"{store.Backend}: feed load loaded every row", false, output.Length > 200 ? output[..200] : output);
                store.Delete(db);
            }
            store.Delete(template);
            medians[store.Backend] = Median(times);
            report.Figure($"{store.Backend}: feed load, {label} rows", $"{medians[store.Backend]:F2} s, {rows / medians[store.Backend]:N0} rows/s (process end to end; median of {runs}: {string.Join(", ", times.Select(t => t.ToString("F2", CultureInfo.InvariantCulture)))} s)");
        }
        if (FeedLoadBenchmark.SqliteShell() is null)
        {
            report.Figure("sqlite3 .import", "MISSING: the sqlite3 shell is not installed (apt-get install sqlite3); no ratio is measured");
            return;
        }
        var imports = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var imported = Path.Combine(folder, $"import-{run}.db");
            BenchProcess.Run("sqlite3", imported, FeedLoadBenchmark.ImportTableSql);
            var sw = Stopwatch.StartNew();
            BenchProcess.Output(FeedLoadBenchmark.Sqlite3(imported, ".mode csv", $".import --skip 1 {csv} calls_import"));
            imports.Add(sw.Elapsed.TotalSeconds);
            foreach (var f in new[] { imported, imported + "-wal", imported + "-shm" }) File.Delete(f);
        }
        var import = Median(imports);
        report.Figure($"sqlite3 .import, {label} rows", $"{import:F2} s, {rows / import:N0} rows/s (median of {runs})");
        foreach (var (backend, seconds) in medians)
            report.Figure($"{backend}: ratio feed load / .import", $"{import / seconds:F2} (rows/s over .import's rows/s)");
        report.Figure("ratio PostgreSQL / SQLite feed load", $"{medians["SQLite"] / medians["PostgreSQL"]:F2} (rows/s over SQLite's rows/s)");
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    /// <summary>A <see cref="BenchChild"/> process: lines to it on standard input, lines from it read on a thread.</summary>
    private sealed class Child : IDisposable
    {
        private readonly Process _process;
        private readonly System.Collections.Concurrent.BlockingCollection<string?> _lines = new();
        private readonly Task<string> _stderr;

        private Child(Process process)
        {
            _process = process;
            _stderr = process.StandardError.ReadToEndAsync();
            new Thread(() =>
            {
                while (process.StandardOutput.ReadLine() is { } line) _lines.Add(line);
                _lines.Add(null);
            }) { IsBackground = true }.Start();
        }

        public static Child Start(string self, params string[] args)
        {
            var psi = BenchProcess.Dotnet(self, ["child", .. args]);
            psi.RedirectStandardInput = true;
            return new Child(Process.Start(psi)!);
        }

        /// <summary>Writes a line to the child, or closes its standard input when <paramref name="line"/> is null.</summary>
        public void Send(string? line)
        {
            if (line is null) _process.StandardInput.Close();
            else
            {
                _process.StandardInput.WriteLine(line);
                _process.StandardInput.Flush();
            }
        }

        public void WaitFor(string expected) => _ = LinesUntil(expected).ToList();

        /// <summary>The child's lines up to (not including) <paramref name="end"/>, or to its end when null; throws when it ends first.</summary>
        public IEnumerable<string> LinesUntil(string? end)
        {
            while (true)
            {
                if (!_lines.TryTake(out var line, TimeSpan.FromMinutes(5))) throw new TimeoutException($"a benchmark child said nothing for 5 minutes (waiting for {end ?? "its end"})");
                if (line is null)
                {
                    if (end is null) yield break;
                    _process.WaitForExit();
                    throw new InvalidOperationException($"a benchmark child ended (exit {_process.ExitCode}) before '{end}': {_stderr.Result}");
                }
                if (line == end) yield break;
                yield return line;
            }
        }

        public void Drain()
        {
            while (_lines.TryTake(out var line))
            {
                if (line is null) throw new InvalidOperationException($"a benchmark child ended: {_stderr.Result}");
            }
        }

        /// <summary>The first monotonic timestamp the watcher prints after <paramref name="after"/>, or null after <paramref name="wait"/>.</summary>
        public long? NextTimestampAfter(long after, TimeSpan wait)
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                if (!_lines.TryTake(out var line, TimeSpan.FromMilliseconds(50))) continue;
                if (line is null) throw new InvalidOperationException($"a benchmark child ended: {_stderr.Result}");
                if (long.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t > after) return t;
            }
            return null;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                try
                {
                    _process.StandardInput.Close();
                }
                catch (IOException) { }
                if (!_process.WaitForExit(10_000)) _process.Kill();
            }
            _process.Dispose();
        }
    }
}
