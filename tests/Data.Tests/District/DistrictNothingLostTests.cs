using System.Text;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Store;
using F = SafetyConsole.Data.Districts.DistrictFiles;

namespace SafetyConsole.Data.Tests.Districts;

/// <summary>
/// Issue 13, as for feeds: a district file with a row swallowed by an unclosed quote, a huge field, or bytes that are
/// not UTF-8 is refused with one sentence naming the file and the line(s) (exit 2); nothing is imported silently wrong.
/// </summary>
public class DistrictNothingLostTests
{
    private static SafetyException Refusal(Action<DemoFolder> breakIt)
    {
        using var folder = new DemoFolder();
        breakIt(folder);
        var e = Assert.Throws<SafetyException>(() => DistrictParser.Parse(folder.Source));
        Assert.Equal(2, e.ExitCode);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    private static void Rewrite(DemoFolder folder, string file, Func<List<string>, IEnumerable<string>> change)
    {
        var path = Path.Combine(folder.Path, file);
        File.WriteAllLines(path, change(File.ReadAllLines(path).ToList()));
    }

    [Fact]
    public void A_quote_left_open_that_swallows_an_officer_row_names_both_lines()
    {
        // officers.csv: header, SLO-1 (line 2), SRO-1 (line 3), ...: the name on line 3 opens a quote that the next quote (line 5) closes.
        var e = Refusal(f => Rewrite(f, F.Officers, lines =>
        {
            lines[2] = lines[2].Replace("Marcus Bell", "\"Marcus Bell", StringComparison.Ordinal);
            lines[4] = lines[4] + "\"";
            return lines;
        }));
        Assert.StartsWith("officers.csv line 3: the quote opened in column 'name' is not closed before line 4, a complete row of its own, which it swallowed (the field runs to line 5);", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_field_is_one_sentence_naming_the_line()
    {
        var e = Refusal(f => Rewrite(f, F.Officers, lines => lines.Take(2).Append("CSO-99," + new string('N', 2_000_000) + ",CSO,HVSD,LHS,AVAILABLE").Concat(lines.Skip(2))));
        Assert.Equal("officers.csv line 3: a field runs past 65,536 characters (an unclosed quote?); close the quote or shorten the field, and import again.", e.Message);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused_naming_the_line()
    {
        var e = Refusal(f =>
        {
            var path = Path.Combine(f.Path, F.Officers);
            var text = File.ReadAllText(path).Replace("Marcus Bell", "Marcus B\u00e9ll", StringComparison.Ordinal);
            File.WriteAllBytes(path, Encoding.Latin1.GetBytes(text)); // a file saved as Latin-1: é is one byte, not UTF-8
        });
        Assert.Equal("officers.csv line 3 has bytes that are not UTF-8; save the file as UTF-8 and import again (names and notes must read as written).", e.Message);
    }
}
