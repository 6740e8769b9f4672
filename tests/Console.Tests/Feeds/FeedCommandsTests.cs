using System.Text.Json;

namespace SafetyConsole.Cli.Tests.Feeds;

/// <summary>`feed load` and `positions load` end to end in-process: summary, JSON contract, exit codes, roles (DESIGN §5, R10).</summary>
public class FeedCommandsTests
{
    private const string Csv = """
        external_id,received_at,location,type,description
        A1,2026-11-23T10:05:00-08:00,LHS,FIGHT,"Two students [red]fighting[/]"
        A2,2026-11-23T10:06:00,LHS,FIGHT,no offset
        A1,2026-11-23T10:05:00-08:00,LHS,FIGHT,again
        """;

    [Fact]
    public void Json_summary_has_the_documented_keys_and_a_rejected_row_exits_1()
    {
        using var cli = new FeedCli();
        var file = cli.Write("calls.csv", Csv);
        var (exit, @out, err) = cli.Run("feed", "load", file, "--json");
        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(@out);
        var root = doc.RootElement;
        Assert.Equal(["read", "loaded", "duplicates", "rejected", "warnings", "errors", "warningMessages", "errorsOmitted"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal((3, 1, 1, 1, 0), (root.GetProperty("read").GetInt32(), root.GetProperty("loaded").GetInt32(),
            root.GetProperty("duplicates").GetInt32(), root.GetProperty("rejected").GetInt32(), root.GetProperty("warnings").GetInt32()));
        var e = Assert.Single(root.GetProperty("errors").EnumerateArray());
        Assert.Equal(["line", "field", "reason"], e.EnumerateObject().Select(p => p.Name));
        Assert.Equal((3, "received_at"), (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString()));
        Assert.Contains("1 record(s) of calls.csv were rejected; fix them and load the file again", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Human_summary_prints_feed_text_literally()
    {
        using var cli = new FeedCli();
        var file = cli.Write("calls.csv", Csv);
        var (exit, @out, _) = cli.Run("feed", "load", file);
        Assert.Equal(1, exit);
        Assert.StartsWith("Read 3 call(s): 1 loaded, 1 duplicate(s), 1 rejected, 0 warning(s).", @out, StringComparison.Ordinal);
        Assert.Contains("rejected: line 3, received_at: '2026-11-23T10:06:00' is not an ISO 8601 time", @out, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", @out, StringComparison.Ordinal);
    }

    [Fact]
    public void All_good_exits_0_and_standard_input_is_read_with_dash()
    {
        using var cli = new FeedCli();
        var (exit, @out, _) = cli.RunAs(FeedCli.Supervisor, "{\"external_id\":\"S1\",\"received_at\":\"2026-11-23T18:00:00Z\",\"location\":\"LHS\",\"type\":\"SUSP\"}\n",
            "feed", "load", "-", "--source", "tipline");
        Assert.Equal(0, exit);
        Assert.StartsWith("Read 1 call(s): 1 loaded", @out, StringComparison.Ordinal);
        Assert.Equal(1, cli.Count("SELECT count(*) FROM calls WHERE source = 'tipline' AND external_id = 'S1'"));
    }

    [Fact]
    public void Unreadable_input_exits_2_with_one_sentence()
    {
        using var cli = new FeedCli();
        var (exit, _, err) = cli.Run("feed", "load", Path.Combine(cli.Folder, "missing.csv"));
        Assert.Equal(2, exit);
        Assert.Contains("There is no feed file at", err, StringComparison.Ordinal);
        var bad = cli.Write("calls.csv", "id,when\n1,2\n");
        (exit, _, err) = cli.Run("feed", "load", bad);
        Assert.Equal(2, exit);
        Assert.Contains("lacks the column(s) external_id, received_at, location, type", err, StringComparison.Ordinal);
        (exit, _, _) = cli.Run("feed", "load", bad, "--format", "xml");
        Assert.Equal(2, exit);
    }

    [Fact]
    public void A_viewer_may_not_load_feeds_R10()
    {
        using var cli = new FeedCli();
        var file = cli.Write("calls.csv", Csv);
        var (exit, _, err) = cli.RunAs("mallory", null, "feed", "load", file);
        Assert.Equal(1, exit);
        Assert.Contains("R10: mallory is a viewer and may not load feeds", err, StringComparison.Ordinal);
        Assert.Equal(0, cli.Count("SELECT count(*) FROM calls"));
    }

    [Fact]
    public void Positions_load_uses_the_same_summary_and_exit_codes()
    {
        using var cli = new FeedCli();
        var file = cli.Write("pings.csv", "badge,at,lat,lon\nCSO-1,2026-11-23T18:00:00Z,47.2,-122.4\nCSO-9,2026-11-23T18:00:00Z,47.2,-122.4\n");
        var (exit, @out, _) = cli.Run("positions", "load", file, "--json");
        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(@out);
        Assert.Equal(1, doc.RootElement.GetProperty("loaded").GetInt32());
        Assert.Equal("badge", doc.RootElement.GetProperty("errors")[0].GetProperty("field").GetString());
    }
}
