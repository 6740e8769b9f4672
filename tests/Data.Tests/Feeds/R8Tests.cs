using SafetyConsole.Data.Feeds;

namespace SafetyConsole.Data.Tests.Feeds;

/// <summary>R8: immigration or citizenship status and place of birth are never stored: not in the database file, its WAL, the event log or a message.</summary>
public class R8Tests
{
    private const string Secret = "UNIQUEVALUE123";

    [Theory]
    [InlineData("immigration_status")]
    [InlineData("citizenship")]
    [InlineData("Citizenship Status")]
    [InlineData("place_of_birth")]
    [InlineData("countryOfBirth")]
    [InlineData("birth_country")]
    [InlineData("nationality")]
    [InlineData("alien_number")]
    [InlineData("visa_status")]
    [InlineData("BirthPlace")]
    public void Forbidden_field_names_are_recognized(string name) => Assert.True(FeedFields.IsForbidden(name));

    [Theory]
    [InlineData("external_id")]
    [InlineData("description")]
    [InlineData("reporter_role")]
    [InlineData("supervisor")]
    [InlineData("notes")]
    public void Ordinary_names_are_not_forbidden(string name) => Assert.False(FeedFields.IsForbidden(name));

    [Fact]
    [Trait(SqliteOnly.Category, SqliteOnly.Value)] // SQLite-only by nature: scans the bytes of the database file and its WAL
    public void A_forbidden_csv_column_is_dropped_and_its_values_never_reach_the_database_file()
    {
        using var f = new FeedFixture();
        var csv = "external_id,received_at,location,type,place_of_birth,citizenship\n" +
                  $"P1,2026-11-23T10:05:00Z,LHS,FIGHT,{Secret},{Secret}-c\n" +
                  $"P2,not-a-time,LHS,FIGHT,{Secret},{Secret}\n" +      // a rejected row's R8 value is not in its error either
                  $"P3,2026-11-23T10:05:00Z,LHS,FIGHT,\"{Secret}\nmore\",x\n";
        var s = f.Calls(csv);
        Assert.Equal((3, 2, 1), (s.Read, s.Loaded, s.Rejected));
        Assert.Equal(2, s.Warnings); // once per field per file, not per row
        Assert.Contains(s.WarningMessages, w => w.Contains("R8: field 'place_of_birth' dropped", StringComparison.Ordinal));
        Assert.DoesNotContain(Secret, s.ToJson(), StringComparison.Ordinal);
        Assert.Equal(2, f.Count("SELECT count(*) FROM events WHERE kind = 'feed.r8_dropped'"));
        Assert.Equal(1, f.Count("SELECT count(*) FROM events WHERE kind = 'feed.r8_dropped' AND detail = 'place_of_birth'"));
        AssertNotInFiles(f, Secret);
    }

    [Fact]
    [Trait(SqliteOnly.Category, SqliteOnly.Value)] // SQLite-only by nature: scans the bytes of the database file and its WAL
    public void A_forbidden_json_key_is_dropped_whatever_its_value_and_never_stored()
    {
        using var f = new FeedFixture();
        var jsonl =
            $$"""{"external_id":"J1","received_at":"2026-11-23T10:05:00Z","location":"LHS","type":"FIGHT","immigration_status":"{{Secret}}"}""" + "\n" +
            "{\"external_id\":\"J2\",\"received_at\":\"2026-11-23T10:05:00Z\",\"location\":\"LHS\",\"type\":\"FIGHT\",\"Country of Birth\":{\"name\":\"" + Secret + "\"}}\n" +
            $$"""{"external_id":"J3","received_at":"bad","location":"LHS","type":"FIGHT","visa":["{{Secret}}"]}""" + "\n" +
            $$"""{"external_id":"J4","received_at":"2026-11-23T10:05:00Z","location":"LHS","type":"FIGHT","nationality":"{{Secret}}" """ + "\n"; // broken JSON
        var s = f.Calls(jsonl, "calls.jsonl");
        Assert.Equal((4, 2, 2), (s.Read, s.Loaded, s.Rejected));
        Assert.Equal(4, s.Warnings);
        Assert.DoesNotContain(Secret, s.ToJson(), StringComparison.Ordinal);
        Assert.Equal(0, f.Count($"SELECT count(*) FROM events WHERE reason LIKE '%{Secret}%' OR detail LIKE '%{Secret}%'"));
        AssertNotInFiles(f, Secret);
    }

    /// <summary>Scans the bytes of the database file and its WAL (UTF-8 and UTF-16) for the value.</summary>
    private static void AssertNotInFiles(FeedFixture f, string value)
    {
        var files = new[] { f.Test.FilePath, f.Test.FilePath + "-wal" }.Where(File.Exists).ToList();
        Assert.Contains(f.Test.FilePath + "-wal", files); // the test must see uncheckpointed pages too
        foreach (var file in files)
        {
            var bytes = ReadShared(file);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(value)));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(System.Text.Encoding.Unicode.GetBytes(value)));
        }
        // Sanity: the scan does find stored text.
        var stored = System.Text.Encoding.UTF8.GetBytes("input=calls.");
        Assert.Contains(files, file => ReadShared(file).AsSpan().IndexOf(stored) >= 0);
    }

    private static byte[] ReadShared(string file)
    {
        using var fs = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var ms = new MemoryStream();
        fs.CopyTo(ms);
        return ms.ToArray();
    }
}
