using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SafetyConsole.Bench;

/// <summary>
/// `csvhelper`: settles "CsvHelper 33.0.1 (pinned) or 34.0.0" for the hot path, reading the `feed` benchmark's CSV of
/// one million calls (FEED_BENCH_ROWS for quick runs) the way the product's CsvSource needs it: header → field index
/// map, per record the field count, the 9 fields as strings and its physical start line, blank lines skipped.
/// Each version parses in its own Release child process (bench/CsvHelper33, bench/CsvHelper34: they reference
/// different versions through VersionOverride, so they cannot share a process), 3 runs of each variant, interleaved;
/// the median is compared. Then both read small tricky inputs and their records are compared line by line, and both
/// read records streamed through a pipe. Goal: keep the pinned version unless the other parses more than 10% faster
/// and hands each streamed record over as it arrives.
/// </summary>
public sealed class CsvHelperBenchmark : IBenchmark
{
    private const int Runs = 3;

    public string Name => "csvhelper";

    public string Goal =>
        "CsvHelper choice: keep the pinned 33.0.1 unless 34.0.0 parses the feed CSV more than 10% faster (rows/s, median of 3) and streams records as they arrive";

    private sealed record Variant(string Label, string Dll, params string[] Args)
    {
        public List<Result> Results { get; } = [];

        public Result Median => Results.OrderBy(r => r.Seconds).ElementAt(Results.Count / 2);

        public Result Best => Results.MinBy(r => r.Seconds)!;
    }

    /// <summary>The child's one line: `version=… mode=… rows=N … seconds=S cpuSeconds=S … allocatedMB=M checksum=C`.</summary>
    private sealed record Result(long Rows, long WrongCount, double Seconds, double CpuSeconds, double AllocatedMB, long Checksum)
    {
        public static Result Parse(string line)
        {
            var f = line.Trim().Split(' ').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
            var ci = CultureInfo.InvariantCulture;
            return new Result(long.Parse(f["rows"], ci), long.Parse(f["wrongCount"], ci), double.Parse(f["seconds"], ci),
                double.Parse(f["cpuSeconds"], ci), double.Parse(f["allocatedMB"], ci), long.Parse(f["checksum"], ci));
        }

        public double RowsPerSecond => Rows / Seconds;
    }

    public void Run(BenchReport report)
    {
        var rows = FeedLoadBenchmark.Rows();
        var folder = Directory.CreateTempSubdirectory("safety-bench-csvhelper").FullName;
        try
        {
            var v33 = BenchProcess.BuildRelease("bench/CsvHelper33");
            var v34 = BenchProcess.BuildRelease("bench/CsvHelper34");
            var csv = Path.Combine(folder, "calls.csv");
            FeedLoadBenchmark.Generate(csv, rows);
            report.Figure("rows", rows.ToString("N0", CultureInfo.InvariantCulture));
            report.Figure("file", $"{new FileInfo(csv).Length / 1e6:F1} MB (the `feed` benchmark's generator)");

            var product = new Variant("33.0.1 CsvParser, start line as today", v33, "--raw-start-line");
            var pinned = new Variant("33.0.1 CsvParser", v33);
            var strings = new Variant("34.0.0 CsvReader, strings", v34);
            var pooled = new Variant("34.0.0 CsvReader, PoolStrings", v34, "--pooled");
            var spans = new Variant("34.0.0 CsvReader, spans only", v34, "--spans");
            Variant[] all = [product, pinned, strings, pooled, spans];
            for (var run = 0; run < Runs; run++) // interleaved, so a burst of load elsewhere on the box hits every variant alike
                foreach (var v in all)
                    v.Results.Add(Result.Parse(BenchProcess.Output(BenchProcess.Dotnet(v.Dll, [csv, .. v.Args]))));

            foreach (var v in all)
            {
                var m = v.Median;
                report.Figure(v.Label, string.Create(CultureInfo.InvariantCulture,
                    $"{m.RowsPerSecond:N0} rows/s, {m.Seconds:F2} s (runs {string.Join(" ", v.Results.Select(r => r.Seconds.ToString("F2", CultureInfo.InvariantCulture)))}), " +
                    $"CPU {m.CpuSeconds:F2} s, {m.AllocatedMB:F0} MB allocated ({m.AllocatedMB * 1048576 / Math.Max(1, m.Rows):F0} B/row)"));
            }
            var same = all.All(v => v.Results.All(r => r.Rows == rows && r.WrongCount == 0 && r.Checksum == pinned.Results[0].Checksum));
            if (!same) report.Goal("every variant read the same records", false, "rows or checksums differ; see the children's lines above");

            var best34 = new[] { strings, pooled }.MaxBy(v => v.Median.RowsPerSecond)!;
            var ratio = best34.Median.RowsPerSecond / pinned.Median.RowsPerSecond;
            report.Figure("ratio 34/33 (rows/s, strings)", string.Create(CultureInfo.InvariantCulture,
                $"{ratio:F2} by median ({best34.Label} / {pinned.Label}); best runs {pinned.Best.Seconds / best34.Best.Seconds:F2}, " +
                $"CPU {pinned.Median.CpuSeconds / best34.Median.CpuSeconds:F2}; 33 with today's start line: {product.Median.RowsPerSecond / pinned.Median.RowsPerSecond:F2}×"));
            report.Figure("ratio 34 spans / 34 strings", string.Create(CultureInfo.InvariantCulture,
                $"{spans.Median.RowsPerSecond / strings.Median.RowsPerSecond:F2}× rows/s, {spans.Median.AllocatedMB:F0} MB instead of {strings.Median.AllocatedMB:F0} MB allocated (what a span-based validator would save)"));

            var differing = Parity(report, Path.Combine(folder, "parity"), v33, v34);
            var streams33 = Streamed(v33);
            var streams34 = Streamed(v34);
            report.Figure("parity: streamed through a pipe", $"33 {streams33.Shown}; 34 {streams34.Shown}");

            // The choice: keep the pinned version unless the other parses more than 10% faster and hands each streamed
            // record over as it arrives (`feed load -` commits each record as it arrives; FeedLoadTests has a CSV case).
            var ci = CultureInfo.InvariantCulture;
            var (met, detail) = (ratio <= 1.10, streams34.AsItArrives) switch
            {
                (true, _) => (true, string.Create(ci, $"33.0.1 is kept: 34.0.0 parses only {ratio:F2}× as fast (not more than 10% faster)")),
                (false, false) => (true, string.Create(ci,
                    $"33.0.1 is kept: 34.0.0 parses {ratio:F2}× as fast, but holds a streamed record until more input or the end comes, and `feed load -` commits each record as it arrives")),
                (false, true) => (false, string.Create(ci, $"34.0.0 parses {ratio:F2}× as fast as the pinned 33.0.1 (more than 10%) and streams as well: port")),
            };
            report.Goal("CsvHelper choice", met, string.Create(ci, $"{detail}; {differing} of {Cases.Length} tricky inputs read differently (above)"));
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private const string Header = "external_id,source,received_at,location,type,priority,description,reporter_role,basis";

    private static string Row(int i, string description = "plain") => $"A{i},911,2026-09-01T07:00:00-07:00,L01,FIGHT,1,{description},staff,";

    /// <summary>Small inputs where CSV readers are known to disagree; each is read by both versions and compared record by record.</summary>
    private static readonly (string Name, string Text)[] Cases =
    [
        ("quoted commas", $"{Header}\n{Row(1, "\"near the gym, two students\"")}\n{Row(2, "\"a,b,c\"")}\n"),
        ("escaped and stray quotes", $"{Header}\n{Row(1, "\"he said \"\"stop\"\"\"")}\n{Row(2, "\"\"\"\"")}\n{Row(3, "ab\"c")}\n{Row(4, "\"ab\"c")}\n"),
        ("quoted line breaks (start lines)", $"{Header}\n{Row(1, "\"line one\nline two\"")}\n{Row(2, "\"crlf\r\ninside\"")}\n{Row(3, "\"three\n\nlines\"")}\n{Row(4)}\n"),
        ("CRLF line ends", $"{Header}\r\n{Row(1)}\r\n{Row(2, "\"x\r\ny\"")}\r\n{Row(3)}\r\n"),
        ("UTF-8 BOM", $"\uFEFF{Header}\n{Row(1)}\n"),
        ("blank, whitespace-only lines", $"\n{Header}\n\n{Row(1)}\n\n\n{Row(2)}\n   \n\t\n{Row(3)}\n\"\"\n{Row(4)}\n\n"),
        ("wrong field counts", $"{Header}\n{Row(1)}\nA2,911,too,few\n{Row(3)},extra\n{Row(4)}\n"),
        ("spaces around fields", $"{Header}\n A1 , 911 ,2026-09-01T07:00:00-07:00,L01,FIGHT,1,  \" padded quoted \"  ,staff,\n{Row(2)}\n"),
        ("non-ASCII text", $"{Header}\n{Row(1, "\"café, naïve – 日本 🚓\"")}\n"),
        ("no final line break", $"{Header}\n{Row(1)}"),
        ("empty input", ""),
        ("first line sep=; (Excel)", $"sep=;\n{Header}\n{Row(1)}\n"),
        ("semicolons in the data", $"{Header}\n{Row(1, "\"a;b;c;d;e;f;g;h;i;j\"")}\n{Row(2, "x;y;z")}\n"),
        ("unclosed quote near the end", $"{Header}\n{Row(1)}\n{Row(2, "\"never closed")}\n{Row(3)}\n"),
        ("unclosed quote + 2.4 MB (guard)",
            $"{Header}\n{Row(1)}\n{Row(2, "\"never closed")}\n" + string.Concat(Enumerable.Range(3, 40_000).Select(i => Row(i) + "\n"))),
    ];

    /// <summary>When each streamed record came out after it was written; "as it arrives" is within a second.</summary>
    private sealed record Streaming(long[] Milliseconds)
    {
        public bool AsItArrives => Milliseconds.All(ms => ms < 1000);

        public string Shown => (AsItArrives ? "hands each record over as it arrives" : "holds each record until more input or the end comes") +
            $" (after {string.Join(", ", Milliseconds.Select(ms => ms.ToString("N0", CultureInfo.InvariantCulture)))} ms)";
    }

    /// <summary>
    /// Streams the header and then records one by one into the parser's standard input, as `tail -f calls.csv |
    /// safety-console feed load -` does: each record is written when the one before came out, or after 2 s.
    /// </summary>
    private static Streaming Streamed(string dll)
    {
        const int Records = 3;
        var psi = BenchProcess.Dotnet(dll, "-", "--dump");
        psi.RedirectStandardInput = true;
        psi.StandardInputEncoding = new UTF8Encoding(false);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var seen = new ConcurrentDictionary<int, long>();
        var clock = Stopwatch.StartNew();
        p.OutputDataReceived += (_, e) =>
        {
            // "LINE: [...]": the record that starts on LINE is record LINE - 1.
            if (e.Data is { } line && int.TryParse(line.AsSpan(0, Math.Max(0, line.IndexOf(':'))), CultureInfo.InvariantCulture, out var n))
                seen.TryAdd(n - 1, clock.ElapsedMilliseconds);
        };
        p.BeginOutputReadLine();
        p.StandardInput.Write(Header + "\n");
        var written = new long[Records];
        for (var i = 1; i <= Records; i++)
        {
            written[i - 1] = clock.ElapsedMilliseconds;
            p.StandardInput.Write(Row(i) + "\n");
            p.StandardInput.Flush();
            while (!seen.ContainsKey(i) && clock.ElapsedMilliseconds - written[i - 1] < 2000) Thread.Sleep(1);
        }
        p.StandardInput.Close();
        p.WaitForExit(); // also waits for the last output lines
        if (p.ExitCode != 0 || seen.Count < Records) throw new InvalidOperationException($"{dll} exited {p.ExitCode} after {seen.Count} of {Records} streamed records: {stderr.Result}");
        return new Streaming(Enumerable.Range(1, Records).Select(i => seen[i] - written[i - 1]).ToArray());
    }

    /// <summary>Reads every case with both versions (--dump) and prints same/differs; returns how many differ.</summary>
    private static int Parity(BenchReport report, string folder, string v33, string v34)
    {
        Directory.CreateDirectory(folder);
        var differing = 0;
        for (var i = 0; i < Cases.Length; i++)
        {
            var (name, text) = Cases[i];
            var path = Path.Combine(folder, $"case{i}.csv");
            File.WriteAllText(path, text, new UTF8Encoding(false));
            var a = Lines(BenchProcess.Output(BenchProcess.Dotnet(v33, path, "--dump")));
            var b = Lines(BenchProcess.Output(BenchProcess.Dotnet(v34, path, "--dump")));
            var at = Enumerable.Range(0, Math.Max(a.Length, b.Length)).FirstOrDefault(k => k >= a.Length || k >= b.Length || !string.Equals(a[k], b[k], StringComparison.Ordinal), -1);
            if (at < 0)
            {
                report.Figure("parity: " + name, $"same ({a.Length} record(s))");
                continue;
            }
            differing++;
            report.Figure("parity: " + name, $"DIFFERS: 33 «{Shown(a, at)}», 34 «{Shown(b, at)}»");
        }
        return differing;

        static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        static string Shown(string[] lines, int k) => k < lines.Length ? (lines[k].Length > 90 ? lines[k][..90] + "…" : lines[k]) : "(no record)";
    }
}
