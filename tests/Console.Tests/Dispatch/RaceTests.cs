using System.Diagnostics;
using Dapper;
using SafetyConsole.Data.Tests;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Tests.Dispatch;

/// <summary>
/// Real processes racing (DESIGN §6): every action is a conditional update with its event in one transaction,
/// so of many processes taking one officer, or one call, exactly one wins and the others are told who did.
/// </summary>
[Trait(Slow.Category, Slow.Value)]
public class RaceTests
{
    private const int Racers = 8;

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: the advisory write lock and the conditional updates, across processes
    public void Many_processes_assigning_one_officer_to_different_calls_exactly_one_wins(StoreBackend backend)
    {
        for (var round = 0; round < 2; round++)
        {
            using var cli = ProcessRunner(backend);
            var calls = Enumerable.Range(0, Racers).Select(_ => DemoCalls.Add(cli, "LHS", "FIGHT")).ToList();
            var results = RunAll(calls.Select(id => new[] { "assign", id.ToString(), "CSO-01" }), cli);

            var winners = results.Where(r => r.Exit == 0).ToList();
            Assert.Single(winners);
            Assert.All(results.Where(r => r.Exit != 0), r =>
            {
                Assert.Equal(1, r.Exit);
                Assert.Contains("CSO-01", r.Stderr, StringComparison.Ordinal);
            });
            using var db = cli.OpenDb();
            Assert.Equal(1, db.Connection.ExecuteScalar<long>("SELECT count(*) FROM calls WHERE assigned_to = 'CSO-01'"));
            Assert.Equal(1, db.Connection.ExecuteScalar<long>("SELECT count(*) FROM assignments WHERE badge = 'CSO-01'"));
            Assert.Equal(1, db.Connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE kind = 'call.assigned'"));
        }
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)]
    public void Many_processes_taking_one_call_exactly_one_wins_and_the_others_are_told_who(StoreBackend backend)
    {
        for (var round = 0; round < 2; round++)
        {
            using var cli = ProcessRunner(backend);
            var id = DemoCalls.Add(cli, "LHS", "FIGHT").ToString();
            string[] officers = ["CSO-01", "CSS-1", "CSS-5"]; // the eligible CAMPUS candidates for LHS
            var results = RunAll(Enumerable.Range(0, Racers).Select(i => new[] { "assign", id, officers[i % officers.Length] }), cli);

            Assert.Single(results, r => r.Exit == 0);
            using var db = cli.OpenDb();
            var winner = db.Connection.ExecuteScalar<string>("SELECT assigned_to FROM calls WHERE id = @id", new { id = long.Parse(id) });
            Assert.All(results.Where(r => r.Exit != 0), r =>
            {
                Assert.Equal(1, r.Exit);
                Assert.Contains($"ASSIGNED to {winner}", r.Stderr, StringComparison.Ordinal);
            });
            Assert.Equal(1, db.Connection.ExecuteScalar<long>("SELECT count(*) FROM assignments"));
            Assert.Equal(1, db.Connection.ExecuteScalar<long>("SELECT count(*) FROM officers WHERE status = 'ASSIGNED'"));
        }
    }

    /// <summary>A demo database created by this OS account, so the child processes (which read the OS login, R10) are its supervisor.</summary>
    private static CliRunner ProcessRunner(StoreBackend backend)
    {
        var cli = new CliRunner(Environment.UserName, backend: backend);
        Assert.Equal(0, cli.Run("init", "--demo").ExitCode);
        return cli;
    }

    private sealed record ProcessResult(int Exit, string Stdout, string Stderr);

    private static List<ProcessResult> RunAll(IEnumerable<string[]> argLists, CliRunner cli)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "safety-console.dll");
        Assert.True(File.Exists(dll), $"the built safety-console is missing at {dll}");
        var processes = argLists.Select(args =>
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(dll);
            foreach (var a in args) psi.ArgumentList.Add(a);
            psi.ArgumentList.Add("--db");
            psi.ArgumentList.Add(cli.DbPath);
            psi.ArgumentList.Add("--at");
            psi.ArgumentList.Add(cli.Time.GetUtcNow().ToString("O"));
            return Process.Start(psi)!;
        }).ToList();
        return processes.Select(p =>
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            Assert.True(p.WaitForExit(TimeSpan.FromSeconds(60)), "a racing process did not finish within a minute");
            return new ProcessResult(p.ExitCode, stdout.Result, stderr.Result);
        }).ToList();
    }
}
