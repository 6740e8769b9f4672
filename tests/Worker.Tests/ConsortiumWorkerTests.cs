using Dapper;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests;
using static SafetyConsole.Data.Tests.Seed.TestDistrictSeed;

namespace SafetyConsole.Worker.Tests;

/// <summary>A consortium (issue 17): a worker started for one district's schema acts on its calls and never on another district's.</summary>
[Trait(Slow.Category, Slow.Value)]
public class ConsortiumWorkerTests
{
    [Fact]
    public async Task A_worker_on_district_A_acts_on_As_calls_and_never_touches_district_B()
    {
        using var consortium = new PgConsortium();
        using var a = SafetyDb.Open(consortium.District("district_a"), TestDb.Account, create: true);
        using var b = SafetyDb.Open(consortium.District("district_b"), TestDb.Account, create: true);
        var t0 = SchoolDay(10, 0);
        foreach (var db in new[] { a, b })
        {
            Operators.Add(db, TestDb.Account, WorkerAccount.Os, OperatorRole.Service, db.Clock.GetUtcNow());
            Seed(db);
            // The same external id, location and officers in both: only the schema tells them apart.
            AddCall(db, "CAD-1", t0, "AHS", "FIGHT");
            AddCall(db, "CAD-2", t0.AddSeconds(30), "BHS", "TRESPASS");
        }
        string Everything(SafetyDb db) => string.Join("\n",
            db.Connection.Query<string>("SELECT id || ' ' || status || ' ' || coalesce(assigned_to, '-') FROM calls ORDER BY id")
                .Concat(db.Connection.Query<string>("SELECT id || ' ' || kind || ' ' || coalesce(call_id::text, '-') FROM events ORDER BY id"))
                .Concat(db.Connection.Query<string>("SELECT badge || ' ' || status FROM officers ORDER BY badge")));
        var before = Everything(b);

        var (code, stdout, stderr) = await WorkerProcess.Run(["--db", consortium.District("district_a"), "--once", "--at", Iso(t0.AddMinutes(20))]);
        Assert.True(code == 0, $"exit {code}: {stderr}");
        Assert.Contains("call 1: ", stdout, StringComparison.Ordinal);
        Assert.Equal(0, a.Connection.ExecuteScalar<long>("SELECT count(*) FROM calls WHERE status = 'NEW'"));
        Assert.True(a.Connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE actor = 'worker'") >= 2);
        Assert.Equal(before, Everything(b));
    }
}
