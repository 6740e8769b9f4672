using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Bench;

/// <summary>
/// `feed load -` fed one JSON line at a time, as from `tail -f`: from the line written to the call readable by another
/// connection, p50/p99 per record (goal p99 ≤ 50 ms). Each record is its own commit (DESIGN §4), so on PostgreSQL each
/// pays its round trips (the staging COPY, the move into calls with its events, the commit). The first records warm the
/// JIT (on a busy 2-core box its background compiles delay a few records by a few hundred ms) and are printed apart.
/// The `feed` benchmark measures it on SQLite; `postgres`, part `stream`, on both backends (issue 17).
/// </summary>
internal static class StreamingLatency
{
    private const int Lines = 700, WarmUp = 300;

    /// <summary>On each store, a copy of a district made by <see cref="FeedLoadBenchmark.SeedDistrict"/>.</summary>
    public static void Run(BenchReport report, BenchStore[] stores)
    {
        var account = Environment.UserName;
        var exe = Environment.GetEnvironmentVariable("PG_BENCH_APP") is { Length: > 0 } app ? app : BenchProcess.SafetyConsoleDll();
        foreach (var store in stores)
        {
            var db = store.Template(account, FeedLoadBenchmark.SeedDistrict);
            try
            {
                Measure(report, $"{store.Backend}: ", exe, db, account);
            }
            finally
            {
                store.Delete(db);
            }
        }
    }

    /// <summary>Streams into <paramref name="db"/> (a store holding <see cref="FeedLoadBenchmark.SeedDistrict"/>); figures named after <paramref name="label"/>.</summary>
    public static void Measure(BenchReport report, string label, string exe, string db, string account)
    {
        var psi = BenchProcess.Dotnet(exe, "--db", db, "feed", "load", "-", "--json");
        psi.RedirectStandardInput = true;
        psi.StandardInputEncoding = new UTF8Encoding(false);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var reader = SafetyDb.Open(db, account);
        var clock = Stopwatch.StartNew();
        var written = new double[Lines];
        var seen = new double[Lines];
        var done = false;
        var poller = new Thread(() =>
        {
            long last = 0;
            var count = 0;
            while ((!Volatile.Read(ref done) || count < Lines) && clock.Elapsed < TimeSpan.FromMinutes(2))
            {
                foreach (var (id, ext) in reader.Connection.Query<(long Id, string Ext)>("SELECT id, external_id FROM calls WHERE id > @last ORDER BY id", new { last }))
                {
                    last = id;
                    seen[int.Parse(ext.AsSpan(2), CultureInfo.InvariantCulture)] = clock.Elapsed.TotalMilliseconds;
                    count++;
                }
                Thread.Sleep(1); // poll about every millisecond
            }
        }) { IsBackground = true };
        poller.Start();
        var random = new Random(7);
        for (var i = 0; i < Lines; i++)
        {
            written[i] = clock.Elapsed.TotalMilliseconds;
            p.StandardInput.WriteLine($$"""{"external_id":"S-{{i}}","source":"stream","received_at":"2026-11-23T18:00:00Z","location":"L01","type":"SUSP","description":"streamed"}""");
            p.StandardInput.Flush();
            Thread.Sleep(random.Next(2, 15)); // records arrive one by one
        }
        Volatile.Write(ref done, true);
        poller.Join();
        p.StandardInput.Close();
        p.WaitForExit();
        _ = stdout.Result;
        if (p.ExitCode != 0) report.Goal($"{label}streamed feed load", false, $"exit {p.ExitCode}: {stderr.Result}");
        var missing = Enumerable.Range(0, Lines).Count(i => seen[i] <= 0);
        if (missing > 0) report.Goal($"{label}every streamed record seen", false, $"{missing} of {Lines} never seen");
        double[] Latencies(int from, int to) =>
            Enumerable.Range(from, to - from).Where(i => seen[i] > 0).Select(i => seen[i] - written[i]).Order().ToArray();
        var cold = Latencies(0, WarmUp);
        var steady = Latencies(WarmUp, Lines);
        if (cold.Length > 0) report.Figure($"{label}streaming, first {WarmUp} (JIT warming) p50 / p99", $"{P(cold, 0.5):F1} / {P(cold, 0.99):F1} ms");
        if (steady.Length == 0) return;
        report.Figure($"{label}streaming, next {Lines - WarmUp} p50 / p99 / max", $"{P(steady, 0.5):F1} / {P(steady, 0.99):F1} / {steady[^1]:F1} ms (line written → call readable by another connection)");
        report.Goal($"{label}streaming latency", P(steady, 0.99) <= 50, $"p99 {P(steady, 0.99):F1} ms (goal ≤ 50 ms)");
    }

    private static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
