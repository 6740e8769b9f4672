using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests;

namespace SafetyConsole.Cli.Tests.Postgres;

/// <summary>
/// The commands and options <see cref="CorePathTests"/> and <see cref="MoreCommandsTests"/> leave out print the same on
/// SQLite and on PostgreSQL too (issue 17): `district import DIR` from a folder (and again, unchanged), a JSON Lines
/// feed, late entries and a dispatcher's refused far time (R10, counted by `compliance`), assists, notes, `link` and
/// `unlink`, the timeline (text and html), duties, complaint updates, `simulate --roster` against the district (its
/// scratch stores stay SQLite files), `coverage --at`, `report --format csv` and the annual record as CSV.
/// </summary>
public class RemainingCommandsTests
{
    private const string Calls = """
        external_id,source,received_at,location,type,priority,description,reporter_role,basis
        CAD-0001,911,2026-11-23T09:55:00-08:00,LHS,FIGHT,,"Two students fighting by the gym",teacher,
        CAD-0002,911,2026-11-23T09:57:30-08:00,LHS,INTERVENE,2,Student refuses to leave,teacher,disruption
        CAD-0003,911,2026-11-23T09:58:00-08:00,MMS,THREATS,,Post about bringing a weapon,tipline,
        CAD-0004,911,2026-11-23T09:58:30-08:00,LHS,FIGHT,,Same fight reported again,teacher,

        """;

    private const string Tips = """
        {"external_id":"TIP-1","received_at":"2026-11-23T09:59:00-08:00","location":"MMS","type":"WELFARE","description":"Student crying in the hall"}
        {"external_id":"TIP-2","received_at":"soon","location":"MMS","type":"WELFARE"}

        """;

    /// <summary>Each step a command line; "@dana" first runs it as that account. {district}, {calls}, {tips}, {rosters} are files.</summary>
    private static readonly string[][] Steps =
    [
        ["init"],
        ["district", "import", "{district}"],
        ["district", "import", "{district}"],
        ["feed", "load", "{calls}", "--json"],
        ["feed", "load", "{tips}", "--format", "jsonl", "--source", "tipline", "--json"],
        ["recommend", "1", "--json"],
        ["assign", "1", "CSO-01"],
        ["assign", "1", "SGT-1", "--assist"],
        ["ack", "1", "--at", "2026-11-23T09:10:00-08:00"],
        ["enroute", "1", "--badge", "SGT-1"],
        ["operators", "add", "dana", "dispatcher"],
        ["@dana", "cancel", "3", "--reason", "test", "--at", "2026-09-05T10:00:00-07:00"],
        ["@dana", "note", "1", "Parent arrived, calm; student with the counselor"],
        ["@dana", "link", "4", "1"],
        ["unlink", "4", "--reason", "a second fight"],
        ["link", "4", "1"],
        ["clear", "1", "--badge", "SGT-1"],
        ["clear", "1", "--disposition", "03"],
        ["reclassify", "2", "WELFARE", "--reason", "test", "--priority", "3"],
        ["calls", "show", "1", "--timeline"],
        ["calls", "show", "1", "--timeline", "--format", "html"],
        ["calls", "show", "1", "--json"],
        ["calls", "show", "4"],
        ["duty", "add", "ASSESS", "--location", "LHS", "--due", "2026-11-25", "--officer", "CSO-01", "--note", "fence walk-through"],
        ["duty", "add", "ASSESS", "--location", "MMS", "--due", "2026-12-02"],
        ["duty", "done", "1"],
        ["duty", "list", "--json"],
        ["duty", "list", "--due-by", "2026-11-30"],
        ["complaint", "add", "--channel", "school", "--about", "CSO-01", "--call", "1", "--received", "2026-11-20", "--summary", "parent called"],
        ["complaint", "update", "6", "--status", "investigating"], // the demo has five
        ["complaint", "show", "6", "--json"],
        ["outreach", "list", "--year", "2026-27", "--json"],
        ["training", "list", "--badge", "CSO-01", "--json"],
        ["coverage", "--at", "2026-11-23T12:00:00-08:00", "--json"],
        ["report", "--format", "csv"],
        ["compliance", "--json"],
        ["compliance", "annual", "--year", "2026-27", "--format", "csv"],
        ["simulate", "--from", "2026-11-23", "--to", "2026-11-23", "--roster", "{rosters}/five-sros", "--format", "json"],
        ["status", "--json"],
    ];

    /// <summary>Steps SQLite refuses too (exit 1): R10's far time for a dispatcher; the annual record, incomplete for the demo.</summary>
    private static readonly string[] Refused =
    [
        "@dana cancel 3 --reason test --at 2026-09-05T10:00:00-07:00",
        "compliance annual --year 2026-27 --format csv",
    ];

    /// <summary>A feed with a bad row loads its good rows and exits 1 (DESIGN §5).</summary>
    private static readonly string[] PartlyDone = ["feed load {tips} --format jsonl --source tipline --json"];

    [Fact]
    public void Every_remaining_command_prints_the_same_on_SQLite_and_on_PostgreSQL()
    {
        using var sqlite = new CliRunner(backend: StoreBackend.Sqlite);
        using var postgres = new CliRunner(backend: StoreBackend.Postgres);
        var a = Run(sqlite);
        var b = Run(postgres);
        var differ = new List<string>();
        for (var i = 0; i < Steps.Length; i++)
        {
            var (x, y) = (MoreCommandsTests.Normalize(a[i], sqlite), MoreCommandsTests.Normalize(b[i], postgres));
            if (x != y) differ.Add($"{string.Join(' ', Steps[i])}\n  SQLite:     {x}\n  PostgreSQL: {y}");
        }
        Assert.True(differ.Count == 0, string.Join("\n", differ));
        for (var i = 0; i < Steps.Length; i++)
        {
            var step = string.Join(' ', Steps[i]);
            var expected = Refused.Contains(step) || PartlyDone.Contains(step) ? 1 : 0;
            Assert.True(a[i].ExitCode == expected, $"{step}: {a[i]}");
        }
        // The late entry and the refusal are counted alike (R10).
        var compliance = a[Array.FindIndex(Steps, s => s is ["compliance", "--json"])].Stdout;
        Assert.Contains("\"lateEntries\"", compliance, StringComparison.Ordinal);
    }

    private static List<CliResult> Run(CliRunner cli)
    {
        var files = new Dictionary<string, string>
        {
            ["{calls}"] = StepFiles.Write(cli.Folder, "calls.csv", Calls),
            ["{tips}"] = StepFiles.Write(cli.Folder, "tips.jsonl", Tips),
            ["{district}"] = StepFiles.DemoDistrict(Path.Combine(cli.Folder, "district")),
            ["{rosters}"] = Path.Combine(RepoRoot.Folder, "sql", "demo", "rosters"),
        };
        string Fill(string arg) => files.Aggregate(arg, (s, f) => s.Replace(f.Key, f.Value, StringComparison.Ordinal));
        return Steps.Select(s => s[0].StartsWith('@')
                ? cli.RunAs(s[0][1..], s[1..].Select(Fill).ToArray())
                : cli.Run(s.Select(Fill).ToArray()))
            .ToList();
    }
}
