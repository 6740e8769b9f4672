using System.Globalization;
using System.Text;
using Dapper;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Tests.Postgres;

/// <summary>
/// `feed load` on PostgreSQL writes a chunk's calls by binary COPY into a staging table and one INSERT … SELECT
/// (issue 17). Over several chunks (1,000 records) and batches (5,000), with duplicates inside a chunk, across chunks
/// and across batches, rejected records, an R8-refused type, an R8-forbidden column and scheduled duties mixed in, the
/// command prints the same as on SQLite, and the store holds the same calls and duties (same ids, in file order: a
/// duplicate takes no number from PostgreSQL's id sequence) and events; a second load of the same file skips every record as a duplicate on both.
/// </summary>
public class FeedCopyTests
{
    private const int Records = 12_000;

    [Fact]
    public void A_bulk_load_prints_and_stores_the_same_on_SQLite_and_on_PostgreSQL()
    {
        using var sqlite = new CliRunner(backend: StoreBackend.Sqlite);
        using var postgres = new CliRunner(backend: StoreBackend.Postgres);
        var runs = new[] { sqlite, postgres }.Select(cli =>
        {
            Assert.Equal(0, cli.Run("init", "--demo").ExitCode);
            var feed = Path.Combine(cli.Folder, "cad-export.csv");
            File.WriteAllText(feed, Feed(), new UTF8Encoding(false));
            return (First: cli.Run("feed", "load", feed, "--json"), Again: cli.Run("feed", "load", feed));
        }).ToList();

        foreach (var pick in new Func<(CliResult First, CliResult Again), CliResult>[] { r => r.First, r => r.Again })
        {
            var (a, b) = (pick(runs[0]), pick(runs[1]));
            Assert.True(a.ExitCode == b.ExitCode, $"SQLite {a}\nPostgreSQL {b}");
            Assert.Equal(Normalize(a.Stdout, sqlite), Normalize(b.Stdout, postgres));
            Assert.Equal(Normalize(a.Stderr, sqlite), Normalize(b.Stderr, postgres));
        }
        Assert.Contains("\"duplicates\": 132", runs[1].First.Stdout, StringComparison.Ordinal); // 120 repeated calls, 12 repeated duties
        Assert.Contains("\"rejected\": 36", runs[1].First.Stdout, StringComparison.Ordinal); // 24 unknown locations + 12 ALIEN

        using var lite = sqlite.OpenDb();
        using var pg = postgres.OpenDb();
        foreach (var sql in new[]
                 {
                     "SELECT id, source, external_id, received_at, location, type, priority, description, reporter_role, basis, status, class, trace, created_at, updated_at FROM calls ORDER BY id",
                     "SELECT id, type, location, due_on, note, source, external_id, added_by FROM duties ORDER BY id",
                     "SELECT id, kind, actor, call_id, badge, reason, detail FROM events ORDER BY id",
                 })
        {
            var sqliteRows = Rows(lite, sql);
            Assert.Equal(sqliteRows, Rows(pg, sql));
            Assert.NotEmpty(sqliteRows);
        }
        Assert.Equal(Records - 36 - 12, pg.Connection.ExecuteScalar<long>("SELECT count(*) FROM calls")); // 12 duties
        // File order: the first record of the file is call 1, the last new one the highest id.
        Assert.Equal("CAD-000000", pg.Connection.ExecuteScalar<string>("SELECT external_id FROM calls WHERE id = 1"));
        Assert.Equal("CAD-011999", pg.Connection.ExecuteScalar<string>("SELECT external_id FROM calls ORDER BY id DESC LIMIT 1"));
    }

    /// <summary>
    /// The CAD export: every 100th record repeats one from 1–1,200 records earlier (same chunk, the previous chunk, or
    /// the previous batch), every 500th names an unknown school, every 1,000th is of the refused type ALIEN (R8) or a
    /// duty (TRUANT), every 1,000th repeats a duty, and a column named birthplace (R8) is dropped.
    /// </summary>
    private static string Feed()
    {
        var ci = CultureInfo.InvariantCulture;
        var t0 = new DateTimeOffset(2026, 11, 23, 5, 0, 0, TimeSpan.FromHours(-8)); // before the runner's clock: never from the future
        string[] schools = ["LHS", "SHS", "MMS", "JMS"];
        string[] types = ["FIGHT", "SUSP", "WELFARE", "TRESPASS"];
        var lines = new List<string> { "external_id,source,received_at,location,type,priority,description,reporter_role,basis,birthplace" };
        string Record(int i, string? location = null, string? type = null) =>
            string.Create(ci, $"CAD-{i:D6},911,{t0.AddSeconds(i):yyyy-MM-dd'T'HH:mm:sszzz},{location ?? schools[i % 4]},{type ?? types[i / 4 % 4]},{(i % 3 == 0 ? "" : (i % 4 + 1).ToString(ci))},\"Report {i}, near room {i % 40}\",teacher,,Elsewhere");
        for (var i = 0; i < Records; i++)
        {
            if (i % 100 == 50) lines.Add(Record(Repeated(i))); // a repeat of an earlier record
            if (i % 1000 == 600) lines.Add(Record(i - 587, type: "TRUANT")); // a repeat of a duty
            if (i % 500 == 7) lines.Add(Record(i, location: "NOWHERE"));
            else if (i % 1000 == 11) lines.Add(Record(i, type: "ALIEN"));
            else if (i % 1000 == 13) lines.Add(Record(i, type: "TRUANT"));
            else lines.Add(Record(i));
        }
        return string.Join("\n", lines) + "\n";

        // 1–1,200 records back, never one that was rejected or a duty (its repeat would be new, not a duplicate).
        static int Repeated(int i)
        {
            var j = Math.Max(0, i - 1 - i * 7 % 1200);
            return j % 500 == 7 || j % 1000 is 11 or 13 ? j - 1 : j;
        }
    }

    private static List<string> Rows(SafetyDb db, string sql) =>
        db.Connection.Query(sql).Select(r => string.Join("|", ((IDictionary<string, object?>)r).Values.Select(v => v switch
        {
            null => "NULL",
            long or int => Convert.ToInt64(v, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            _ => Convert.ToString(v, CultureInfo.InvariantCulture),
        }))).ToList();

    private static string Normalize(string text, CliRunner cli) =>
        System.Text.RegularExpressions.Regex.Replace(text.Replace(cli.DbPath, "DB", StringComparison.Ordinal), @"PostgreSQL database \S+ on \S+", "DB")
            .Replace(cli.Folder, "FOLDER", StringComparison.Ordinal);
}
