using System.Diagnostics;
using System.Globalization;
using Dapper;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Bench;

/// <summary>
/// `status`: `safety-console status --json` on a database of 100,000 calls (STATUS_BENCH_CALLS for quick runs), wall
/// time of the whole process as deployed (ReadyToRun publish), beside a .NET hello world started the same way
/// (`dotnet X.dll`) in the same run.
/// Goal: at most 4 times the hello world (issue 6).
/// </summary>
public sealed class StatusBenchmark : IBenchmark
{
    public string Name => "status";

    public string Goal => "status --json on 100,000 calls ≤ 4 × a .NET hello world (wall time, process start included)";

    public void Run(BenchReport report)
    {
        var calls = int.TryParse(Environment.GetEnvironmentVariable("STATUS_BENCH_CALLS"), out var n) ? n : 100_000;
        var folder = Directory.CreateTempSubdirectory("safety-status-bench").FullName;
        try
        {
            var path = Path.Combine(folder, "safety.db");
            var account = Environment.UserName;
            var at = new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero);
            using (var db = SafetyDb.Open(path, account, create: true))
            {
                DistrictImport.Run(db, DistrictSource.Demo, account, at);
                Fill(db, calls, at);
            }
            report.Figure("calls in the database", calls.ToString("N0", CultureInfo.InvariantCulture));

            // The product as deployed (ReadyToRun); the hello world is started the same way, `dotnet X.dll`.
            var dll = BenchProcess.PublishSafetyConsole(Path.Combine(folder, "app"));
            var hello = typeof(StatusBenchmark).Assembly.Location;
            var status = Median(() => BenchProcess.Dotnet(dll, "status", "--json", "--db", path, "--at", at.ToString("O")));
            var baseline = Median(() => BenchProcess.Dotnet(hello, "hello"));
            report.Figure("status --json (median of 7)", $"{status:F0} ms");
            report.Figure(".NET hello world (median of 7)", $"{baseline:F0} ms");
            var ratio = status / baseline;
            report.Figure("ratio", ratio.ToString("F2", CultureInfo.InvariantCulture));
            report.Goal("status --json ≤ 4 × hello world", ratio <= 4, $"{ratio:F2} ×");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Median wall time in ms of 7 runs after one warm-up (the file cache, not the JIT: every run is a new process).</summary>
    private static double Median(Func<ProcessStartInfo> start)
    {
        var times = new List<double>();
        for (var i = 0; i < 8; i++)
        {
            var sw = Stopwatch.StartNew();
            using var p = Process.Start(start())!;
            var err = p.StandardError.ReadToEndAsync();
            _ = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            sw.Stop();
            if (p.ExitCode != 0) throw new InvalidOperationException($"exit {p.ExitCode}: {err.Result}");
            if (i > 0) times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }

    /// <summary>A realistic history: mostly cleared calls over 60 days, a few hundred still open, all through one prepared insert.</summary>
    private static void Fill(SafetyDb db, int count, DateTimeOffset at)
    {
        var locations = db.Connection.Query<string>("SELECT code FROM locations").ToArray();
        string[] types = ["FIGHT", "SUSP", "WELFARE", "THREATS", "ALRBA", "TRAFFIC", "DISCIPLINE", "TRESPASS"];
        string[] open = ["PENDING", "ASSIGNED", "EN_ROUTE", "ESCALATED", "NEW"];
        var random = new Random(7);
        db.Write(tx =>
        {
            using var cmd = ((Microsoft.Data.Sqlite.SqliteConnection)db.Connection).CreateCommand();
            cmd.Transaction = (Microsoft.Data.Sqlite.SqliteTransaction)tx;
            cmd.CommandText = """
                INSERT INTO calls(source, external_id, received_at, location, type, priority, description, status, class, deadline, created_at, updated_at, response_date, deadline_met)
                VALUES ('bench', $ext, $at, $loc, $type, $p, 'generated', $status, 'CAMPUS', $deadline, $at, $at, $date, $met)
                """;
            var ext = cmd.Parameters.Add("$ext", Microsoft.Data.Sqlite.SqliteType.Text);
            var when = cmd.Parameters.Add("$at", Microsoft.Data.Sqlite.SqliteType.Text);
            var loc = cmd.Parameters.Add("$loc", Microsoft.Data.Sqlite.SqliteType.Text);
            var type = cmd.Parameters.Add("$type", Microsoft.Data.Sqlite.SqliteType.Text);
            var p = cmd.Parameters.Add("$p", Microsoft.Data.Sqlite.SqliteType.Integer);
            var status = cmd.Parameters.Add("$status", Microsoft.Data.Sqlite.SqliteType.Text);
            var deadline = cmd.Parameters.Add("$deadline", Microsoft.Data.Sqlite.SqliteType.Text);
            var date = cmd.Parameters.Add("$date", Microsoft.Data.Sqlite.SqliteType.Text);
            var met = cmd.Parameters.Add("$met", Microsoft.Data.Sqlite.SqliteType.Integer);
            cmd.Prepare();
            for (var i = 0; i < count; i++)
            {
                var received = at.AddSeconds(-random.Next(0, 60 * 86_400));
                ext.Value = "B" + i.ToString(CultureInfo.InvariantCulture);
                when.Value = TimeText.ToDb(received);
                loc.Value = locations[random.Next(locations.Length)];
                type.Value = types[random.Next(types.Length)];
                p.Value = random.Next(1, 5);
                status.Value = i % 250 == 0 ? open[random.Next(open.Length)] : "CLEARED";
                deadline.Value = TimeText.ToDb(received.AddMinutes(3));
                date.Value = TimeText.ToDb(DateOnly.FromDateTime(received.AddHours(-8).DateTime));
                met.Value = random.Next(4) == 0 ? 0 : 1;
                cmd.ExecuteNonQuery();
            }
        });
    }
}
