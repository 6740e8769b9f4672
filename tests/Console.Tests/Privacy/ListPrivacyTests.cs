using System.Globalization;
using System.Text.Json;
using Dapper;
using SafetyConsole.Cli.Tests.Dispatch;
using SafetyConsole.Data.Domain;
using static SafetyConsole.Cli.Tests.Board.BoardFixture;

namespace SafetyConsole.Cli.Tests.Privacy;

/// <summary>
/// R9: a viewer (below dispatcher) never sees a call's free text in a list — `calls list`, `calls list --json`, the
/// board's calls list and its filter — while showing one call's detail (`calls show`, the board's detail panel)
/// shows it and records the read.
/// </summary>
public class ListPrivacyTests
{
    private const string Secret = "Student J.D. said they would hurt themselves";

    [Fact]
    public void A_viewers_calls_list_json_withholds_descriptions_under_the_same_keys_and_records_nothing()
    {
        using var cli = DemoCalls.DemoRunner();
        var id = DemoCalls.Add(cli, "LHS", "SUICTHRT", description: Secret);

        var viewer = cli.RunAs("visitor", "calls", "list", "--json");

        Assert.True(viewer.ExitCode == 0, viewer.ToString());
        Assert.DoesNotContain("J.D.", viewer.Stdout, StringComparison.Ordinal);
        var call = JsonDocument.Parse(viewer.Stdout).RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetInt64() == id);
        Assert.Equal(JsonValueKind.Null, call.GetProperty("description").ValueKind);
        Assert.True(call.GetProperty("descriptionWithheld").GetBoolean());
        using (var db = cli.OpenDb())
            Assert.Equal(0L, db.Connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE kind = 'call.read'"));

        var dispatcher = cli.Run("calls", "list", "--json");
        var shown = JsonDocument.Parse(dispatcher.Stdout).RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetInt64() == id);
        Assert.Equal(Secret, shown.GetProperty("description").GetString());
        Assert.False(shown.GetProperty("descriptionWithheld").GetBoolean());
    }

    [Fact]
    public void A_viewers_calls_list_text_carries_no_description()
    {
        using var cli = DemoCalls.DemoRunner();
        DemoCalls.Add(cli, "LHS", "SUICTHRT", description: Secret);
        var r = cli.RunAs("visitor", "calls", "list");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.DoesNotContain("J.D.", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_viewers_calls_show_json_shows_the_description_and_records_the_read()
    {
        using var cli = DemoCalls.DemoRunner();
        var id = DemoCalls.Add(cli, "LHS", "SUICTHRT", description: Secret);

        var r = cli.RunAs("visitor", "calls", "show", id.ToString(CultureInfo.InvariantCulture), "--json");

        Assert.True(r.ExitCode == 0, r.ToString());
        var call = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.Equal(Secret, call.GetProperty("description").GetString());
        Assert.False(call.GetProperty("descriptionWithheld").GetBoolean());
        using var db = cli.OpenDb();
        Assert.Equal([("visitor", id)], db.Connection.Query<(string, long)>("SELECT actor, call_id FROM events WHERE kind = 'call.read'"));
    }

    [Fact]
    public void The_boards_filter_does_not_match_descriptions_for_a_viewer()
    {
        // Call 41's description is "[red]boom two students near the gym": a dispatcher finds it by a word of it.
        var dispatcher = Type(Keys(Loaded(), K('/')).State, "boom").State;
        Assert.Equal([41L], dispatcher.Visible.Select(c => c.Id));

        var viewer = Type(Keys(Loaded(role: OperatorRole.Viewer), K('/')).State, "boom").State;
        Assert.Empty(viewer.Visible);
        // Everything else still matches for a viewer: number, type, location, status, officer.
        var byType = Type(Keys(Loaded(role: OperatorRole.Viewer), K('/')).State, "fight").State;
        Assert.Equal([41L], byType.Visible.Select(c => c.Id));
    }
}
