using Dapper;
using SafetyConsole.Data.Feeds;

namespace SafetyConsole.Data.Tests.Feeds;

/// <summary>Every field rule of DESIGN §4: a bad row is rejected with its line, field and reason; good rows still load.</summary>
public class CallFeedValidationTests
{
    /// <summary>Loads a good row (line 2) and <paramref name="row"/> (line 3); returns the one error.</summary>
    private static FeedError RejectOne(string row)
    {
        using var f = new FeedFixture();
        var s = f.Calls(FeedFixture.Csv(FeedFixture.Good("OK1"), row));
        Assert.Equal((2, 1, 0, 1, 1), (s.Read, s.Loaded, s.Duplicates, s.Rejected, s.ExitCode));
        return Assert.Single(s.Errors);
    }

    [Theory]
    [InlineData(",2026-11-23T10:05:00Z,LHS,FIGHT,,,,", "external_id", "required")]
    [InlineData("A2,,LHS,FIGHT,,,,", "received_at", "required")]
    [InlineData("A2,2026-11-23T10:05:00,LHS,FIGHT,,,,", "received_at", "not an ISO 8601 time with an offset")]
    [InlineData("A2,yesterday,LHS,FIGHT,,,,", "received_at", "not an ISO 8601 time")]
    [InlineData("A2,2026-02-30T10:05:00Z,LHS,FIGHT,,,,", "received_at", "not an ISO 8601 time")]
    [InlineData("A2,2026-11-23T10:05:00Z,,FIGHT,,,,", "location", "required")]
    [InlineData("A2,2026-11-23T10:05:00Z,NOPE,FIGHT,,,,", "location", "'NOPE' is not a district location code")]
    [InlineData("A2,2026-11-23T10:05:00Z,LHS,,,,,", "type", "required")]
    [InlineData("A2,2026-11-23T10:05:00Z,LHS,PARTY,,,,", "type", "'PARTY' is not a call type code")]
    [InlineData("A2,2026-11-23T10:05:00Z,LHS,ALIEN,,,,", "type", "R8: call type ALIEN is refused")]
    [InlineData("A2,2026-11-23T10:05:00Z,LHS,FIGHT,0,,,", "priority", "'0' is not a priority")]
    [InlineData("A2,2026-11-23T10:05:00Z,LHS,FIGHT,5,,,", "priority", "'5' is not a priority")]
    [InlineData("A2,2026-11-23T10:05:00Z,LHS,FIGHT,high,,,", "priority", "'high' is not a priority")]
    [InlineData("A2,2026-11-23T10:05:00Z,LHS,FIGHT,,,janitor,", "reporter_role", "'janitor' is not a reporter role")]
    [InlineData("A2,2026-11-23T10:05:00Z,LHS,INTERVENE,,,teacher,annoying", "basis", "'annoying' is not a basis")]
    public void A_bad_field_rejects_its_row_naming_the_field(string row, string field, string reason)
    {
        var e = RejectOne(row);
        Assert.Equal(3, e.Line);
        Assert.Equal(field, e.Field);
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void External_id_is_at_most_64_characters()
    {
        using var f = new FeedFixture();
        var s = f.Calls(FeedFixture.Csv(FeedFixture.Good(new string('x', 64)), FeedFixture.Good(new string('y', 65))));
        Assert.Equal((1, 1), (s.Loaded, s.Rejected));
        Assert.Equal(("external_id", 3), (s.Errors[0].Field, s.Errors[0].Line));
        Assert.Contains("at most 64 characters; it has 65", s.Errors[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Description_is_at_most_2000_characters_after_cleaning()
    {
        using var f = new FeedFixture();
        var fits = new string('d', 2000) + "\u001b[31m\u001b[0m"; // escapes do not count
        var over = new string('d', 2001);
        var s = f.Calls(FeedFixture.Csv($"D1,2026-11-23T10:05:00Z,LHS,FIGHT,,{fits},,", $"D2,2026-11-23T10:05:00Z,LHS,FIGHT,,{over},,"));
        Assert.Equal((1, 1), (s.Loaded, s.Rejected));
        Assert.Equal("description", s.Errors[0].Field);
        Assert.Equal(2000, f.Count("SELECT length(description) FROM calls WHERE external_id = 'D1'"));
    }

    [Fact]
    public void Every_bad_field_of_a_row_is_reported_and_the_row_counts_once()
    {
        using var f = new FeedFixture();
        var s = f.Calls(FeedFixture.Csv(",noon,NOPE,PARTY,9,,janitor,maybe"));
        Assert.Equal(1, s.Rejected);
        Assert.Equal(["external_id", "received_at", "location", "type", "priority", "reporter_role", "basis"], s.Errors.Select(e => e.Field));
        Assert.All(s.Errors, e => Assert.Equal(2, e.Line));
    }

    [Fact]
    public void Good_rows_are_stored_new_unclassified_with_defaults_and_clean_text()
    {
        using var f = new FeedFixture();
        var s = f.Calls(FeedFixture.Csv(
            "A1,2026-11-23T10:05:00-08:00,lhs,susp,,\"Man \u001b[31min\u001b[0m lot\n[red]\",Teacher,",
            "A2,2026-11-23T18:06:00.25Z,MMS,INTERVENE,3,,administrator,Danger"));
        Assert.Equal((2, 0, 0), (s.Loaded, s.Rejected, s.ExitCode));
        var a1 = f.Db.Connection.QuerySingle<(string Location, string Type, long Priority, string Description, string ReporterRole, string? Basis, string Status, string Class, string ReceivedAt, string CreatedAt, string UpdatedAt)>(
            "SELECT location, type, priority, description, reporter_role, basis, status, class, received_at, created_at, updated_at FROM calls WHERE external_id = 'A1'");
        Assert.Equal(("LHS", "SUSP", 2L, "Man in lot [red]", "teacher", (string?)null), (a1.Location, a1.Type, a1.Priority, a1.Description, a1.ReporterRole, a1.Basis));
        Assert.Equal(("NEW", "UNCLASSIFIED", "2026-11-23T18:05:00.000Z"), (a1.Status, a1.Class, a1.ReceivedAt)); // not NONE, the discipline class (issue 13)
        Assert.Equal(("2026-11-23T18:00:00.000Z", "2026-11-23T18:00:00.000Z"), (a1.CreatedAt, a1.UpdatedAt));
        Assert.Equal("danger", f.Text("SELECT basis FROM calls WHERE external_id = 'A2'"));
        Assert.Equal("2026-11-23T18:06:00.250Z", f.Text("SELECT received_at FROM calls WHERE external_id = 'A2'"));
        Assert.Equal(3, f.Count("SELECT priority FROM calls WHERE external_id = 'A2'"));
    }

    [Fact]
    public void Source_is_the_option_else_the_record_else_the_file_name()
    {
        using var f = new FeedFixture();
        const string csv = "external_id,source,received_at,location,type\nS1,tipline,2026-11-23T10:05:00Z,LHS,FIGHT\nS2,,2026-11-23T10:05:00Z,LHS,FIGHT\n";
        f.Calls(csv, "cad-export.csv");
        Assert.Equal("tipline", f.Text("SELECT source FROM calls WHERE external_id = 'S1'"));
        Assert.Equal("cad-export", f.Text("SELECT source FROM calls WHERE external_id = 'S2'"));
        var s = f.Calls(csv, "cad-export.csv", f.Options(source: "911"));
        Assert.Equal(2, s.Loaded); // a different source: new calls
        Assert.Equal(2, f.Count("SELECT count(*) FROM calls WHERE source = '911'"));
    }

    [Fact]
    public void A_too_long_source_is_rejected()
    {
        using var f = new FeedFixture();
        var s = f.Calls($"external_id,source,received_at,location,type\nS1,{new string('s', 65)},2026-11-23T10:05:00Z,LHS,FIGHT\n");
        Assert.Equal("source", Assert.Single(s.Errors).Field);
    }

    [Fact]
    public void ALIEN_is_refused_and_the_refusal_recorded_R8()
    {
        using var f = new FeedFixture();
        var s = f.Calls(FeedFixture.Csv(FeedFixture.Good("Z1", "ALIEN"), FeedFixture.Good("Z2")));
        Assert.Equal((1, 1), (s.Loaded, s.Rejected));
        Assert.Equal(0, f.Count("SELECT count(*) FROM calls WHERE type = 'ALIEN'"));
        Assert.Equal("calls.csv line 2", f.Text("SELECT detail FROM events WHERE kind = 'feed.refused'"));
    }

    [Fact]
    public void Each_batch_records_a_loaded_event_with_its_counts_and_lines()
    {
        using var f = new FeedFixture();
        var rows = Enumerable.Range(1, 5).Select(i => FeedFixture.Good($"B{i}")).ToArray();
        f.Calls(FeedFixture.Csv(rows), options: f.Options(batch: 2));
        var events = f.Db.Connection.Query<(string Actor, string Detail)>("SELECT actor, detail FROM events WHERE kind = 'feed.loaded' ORDER BY id").ToList();
        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Equal(TestDb.Account, e.Actor));
        Assert.Equal("input=calls.csv; lines 2–3; read=2; loaded=2; duplicates=0; rejected=0", events[0].Detail);
        Assert.Equal("input=calls.csv; lines 6–6; read=1; loaded=1; duplicates=0; rejected=0", events[2].Detail);
    }
}
