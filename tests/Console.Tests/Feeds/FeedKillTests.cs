using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Dapper;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests;

namespace SafetyConsole.Cli.Tests.Feeds;

/// <summary>Crash safety: a real `safety-console feed load` killed mid-way and run again leaves exactly one copy of every good row.</summary>
[Trait(SqliteOnly.Category, SqliteOnly.Value)] // SQLite-only by nature: kill -9 of `feed load` while it writes the file, watched through the file
[Trait(Slow.Category, Slow.Value)]
public class FeedKillTests
{
    private const int Rows = 200_000;

    [Fact]
    public void A_load_killed_mid_way_and_run_again_leaves_each_row_exactly_once()
    {
        using var cli = new FeedCli(Environment.UserName); // the child process runs as this account: make it the supervisor
        var csv = Path.Combine(cli.Folder, "big.csv");
        using (var w = new StreamWriter(csv, false, new UTF8Encoding(false)))
        {
            w.WriteLine("external_id,received_at,location,type,description");
            var t0 = new DateTime(2026, 9, 1, 15, 0, 0, DateTimeKind.Utc);
            for (var i = 0; i < Rows; i++)
                w.WriteLine($"K{i:D7},{t0.AddSeconds(i):yyyy-MM-ddTHH:mm:ss}Z,LHS,SUSP,row {i}");
        }

        var killedAt = new List<long>();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var watch = Watch(cli.DbPath);
            var before = Count(watch);
            using var p = Start(cli.DbPath, csv);
            // Kill as soon as at least one more batch has committed: mid-way through the file.
            Eventually.That(() => p.HasExited || Count(watch) > before + 1, TimeSpan.FromMinutes(3), () => "no batch committed within 3 minutes",
                every: TimeSpan.FromMilliseconds(10));
            if (p.HasExited) Assert.Fail($"the load ended (exit {p.ExitCode}) before it could be killed: {p.StandardError.ReadToEnd()}");
            var seen = Count(watch);
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            killedAt.Add(Count(watch));
            Assert.True(killedAt[^1] < Rows, $"attempt {attempt}: saw {seen} rows, {killedAt[^1]} after the kill: it was not killed mid-way");
        }
        Assert.True(killedAt[^1] < Rows, "the loads were not killed mid-way");

        using (var p = Start(cli.DbPath, csv))
        {
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, $"exit {p.ExitCode}: {p.StandardError.ReadToEnd()}");
            using var doc = JsonDocument.Parse(output);
            var r = doc.RootElement;
            Assert.Equal(Rows, r.GetProperty("read").GetInt32());
            Assert.Equal(killedAt[^1], r.GetProperty("duplicates").GetInt32());
            Assert.Equal(Rows - killedAt[^1], r.GetProperty("loaded").GetInt32());
        }

        using var db = SafetyDb.Open(cli.DbPath, Environment.UserName);
        Assert.Equal((long)Rows, db.Connection.ExecuteScalar<long>("SELECT count(*) FROM calls"));
        Assert.Equal((long)Rows, db.Connection.ExecuteScalar<long>("SELECT count(DISTINCT external_id) FROM calls"));
        Assert.Equal(0L, db.Connection.ExecuteScalar<long>("SELECT count(*) FROM calls WHERE external_id NOT LIKE 'K%'"));
        // Every committed batch's rows are matched by its feed.loaded event (rows and accounting commit together).
        Assert.Equal((long)Rows, db.Connection.Query<string>("SELECT detail FROM events WHERE kind = 'feed.loaded'")
            .Sum(d => long.Parse(d.Split("loaded=")[1].Split(';')[0], System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>One reading connection for the whole test: each query sees the latest committed batch.</summary>
    private static Microsoft.Data.Sqlite.SqliteConnection Watch(string dbPath)
    {
        var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={dbPath};Pooling=false");
        c.Open();
        c.Execute("PRAGMA busy_timeout = 10000");
        return c;
    }

    private static long Count(Microsoft.Data.Sqlite.SqliteConnection c) => c.ExecuteScalar<long>("SELECT count(*) FROM calls");

    private static Process Start(string dbPath, string csv)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { SafetyConsoleDll(), "--db", dbPath, "feed", "load", csv, "--json" }) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    /// <summary>src/Console/bin/CONFIG/net10.0/safety-console.dll of this checkout (built with the tests, which reference it).</summary>
    internal static string SafetyConsoleDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        var config = dir.Parent!.Name; // .../bin/CONFIG/net10.0/
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SafetyConsole.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var dll = Path.Combine(dir.FullName, "src", "Console", "bin", config, "net10.0", "safety-console.dll");
        Assert.True(File.Exists(dll), $"build src/Console first: {dll} is missing");
        return dll;
    }
}
