using SafetyConsole.Cli.Board;
using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Cli.Output;
using Spectre.Console;

namespace SafetyConsole.Cli.Tests.Output;

/// <summary>The one table writer of every command: fitted to a terminal with "…", whole when piped.</summary>
public class TextTableTests
{
    private static TextTable People() => new TextTable(new TextColumn("BADGE", 10, 6), new TextColumn("NAME", 28, 8), TextColumn.Number("DAYS", 5), new TextColumn("WHY", 400, 12))
        .AddRow("CSO-01", "Keisha Nguyen-Whitaker Montgomery", "-244", "R7: training lapsed: de-escalation expired 2026-09-30, a supervisor may still assign with a written reason")
        .AddRow("SRO-1", "Ana Ortiz", "7", "R1: SRO posted at LHS, another school.");

    [Fact]
    public void In_a_terminal_every_line_fits_and_long_text_is_cut_with_an_ellipsis_between_words()
    {
        var lines = People().Lines(40);
        Assert.Equal(4, lines.Count); // header, rule, one line per row: nothing wraps
        Assert.All(lines, l => Assert.True(CellText.Width(l) <= 40, $"'{l}' is wider than 40"));
        Assert.StartsWith("BADGE ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("CSO-01", lines[2], StringComparison.Ordinal);
        Assert.Contains("Keisha…", lines[2], StringComparison.Ordinal); // cut after a whole word, not "Keisha Ngu…"
        Assert.EndsWith("…", lines[2], StringComparison.Ordinal);
        Assert.Contains(" -244 ", lines[2], StringComparison.Ordinal); // numbers keep their width
    }

    [Fact]
    public void Piped_nothing_is_cut_or_wrapped()
    {
        var lines = People().Lines(null);
        Assert.Equal(4, lines.Count);
        Assert.Contains("Keisha Nguyen-Whitaker Montgomery", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("with a written reason", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain("…", string.Concat(lines), StringComparison.Ordinal);
    }

    [Fact]
    public void No_blank_line_no_trailing_spaces_and_numbers_right_aligned()
    {
        var t = new TextTable(new TextColumn("ID", 6), TextColumn.Number("N", 4), new TextColumn("OFFICER", 10))
            .AddRow("1", "7", "")
            .AddRow("22", "123", "CSO-01");
        foreach (var width in new int?[] { 80, null })
        {
            var lines = t.Lines(width);
            Assert.Equal(["ID    N  OFFICER", "──  ───  ───────", "1     7", "22  123  CSO-01"], lines);
        }
    }

    [Fact]
    public void Shrinkable_columns_give_way_before_fixed_ones_and_a_line_break_in_a_cell_stays_on_its_line()
    {
        var t = new TextTable(new TextColumn("RECEIVED", 14), new TextColumn("LOCATION", 24, 6), new TextColumn("STATUS", 12))
            .AddRow("11-30 07:55:57", "Puget Point Middle School", "ACKNOWLEDGED")
            .AddRow("11-30 08:00:00", "two\nlines", "ON_SCENE");
        var lines = t.Lines(42);
        Assert.Equal("11-30 07:55:57  Puget Point…  ACKNOWLEDGED", lines[2]);
        Assert.Equal("11-30 08:00:00  two lines     ON_SCENE", lines[3]);
    }

    [Fact]
    public void A_cell_cut_mid_word_only_when_no_word_boundary_is_near()
    {
        Assert.Equal("abcdefghi…", TextTable.Cut("abcdefghijklmnop", 10));
        Assert.Equal("Puget…", TextTable.Cut("Puget Point Middle", 10));
        Assert.Equal("fits", TextTable.Cut("fits", 10));
        Assert.Equal(Justify.Right, TextColumn.Number("N", 3).Align);
    }
}
