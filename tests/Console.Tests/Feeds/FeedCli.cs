using Dapper;
using Microsoft.Extensions.Time.Testing;
using SafetyConsole.Cli.App;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests.TestDistricts;

namespace SafetyConsole.Cli.Tests.Feeds;

/// <summary>
/// Runs `safety-console` commands in-process against a fresh database seeded with THE test district (one school, LHS) (kept private to the
/// feed tests; a general runner may exist elsewhere).
/// </summary>
internal sealed class FeedCli : IDisposable
{
    public const string Supervisor = "alice";

    public FeedCli(string creator = Supervisor)
    {
        Folder = Path.Combine(Path.GetTempPath(), "safety-cli-feed-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        DbPath = Path.Combine(Folder, "safety.db");
        using var db = SafetyDb.Open(DbPath, creator, create: true);
        Seed(db, creator);
    }

    public string Folder { get; }
    public string DbPath { get; }

    /// <summary>THE test district (by `district import`, as <paramref name="creator"/>) with one school, LHS, and one officer.</summary>
    public static void Seed(SafetyDb db, string creator = Supervisor) => TestDistrictBuilder.Create()
        .WithLocations(new Location("LHS", "Lincoln High", "high", "LHS", TestDistrictBuilder.Police, 47.2, -122.4, "", new(7, 30), new(14, 30), ""))
        .Officer(new("CSO-1", "Ana Ortiz", Role.CSO, TestDistrictBuilder.DistrictSafety, "LHS", OfficerStatus.Available))
        .Import(db, new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero), creator);

    public (int Exit, string Out, string Err) RunAs(string account, string? stdin, params string[] args)
    {
        var @out = new StringWriter();
        var err = new StringWriter();
        var ctx = new CliContext(@out, err, account, new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero)), new StringReader(stdin ?? ""));
        var exit = ConsoleApp.Run([.. args, "--db", DbPath], ctx);
        return (exit, @out.ToString(), err.ToString());
    }

    public (int Exit, string Out, string Err) Run(params string[] args) => RunAs(Supervisor, null, args);

    public string Write(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    public long Count(string sql)
    {
        using var db = SafetyDb.Open(DbPath, Supervisor);
        return db.Connection.ExecuteScalar<long>(sql);
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
