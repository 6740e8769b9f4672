using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using SafetyConsole.Data.Feeds;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Bench;

/// <summary>
/// `feed` (issue 18: the benchmark measures what users run): the `safety-console feed load FILE` process end to end
/// (start, open, load, close; the product as deployed, a ReadyToRun publish) beside `sqlite3 .import` of the same file
/// into an equivalent table with a primary key, also a process end to end, in the same run, at 200,000 and 1,000,000
/// calls (FEED_BENCH_ROWS, e.g. `20000` or `200000,1000000`; FEED_BENCH_APP=build measures the Release build instead of
/// publishing, for CI's quick run, or names a safety-console.dll to measure). Medians of FEED_BENCH_RUNS runs each (default 3), taken in turns.
/// Then where the end-to-end time goes at the first size: a .NET hello world, `--version`, a load of a header-only file
/// (start, open, checks, no rows), the same load in-process with the JIT warm (rows only), and the closing checkpoint.
/// Then peak memory of the largest load (goal ≤ 150 MB) and streaming latency: a writer appends JSON lines to the
/// standard input of `safety-console feed load -` while a reader polls the database; from write to visible, p50 and
/// p99 (goal p99 ≤ 50 ms).
/// </summary>
public sealed class FeedLoadBenchmark : IBenchmark
{
    private static readonly string[] Types = ["FIGHT", "SUSP", "WEAPON", "WELFARE", "DISORD", "TRESPASS", "VANDAL", "THREATS", "EDP", "LARCENY"];
    private static readonly string[] Roles = ["teacher", "administrator", "staff", "student", "parent", "public", "911", "tipline"];

    public string Name => "feed";

    public string Goal => "feed load process ≥ 0.5 × sqlite3 .import process rows/s at 200,000 rows; peak memory ≤ 150 MB; streaming p99 ≤ 50 ms";

    public void Run(BenchReport report)
    {
        var folder = Path.Combine(Path.GetTempPath(), "safety-bench-feed-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var account = Environment.UserName;
            var template = Path.Combine(folder, "template.db");
            using (var db = SafetyDb.Open(template, account, create: true)) SeedDistrict(db);
            var sw = Stopwatch.StartNew();
            var app = Environment.GetEnvironmentVariable("FEED_BENCH_APP");
            var (exe, what) = app switch
            {
                "build" => (BenchProcess.SafetyConsoleDll(), $"the build beside the benchmark, {BenchProcess.SafetyConsoleDll()} (JIT at every start)"),
                { } dll when dll.EndsWith(".dll", StringComparison.Ordinal) => (dll, $"{dll} (given)"),
                _ => (BenchProcess.PublishSafetyConsole(Path.Combine(folder, "app")), "a ReadyToRun publish, as deployed (README, Deployment)"),
            };
            report.Figure("safety-console measured", $"{what}; ready in {sw.Elapsed.TotalSeconds:F0} s");
            var sqlite = SqliteShell();
            report.Figure("sqlite3 (baseline)", sqlite ?? "MISSING: the sqlite3 command-line shell is not installed (apt-get install sqlite3); no ratio is measured");
            report.Figure("machine load (1-minute average)", File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?");

            var sizes = EndToEndRows();
            string? largest = null;
            foreach (var rows in sizes)
            {
                var csv = Path.Combine(folder, $"calls-{rows}.csv");
                Generate(csv, rows);
                largest = csv;
                var e2e = EndToEnd(report, exe, sqlite is not null, template, csv, folder, rows);
                if (rows == sizes[0]) WhereTheTimeGoes(report, exe, template, csv, folder, account, rows, e2e);
            }

            PeakMemory(report, exe, template, largest!, folder, sizes[^1]);
            StreamingLatency(report, exe, template, folder);
        }
        finally
        {
            // FEED_BENCH_KEEP=1 keeps the files (the template database, the CSV) for profiling a load by hand.
            if (Environment.GetEnvironmentVariable("FEED_BENCH_KEEP") == "1") report.Figure("files kept in", folder);
            else try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The sqlite3 shell's version, or null when it is not installed.</summary>
    internal static string? SqliteShell()
    {
        try
        {
            var psi = new ProcessStartInfo("sqlite3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add("-version");
            return "sqlite3 " + BenchProcess.Output(psi).Split(' ')[0];
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Both processes end to end on the same file, in turns; medians. Returns the feed load's median (wall, CPU) seconds.</summary>
    private static (double Wall, double Cpu) EndToEnd(BenchReport report, string exe, bool haveSqlite, string template, string csv, string folder, int rows)
    {
        var feed = new List<(double Wall, double Cpu)>();
        var import = new List<(double Wall, double Cpu)>();
        for (var run = 0; run < Runs(); run++)
        {
            var path = Path.Combine(folder, $"e2e-{rows}-{run}.db");
            File.Copy(template, path);
            feed.Add(Timed(BenchProcess.Dotnet(exe, "--db", path, "feed", "load", csv, "--json"), rows, report));
            DeleteDb(path);
            if (!haveSqlite) continue;
            var imported = Path.Combine(folder, $"import-{rows}-{run}.db");
            BenchProcess.Run("sqlite3", imported, ImportTableSql);
            import.Add(Timed(Sqlite3(imported, ".mode csv", $".import --skip 1 {csv} calls_import"), rows, report));
            DeleteDb(imported);
        }
        var f = Median(feed.Select(x => x.Wall).ToList());
        var fc = Median(feed.Select(x => x.Cpu).ToList());
        var label = rows.ToString("N0", CultureInfo.InvariantCulture);
        report.Figure($"{label} rows: feed load process", $"{f:F2} s, {rows / f:N0} rows/s; CPU {fc:F2} s (medians of {feed.Count}: {List(feed)})");
        if (import.Count == 0) return (f, fc);
        var i = Median(import.Select(x => x.Wall).ToList());
        var ic = Median(import.Select(x => x.Cpu).ToList());
        report.Figure($"{label} rows: sqlite3 .import process", $"{i:F2} s, {rows / i:N0} rows/s; CPU {ic:F2} s (medians of {import.Count}: {List(import)})");
        var ratio = i / f;
        report.Figure($"{label} rows: ratio feed load / .import", $"{ratio:F2} end to end (wall); {ic / fc:F2} in CPU time");
        if (rows == 200_000) report.Goal("bulk speed end to end at 200,000 rows", ratio >= 0.5, $"ratio {ratio:F2} (goal ≥ 0.5)");
        return (f, fc);

        static string List(List<(double Wall, double Cpu)> t) =>
            string.Join(", ", t.Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.Wall:F2}/{x.Cpu:F2}")));
    }

    /// <summary>
    /// The end-to-end time taken apart: runtime start (hello world), the program's start (`--version`), a load with no
    /// rows (start, open and migration check, operator check, the command's code compiled), the rows themselves with
    /// the JIT warm (in-process), and the close (WAL checkpoint of the load's pages into the database file).
    /// </summary>
    private static void WhereTheTimeGoes(BenchReport report, string exe, string template, string csv, string folder, string account, int rows, (double Wall, double Cpu) e2e)
    {
        var hello = Medians(Enumerable.Range(0, Runs()).Select(_ => Timed(BenchProcess.Dotnet(typeof(FeedLoadBenchmark).Assembly.Location, "hello"), 0, report)).ToList());
        var version = Medians(Enumerable.Range(0, Runs()).Select(_ => Timed(BenchProcess.Dotnet(exe, "--version"), 0, report)).ToList());
        var header = Path.Combine(folder, "header-only.csv");
        File.WriteAllLines(header, [File.ReadLines(csv).First()]);
        var empty = Medians(Enumerable.Range(0, Runs()).Select(run =>
        {
            var path = Path.Combine(folder, $"empty-{run}.db");
            File.Copy(template, path);
            var t = Timed(BenchProcess.Dotnet(exe, "--db", path, "feed", "load", header, "--json"), 0, report);
            DeleteDb(path);
            return t;
        }).ToList());
        var (load, close, cpu) = InProcessLoad(template, csv, folder, account, rows);
        report.Figure("where it goes: .NET hello world", $"{hello.Wall:F2} s, CPU {hello.Cpu:F2} s");
        report.Figure("where it goes: safety-console --version", $"{version.Wall:F2} s, CPU {version.Cpu:F2} s");
        report.Figure("where it goes: feed load of no rows", $"{empty.Wall:F2} s, CPU {empty.Cpu:F2} s (start, open, checks, command compiled)");
        report.Figure("where it goes: rows, in-process, settled", $"{load:F2} s, {rows / load:N0} rows/s, CPU {cpu:F2} s (2 threads)");
        report.Figure("where it goes: close (checkpoint)", $"{close:F2} s");
        report.Figure("where it goes: the rest (warm-up: JIT tiers, heap)", $"CPU {e2e.Cpu - empty.Cpu - cpu:F2} s of the {e2e.Cpu:F2} CPU s end to end");
    }

    /// <summary>Runs the process to its end: (wall seconds, its CPU seconds).</summary>
    private static (double Wall, double Cpu) Timed(ProcessStartInfo psi, int rows, BenchReport report)
    {
        var cpu = ChildCpu.Seconds();
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        sw.Stop();
        if (p.ExitCode != 0) report.Goal($"{psi.FileName} {string.Join(' ', psi.ArgumentList.Skip(1).Take(3))}", false, $"exit {p.ExitCode}: {err.Result}");
        else if (rows > 0 && psi.FileName == "dotnet"
                 && System.Text.RegularExpressions.Regex.Match(output, "\"loaded\":\\s*(\\d+)").Groups[1].Value != rows.ToString(CultureInfo.InvariantCulture))
            report.Goal("feed load loaded every row", false, output.Length > 200 ? output[..200] : output);
        return (sw.Elapsed.TotalSeconds, ChildCpu.Seconds() - cpu);
    }

    internal static ProcessStartInfo Sqlite3(string path, params string[] commands)
    {
        var psi = new ProcessStartInfo("sqlite3") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(path);
        foreach (var c in commands) psi.ArgumentList.Add(c);
        return psi;
    }

    // The same columns as the file, keyed like calls (source, external_id), in WAL mode like SafetyConsole.
    internal const string ImportTableSql = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE calls_import(external_id TEXT NOT NULL, source TEXT NOT NULL, received_at TEXT NOT NULL, location TEXT NOT NULL,
          type TEXT NOT NULL, priority INTEGER, description TEXT, reporter_role TEXT, basis TEXT, PRIMARY KEY (source, external_id));
        """;

    private static void DeleteDb(string path)
    {
        foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
    }

    private static (double Wall, double Cpu) Medians(List<(double Wall, double Cpu)> runs) =>
        (Median(runs.Select(r => r.Wall).ToList()), Median(runs.Select(r => r.Cpu).ToList()));

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static int Runs() =>
        int.TryParse(Environment.GetEnvironmentVariable("FEED_BENCH_RUNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 3;

    /// <summary>The sizes of the end-to-end runs: FEED_BENCH_ROWS (one or more, comma-separated), else 200,000 and 1,000,000.</summary>
    private static int[] EndToEndRows()
    {
        var text = Environment.GetEnvironmentVariable("FEED_BENCH_ROWS");
        if (string.IsNullOrWhiteSpace(text)) return [200_000, 1_000_000];
        return text.Split(',').Select(t => int.Parse(t.Trim(), NumberStyles.None, CultureInfo.InvariantCulture)).Where(n => n > 0).ToArray();
    }

    /// <summary>
    /// The load in-process, measured the second time the same file is loaded (the JIT has settled and the heap has
    /// grown on the first): (rows, close, CPU of the rows) in seconds.
    /// </summary>
    private static (double Load, double Close, double Cpu) InProcessLoad(string template, string csv, string folder, string account, int rows)
    {
        for (var pass = 0; pass < 2; pass++)
        {
            var path = Path.Combine(folder, $"inproc-{pass}.db");
            File.Copy(template, path);
            var db = SafetyDb.Open(path, account);
            using var input = FeedInput.OpenFile(csv);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var s = CallFeed.Load(db, input, new FeedOptions(account, TimeProvider.System));
            var load = sw.Elapsed.TotalSeconds;
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            sw.Restart();
            db.Dispose();
            var close = sw.Elapsed.TotalSeconds;
            DeleteDb(path);
            if (pass == 1) return (load, close, cpu.TotalSeconds);
        }
        throw new InvalidOperationException("unreachable");
    }

    private static void PeakMemory(BenchReport report, string exe, string template, string csv, string folder, int rows)
    {
        var path = Path.Combine(folder, "child.db");
        File.Copy(template, path);
        var psi = BenchProcess.Dotnet(exe, "--db", path, "feed", "load", csv, "--json");
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!p.WaitForExit(20))
        {
            try
            {
                p.Refresh();
                peak = Math.Max(peak, p.PeakWorkingSet64);
            }
            catch (InvalidOperationException)
            {
                break; // exited between the checks
            }
        }
        p.WaitForExit();
        sw.Stop();
        if (p.ExitCode != 0) report.Goal("child feed load", false, $"exit {p.ExitCode}: {stderr.Result}");
        report.Figure($"peak working set, {rows:N0} rows", $"{peak / 1e6:F0} MB");
        report.Goal("peak memory", peak > 0 && peak <= 150_000_000, $"{peak / 1e6:F0} MB (goal ≤ 150 MB)");
        _ = stdout.Result;
    }

    private static void StreamingLatency(BenchReport report, string exe, string template, string folder)
    {
        var path = Path.Combine(folder, "stream.db");
        File.Copy(template, path);
        SafetyConsole.Bench.StreamingLatency.Measure(report, "", exe, path, Environment.UserName);
    }

    /// <summary>An agency and 50 locations in 5 feeder patterns, like the demo district.</summary>
    internal static void SeedDistrict(SafetyDb db)
    {
        db.Write(tx =>
        {
            tx.Connection!.Execute("INSERT INTO agencies(code, name, kind) VALUES ('DIST', 'District', 'district')", transaction: tx);
            for (var i = 1; i <= 50; i++)
            {
                var zone = $"L{((i - 1) / 10 * 10) + 1:D2}";
                tx.Connection!.Execute("""
                    INSERT INTO locations(code, name, kind, zone, agency, lat, lon, bell_start, bell_end)
                    VALUES (@code, @name, 'elementary', @zone, 'DIST', @lat, @lon, '08:00', '14:30')
                    """, new { code = $"L{i:D2}", name = $"School {i}", zone, lat = 47.2 + i * 0.001, lon = -122.4 - i * 0.001 }, tx);
            }
        });
    }

    /// <summary>How many calls the `csvhelper` benchmark reads: the largest of FEED_BENCH_ROWS, else one million.</summary>
    internal static int Rows() => EndToEndRows().DefaultIfEmpty(1_000_000).Max();

    /// <summary>A CSV export in time order, as a CAD system writes it (also the `csvhelper` benchmark's input).</summary>
    internal static void Generate(string path, int rows)
    {
        var random = new Random(42);
        var t0 = new DateTimeOffset(2026, 9, 1, 7, 0, 0, TimeSpan.FromHours(-7));
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        w.WriteLine("external_id,source,received_at,location,type,priority,description,reporter_role,basis");
        var ci = CultureInfo.InvariantCulture;
        for (var i = 0; i < rows; i++)
        {
            var at = t0.AddSeconds(i * 2).ToString("yyyy-MM-dd'T'HH:mm:sszzz", ci);
            var priority = random.Next(3) == 0 ? "" : random.Next(1, 5).ToString(ci);
            var description = random.Next(10) == 0 ? "\"Caller reports, near the gym: two students\"" : $"Incident {i} reported near building {random.Next(1, 9)}";
            w.Write("CAD-");
            w.Write(i.ToString("D8", ci));
            w.Write(",911,");
            w.Write(at);
            w.Write(",L");
            w.Write(random.Next(1, 51).ToString("D2", ci));
            w.Write(',');
            w.Write(Types[random.Next(Types.Length)]);
            w.Write(',');
            w.Write(priority);
            w.Write(',');
            w.Write(description);
            w.Write(',');
            w.Write(Roles[random.Next(Roles.Length)]);
            w.WriteLine(random.Next(20) == 0 ? ",danger" : ",");
        }
    }

}
