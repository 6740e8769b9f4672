using System.Text;
using SafetyConsole.Data.Feeds;

namespace SafetyConsole.Data.Tests.Feeds;

/// <summary>Thousands of random and mutated lines: no crash, and every record accounted for as loaded, duplicate or rejected.</summary>
[Trait(Slow.Category, Slow.Value)]
public class FeedFuzzTests
{
    private static readonly string[] Fragments =
    [
        ",", "\"", "\"\"", "\n", "\r\n", "\r", "{", "}", "[", "]", ":", "\\", "\u001b[31m", "\u001b]0;x\u0007", "\0", "\u009b",
        "LHS", "MMS", "FIGHT", "ALIEN", "SUSP", "2026-11-23T10:05:00Z", "2026-13-45T99:99:99+25:00", "1", "5", "-1", "teacher",
        "danger", "place_of_birth", "external_id", "é", "👍", "\ud800", "    ", "\t", "null", "true", "1e309", "[red]",
    ];

    [Theory]
    [InlineData(FeedFormat.Csv, 11)]
    [InlineData(FeedFormat.Jsonl, 12)]
    public void Random_and_mutated_lines_never_crash_and_are_all_accounted_for(FeedFormat format, int seed)
    {
        using var f = new FeedFixture();
        var random = new Random(seed);
        var sb = new StringBuilder();
        if (format == FeedFormat.Csv) sb.Append("external_id,received_at,location,type,priority,description,reporter_role,basis,place_of_birth\n");
        for (var i = 0; i < 3000; i++)
        {
            var good = format == FeedFormat.Csv
                ? $"R{random.Next(2500)},2026-11-23T10:05:00Z,{(random.Next(2) == 0 ? "LHS" : "MMS")},FIGHT,{random.Next(1, 5)},desc {i},teacher,,x"
                : $$"""{"external_id":"R{{random.Next(2500)}}","received_at":"2026-11-23T10:05:00Z","location":"LHS","type":"FIGHT","description":"d {{i}}","citizenship":"x"}""";
            sb.Append(random.Next(4) switch
            {
                0 => good,
                1 => Mutate(good, random),
                2 => RandomLine(random),
                _ => Mutate(Mutate(good, random), random),
            });
            sb.Append('\n');
        }
        var s = f.Calls(sb.ToString(), format == FeedFormat.Csv ? "fuzz.csv" : "fuzz.jsonl", f.Options(format: format, batch: 97));
        Assert.Equal(s.Read, s.Loaded + s.Duplicates + s.Rejected);
        Assert.True(s.Read > 1000, $"only {s.Read} records read");
        Assert.True(s.Loaded > 100, $"only {s.Loaded} loaded");
        Assert.Equal(s.Loaded, f.Count("SELECT count(*) FROM calls"));
        Assert.Equal(s.Rejected + s.ErrorsOmitted > 0 ? s.Rejected : 0, s.Rejected);
        Assert.Equal(0, f.Count("SELECT count(*) FROM calls WHERE description GLOB '*[\u0001-\u001f\u007f]*'"));
        // Loading it again adds nothing.
        var again = f.Calls(sb.ToString(), format == FeedFormat.Csv ? "fuzz.csv" : "fuzz.jsonl", f.Options(format: format));
        Assert.Equal((0, s.Read), (again.Loaded, again.Loaded + again.Duplicates + again.Rejected));
    }

    private static string Mutate(string line, Random random)
    {
        var sb = new StringBuilder(line);
        for (var n = random.Next(1, 4); n > 0 && sb.Length > 0; n--)
        {
            var at = random.Next(sb.Length);
            switch (random.Next(3))
            {
                case 0: sb.Remove(at, Math.Min(random.Next(1, 6), sb.Length - at)); break;
                case 1: sb.Insert(at, Fragments[random.Next(Fragments.Length)]); break;
                default: sb[at] = (char)random.Next(0, 0x250); break;
            }
        }
        return sb.ToString();
    }

    private static string RandomLine(Random random)
    {
        var sb = new StringBuilder();
        for (var n = random.Next(0, 12); n > 0; n--) sb.Append(Fragments[random.Next(Fragments.Length)]);
        return sb.ToString();
    }
}
