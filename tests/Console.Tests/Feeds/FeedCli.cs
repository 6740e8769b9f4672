using Dapper;
using Microsoft.Extensions.Time.Testing;
using SafetyConsole.Cli.App;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Tests.Feeds;

/// <summary>
/// Runs `safety-console` commands in-process against a fresh database seeded with two locations (kept private to the
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
        Seed(db);
    }

    public string Folder { get; }
    public string DbPath { get; }

    public static void Seed(SafetyDb db) => db.Connection.Execute("""
        INSERT INTO agencies(code, name, kind) VALUES ('DIST', 'District', 'district');
        INSERT INTO locations(code, name, kind, zone, agency, lat, lon, bell_start, bell_end) VALUES ('LHS', 'Lincoln High', 'high', 'LHS', 'DIST', 47.2, -122.4, '07:30', '14:30');
        INSERT INTO officers(badge, name, role, agency, post, status) VALUES ('CSO-1', 'Ana Ortiz', 'CSO', 'DIST', 'LHS', 'AVAILABLE');
        """);

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
