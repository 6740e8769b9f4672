using SafetyConsole.Cli.Board;
using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Cli.Tests.Dispatch;

namespace SafetyConsole.Cli.Tests.Output;

/// <summary>
/// The tables a supervisor reads on a phone's SSH client (80x24): in a terminal every line fits 80 columns and each
/// row stays on one line (cut with "…", never a word broken across lines); piped, nothing is cut or wrapped.
/// </summary>
public class PhoneWidthTests
{
    private static CliRunner DemoWithCalls()
    {
        var cli = DemoCalls.DemoRunner();
        DemoCalls.Add(cli, "LHS", "FIGHT");
        DemoCalls.Add(cli, "JMS", "WEAPON");
        DemoCalls.Add(cli, "ALDE", "WELFARE");
        return cli;
    }

    /// <summary>The output's lines, without colour codes (a terminal shows them as no columns).</summary>
    /// <summary>The output's lines; <paramref name="exit"/> is the expected code (1 for a report that finds gaps or missing items).</summary>
    private static string[] Lines(CliResult r, int exit = 0)
    {
        Assert.True(r.ExitCode == exit, r.ToString());
        return System.Text.RegularExpressions.Regex.Replace(r.Stdout, "\e\\[[0-9;]*m", "").Split('\n')[..^1];
    }

    /// <summary>Every line fits; no line starts blank or ends with a space.</summary>
    private static void Fits(string[] lines, int width)
    {
        Assert.NotEqual("", lines[0]);
        foreach (var l in lines)
        {
            Assert.True(CellText.Width(l) <= width, $"This line is {CellText.Width(l)} columns wide, over {width}:\n{l}");
            Assert.False(l.EndsWith(' '), $"Trailing spaces:\n'{l}'");
        }
    }

    [Theory]
    [InlineData("calls", "list", "--open")]
    [InlineData("officers", "list")]
    [InlineData("recommend", "2")]
    [InlineData("compliance", "--at", "2027-06-01")]
    [InlineData("operators", "list")]
    [InlineData("report", "--from", "2026-11-01", "--to", "2026-11-30")]
    [InlineData("coverage", "--at", "2026-11-23T09:00:00-08:00")]
    [InlineData("policy")]
    [InlineData("agreement", "list")]
    [InlineData("complaint", "list")]
    [InlineData("training", "topics")]
    public void Every_table_fits_80_columns_in_a_terminal(params string[] args)
    {
        using var cli = DemoWithCalls();
        Fits(Lines(cli.RunInTerminal(80, args)), 80);
    }

    /// <summary>The reports that exit 1 on a finding (coverage gaps, missing annual items) fit as well.</summary>
    [Theory]
    [InlineData("coverage", "--at", "2027-01-04T09:00:00-08:00")]
    [InlineData("compliance", "annual", "--year", "2026-27")]
    public void Reports_with_findings_fit_80_columns_in_a_terminal(params string[] args)
    {
        using var cli = DemoWithCalls();
        Fits(Lines(cli.RunInTerminal(80, args), exit: 1), 80);
    }

    [Fact]
    public void Calls_list_at_80_columns_is_one_line_per_call_with_whole_words()
    {
        using var cli = DemoWithCalls();
        var lines = Lines(cli.RunInTerminal(80, "calls", "list", "--open"));
        Assert.Equal(6, lines.Length); // header, rule, 3 calls, the count
        Assert.StartsWith("ID  RECEIVED", lines[0].TrimStart(), StringComparison.Ordinal);
        Assert.EndsWith("DEADLINE", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^ *2  11-23 10:00:00  P1  WEAPON +JMS +NEW *$", lines[3]); // a NEW call has no deadline yet
        Assert.Equal("3 call(s).", lines[5]);
    }

    [Fact]
    public void Recommend_and_compliance_keep_each_row_on_one_line_at_80_columns()
    {
        using var cli = DemoWithCalls();
        var rec = Lines(cli.RunInTerminal(80, "recommend", "2"));
        var leftOut = Array.IndexOf(rec, "Left out:");
        Assert.True(leftOut > 0, string.Join('\n', rec));
        // Each excluded officer is one line that starts with its badge.
        Assert.All(rec[(leftOut + 3)..], l => Assert.Matches(@"^[A-Z]{3}-\d+ +\S", l));

        var comp = Lines(cli.RunInTerminal(80, "compliance", "--at", "2027-06-01"));
        var training = comp.SkipWhile(l => !l.StartsWith("BADGE", StringComparison.Ordinal)).Skip(2).TakeWhile(l => l.Length > 0).ToList();
        Assert.NotEmpty(training);
        Assert.All(training, l => Assert.Matches(@"^[A-Z]{3}-\d+ .* \d{4}-\d\d-\d\d  \d{4}-\d\d-\d\d +-?\d+  \S", l));
        // Prose wraps between words: "(looking 60 days ahead)" never becomes "a" / "head".
        Assert.DoesNotContain(comp, l => l is "head)" or "ahead)");
        Assert.Contains(comp, l => l.EndsWith("days", StringComparison.Ordinal) || l.EndsWith("ahead)", StringComparison.Ordinal));
    }

    [Fact]
    public void Piped_tables_are_not_cut_or_wrapped()
    {
        using var cli = DemoWithCalls();
        var rec = cli.Run("recommend", "2");
        Assert.True(rec.ExitCode == 0, rec.ToString());
        Assert.DoesNotContain("…", rec.Stdout, StringComparison.Ordinal);
        Assert.False(rec.Stdout.StartsWith('\n'));
        Assert.DoesNotContain(" \n", rec.Stdout, StringComparison.Ordinal);
        var comp = cli.Run("compliance", "--at", "2027-06-01").Stdout;
        Assert.Contains(comp.Split('\n'), l => l.StartsWith("CSO-07", StringComparison.Ordinal) && l.EndsWith("expired 2026-10-31.", StringComparison.Ordinal) || l.Contains("R7: training lapsed: first-aid expired", StringComparison.Ordinal) && !l.Contains('…'));
        Assert.Contains(comp.Split('\n'), l => l.Length > 80); // whole, however long
    }
}
