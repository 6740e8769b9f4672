using System.Text.Json;
using SafetyConsole.Cli.Tests.Dispatch;

namespace SafetyConsole.Cli.Tests.Incidents;

/// <summary>Issue 15 on the command line: `note`, notes in `calls show`, the timeline in text and HTML, R9.</summary>
public class NoteCommandsTests
{
    [Fact]
    public void A_note_shows_in_calls_show_and_its_json_and_never_in_a_report()
    {
        using var cli = DemoCalls.DemoRunner();
        var call = DemoCalls.Add(cli, "LHS", "FIGHT", description: "Two students by the gym");
        var note = cli.Run("note", call.ToString(System.Globalization.CultureInfo.InvariantCulture), "Teacher [red]separated[/] them");
        Assert.True(note.ExitCode == 0, note.ToString());
        Assert.Equal($"Note 1 added to call {call}.\n", note.Stdout);

        var show = cli.Run("calls", "show", $"{call}");
        Assert.Contains("Notes:", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("tester     Teacher [red]separated[/] them", show.Stdout, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(cli.Run("calls", "show", $"{call}", "--json").Stdout);
        var n = Assert.Single(doc.RootElement.GetProperty("notes").EnumerateArray());
        Assert.Equal(["id", "at", "author", "text"], n.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Teacher [red]separated[/] them", n.GetProperty("text").GetString());

        var report = cli.Run("report", "--format", "json");
        Assert.Equal(0, report.ExitCode);
        Assert.DoesNotContain("separated", report.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_viewer_may_not_add_a_note_and_a_viewers_read_of_the_notes_is_recorded()
    {
        using var cli = DemoCalls.DemoRunner();
        var call = DemoCalls.Add(cli, "LHS", "FIGHT");
        Assert.Equal(0, cli.Run("note", $"{call}", "calm now").ExitCode);
        Assert.Equal(1, cli.RunAs("visitor", "note", $"{call}", "hello").ExitCode);
        var show = cli.RunAs("visitor", "calls", "show", $"{call}", "--timeline");
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("calm now", show.Stdout, StringComparison.Ordinal);
        using var db = cli.OpenDb();
        Assert.Equal(1L, Dapper.SqlMapper.ExecuteScalar<long>(db.Connection, "SELECT count(*) FROM events WHERE kind = 'call.read' AND actor = 'visitor'"));
    }

    [Fact]
    public void The_timeline_in_text_and_in_html_for_a_supervisor_and_withheld_for_others()
    {
        using var cli = DemoCalls.DemoRunner();
        var call = DemoCalls.Add(cli, "LHS", "FIGHT", description: "<script>x</script> by the gym");
        Assert.Equal(0, cli.Run("assign", $"{call}", "CSO-01").ExitCode);
        Assert.Equal(0, cli.Run("note", $"{call}", "Teacher & aide present").ExitCode);

        var text = cli.Run("calls", "show", $"{call}", "--timeline");
        Assert.True(text.ExitCode == 0, text.ToString());
        var lines = text.Stdout.Split('\n');
        Assert.Contains(lines, l => l.Contains("+0:00", StringComparison.Ordinal) && l.Contains("received", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("call.assigned", StringComparison.Ordinal) && l.Contains("CSO-01", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("note 1: Teacher & aide present", StringComparison.Ordinal));

        var html = cli.Run("calls", "show", $"{call}", "--timeline", "--format", "html");
        Assert.Equal(0, html.ExitCode);
        Assert.StartsWith("<!DOCTYPE html>", html.Stdout, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;x&lt;/script&gt; by the gym", html.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html.Stdout, StringComparison.Ordinal);
        Assert.Contains("Teacher &amp; aide present", html.Stdout, StringComparison.Ordinal);

        Assert.Equal(0, cli.Run("operators", "add", "dana", "dispatcher").ExitCode);
        var withheld = cli.RunAs("dana", "calls", "show", $"{call}", "--timeline", "--format", "html");
        Assert.Equal(0, withheld.ExitCode);
        Assert.DoesNotContain("by the gym", withheld.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Teacher", withheld.Stdout, StringComparison.Ordinal);
        Assert.Contains("supervisors only (R9)", withheld.Stdout, StringComparison.Ordinal);

        Assert.Equal(2, cli.Run("calls", "show", $"{call}", "--format", "html").ExitCode);
        Assert.Equal(2, cli.Run("calls", "show", $"{call}", "--timeline", "--json").ExitCode);
        Assert.Equal(2, cli.Run("calls", "show", $"{call}", "--timeline", "--format", "pdf").ExitCode);
    }
}
