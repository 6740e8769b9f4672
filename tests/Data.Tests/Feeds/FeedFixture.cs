using System.Text;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Feeds;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests.TestDistricts;

namespace SafetyConsole.Data.Tests.Feeds;

/// <summary>A fresh database holding THE test district (by `district import`) with two schools (LHS, MMS) and two officers, and helpers to load feed text into it.</summary>
internal sealed class FeedFixture : IDisposable
{
    public static readonly DateTimeOffset LoadTime = new(2026, 11, 23, 18, 0, 0, TimeSpan.Zero);

    /// <param name="vary">Changes a fact of the district before it is imported (e.g. the school year).</param>
    /// <param name="backend">Where the store is (issue 17): a SQLite file, or a PostgreSQL database.</param>
    public FeedFixture(Action<TestDistrictBuilder>? vary = null, StoreBackend backend = StoreBackend.Sqlite)
    {
        Test = new TestDb(backend);
        var district = TestDistrictBuilder.Create()
            .WithLocations(
                new("LHS", "Lincoln High", "high", "LHS", TestDistrictBuilder.Police, 47.2, -122.4, "", new(7, 30), new(14, 30), ""),
                new("MMS", "Mason Middle", "middle", "LHS", TestDistrictBuilder.Police, 47.25, -122.45, "", new(8, 0), new(15, 0), ""))
            .Officer(new("CSO-1", "Ana Ortiz", Role.CSO, TestDistrictBuilder.DistrictSafety, "LHS", OfficerStatus.Available))
            .Officer(new("CSS-2", "Ben Li", Role.CSS, TestDistrictBuilder.DistrictSafety, "LHS", OfficerStatus.Available));
        vary?.Invoke(district);
        district.Import(Db, ImportedAt);
    }

    /// <summary>When the district was imported: before any feed the tests load.</summary>
    public static readonly DateTimeOffset ImportedAt = new(2026, 8, 1, 0, 0, 0, TimeSpan.Zero);

    public TestDb Test { get; }
    public SafetyDb Db => Test.Db;
    public FakeTimeProvider Time { get; } = new(LoadTime);

    public FeedOptions Options(string? source = null, FeedFormat? format = null, int batch = 5000) =>
        new(TestDb.Account, Time) { Source = source, Format = format, BatchSize = batch };

    /// <summary>Loads <paramref name="text"/> as if it were a file named <paramref name="name"/>.</summary>
    public FeedSummary Calls(string text, string name = "calls.csv", FeedOptions? options = null)
    {
        using var input = FeedInput.FromStream(new MemoryStream(Encoding.UTF8.GetBytes(text)), name, Path.GetFileNameWithoutExtension(name), mayWait: false);
        return CallFeed.Load(Db, input, options ?? Options());
    }

    public FeedSummary Positions(string text, string name = "pings.csv")
    {
        using var input = FeedInput.FromStream(new MemoryStream(Encoding.UTF8.GetBytes(text)), name, "pings", mayWait: false);
        return PositionFeed.Load(Db, input, Options());
    }

    /// <summary>R10: inbox files are loaded on behalf of their Unix owner (the account running the tests); make it an operator who may load feeds.</summary>
    public void DropperMayLoad(OperatorRole role = OperatorRole.Dispatcher) =>
        Operators.Add(Db, TestDb.Account, Environment.UserName, role, Db.Clock.GetUtcNow());

    public long Count(string sql) => Db.Connection.ExecuteScalar<long>(sql);

    public string? Text(string sql) => Db.Connection.ExecuteScalar<string?>(sql);

    public const string Header = "external_id,received_at,location,type,priority,description,reporter_role,basis";

    /// <summary>A CSV file: the header and the given rows.</summary>
    public static string Csv(params string[] rows) => Header + "\n" + string.Join("\n", rows) + "\n";

    public static string Good(string id, string type = "FIGHT") => $"{id},2026-11-23T10:05:00-08:00,LHS,{type},,Two students fighting,teacher,";

    public void Dispose() => Test.Dispose();
}
