using SafetyConsole.Data.Store;
using Dapper;
using SafetyConsole.Data.Tests;
using SafetyConsole.Data.Tests.Seed;

namespace SafetyConsole.Worker.Tests;

/// <summary>`safety-worker --once --inbox DIR` (DESIGN §4b): dropped feed files are loaded, moved and decided in one run.</summary>
public class InboxWorkerTests
{
    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: the worker's inbox on the second backend
    public void A_dropped_file_is_loaded_moved_to_processed_and_its_calls_classified(StoreBackend backend)
    {
        using var t = new TestDb(backend);
        WorkerAccount.Allow(t);
        TestDistrictSeed.Seed(t.Db);
        var inbox = Path.Combine(t.Folder, "inbox");
        Directory.CreateDirectory(inbox);
        File.WriteAllText(Path.Combine(inbox, "cad.csv"),
            "external_id,received_at,location,type,description\nX1,2026-11-23T10:00:00-08:00,AHS,FIGHT,Fight at lunch\n");
        File.WriteAllText(Path.Combine(inbox, "cad2.csv.tmp"), "external_id,received_at\nstill being written");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = Program.Run(["--db", t.FilePath, "--once", "--inbox", inbox, "--at", "2026-11-23T10:00:30-08:00"], stdout, stderr, TimeProvider.System, WorkerAccount.Os);

        Assert.True(exit == 0, stderr.ToString());
        Assert.Contains("inbox cad.csv: Read 1 record(s): 1 loaded", stdout.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(inbox, "processed", "cad.csv")));
        Assert.True(File.Exists(Path.Combine(inbox, "processed", "cad.csv.receipt.json")));
        Assert.True(File.Exists(Path.Combine(inbox, "cad2.csv.tmp")), "a file still being written (.tmp) is left alone");
        // The same run's pass classified the new call (R1/R5): PENDING with a deadline.
        Assert.Equal("PENDING", t.Db.Connection.ExecuteScalar<string>("SELECT status FROM calls WHERE external_id = 'X1'"));
    }
}
