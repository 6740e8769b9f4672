using System.IO.Pipes;
using System.Text;
using Dapper;
using SafetyConsole.Data.Feeds;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Feeds;

/// <summary>Idempotence, line numbers, formats, unreadable input and streaming of `feed load` (DESIGN §4, §5).</summary>
public class FeedLoadTests
{
    [Fact]
    public void Loading_the_same_file_twice_loads_nothing_the_second_time()
    {
        using var f = new FeedFixture();
        var csv = FeedFixture.Csv(FeedFixture.Good("A1"), FeedFixture.Good("A2"), FeedFixture.Good("A3"));
        var first = f.Calls(csv);
        var second = f.Calls(csv);
        Assert.Equal((3, 3, 0), (first.Read, first.Loaded, first.Duplicates));
        Assert.Equal((3, 0, 3, 0), (second.Read, second.Loaded, second.Duplicates, second.ExitCode));
        Assert.Equal(3, f.Count("SELECT count(*) FROM calls"));
    }

    [Fact]
    public void A_duplicate_within_one_file_is_counted_not_loaded()
    {
        using var f = new FeedFixture();
        var s = f.Calls(FeedFixture.Csv(FeedFixture.Good("A1"), FeedFixture.Good("A2"), FeedFixture.Good("A1")));
        Assert.Equal((3, 2, 1, 0), (s.Read, s.Loaded, s.Duplicates, s.ExitCode));
        Assert.Equal(1, f.Count("SELECT count(*) FROM calls WHERE external_id = 'A1'"));
    }

    [Fact]
    public void Duplicates_are_counted_exactly_when_calls_are_inserted_many_to_a_statement()
    {
        // The writer inserts 64 calls per statement: duplicates of stored calls, of calls earlier in the same
        // statement and of calls in an earlier statement must each be counted once and never stored twice.
        using var f = new FeedFixture();
        f.Calls(FeedFixture.Csv(Enumerable.Range(0, 50).Select(i => FeedFixture.Good($"D{i}")).ToArray()));
        var rows = Enumerable.Range(0, 300).Select(i => FeedFixture.Good($"D{(i % 3 == 2 ? i - 1 : i) % 200}")).ToArray();
        var expectedNew = rows.Distinct().Count(r => !Enumerable.Range(0, 50).Any(i => r.StartsWith($"D{i},", StringComparison.Ordinal)));
        var s = f.Calls(FeedFixture.Csv(rows), options: f.Options(batch: 130));
        Assert.Equal((300, expectedNew, 300 - expectedNew, 0), (s.Read, s.Loaded, s.Duplicates, s.Rejected));
        Assert.Equal(50 + expectedNew, f.Count("SELECT count(*) FROM calls"));
        Assert.Equal(0, f.Count("SELECT count(*) FROM (SELECT external_id FROM calls GROUP BY source, external_id HAVING count(*) > 1)"));
    }

    [Fact]
    public void Every_call_keeps_its_own_text_when_a_statement_binds_more_than_its_text_buffer_held()
    {
        // Issue 18: text is bound in place from a pinned buffer (SQLITE_STATIC). 64, 8 and 1 rows to a statement, with
        // descriptions of up to 2,000 characters of 1-, 2- and 3-byte UTF-8, make the buffer grow mid-statement; no
        // call may get another's text, or text overwritten by a later statement.
        using var f = new FeedFixture();
        string Description(int i) => $"#{i} " + new string("aé€"[i % 3], 1 + i * 97 % 1990);
        var rows = Enumerable.Range(0, 64 + 8 + 3).Select(i => $"T{i},2026-11-23T10:05:00-08:00,LHS,FIGHT,,{Description(i)},teacher,").ToArray();
        var s = f.Calls(FeedFixture.Csv(rows));
        Assert.Equal((75, 75, 0), (s.Read, s.Loaded, s.Rejected));
        var stored = f.Db.Connection.Query<(string Id, string Description)>("SELECT external_id, description FROM calls").ToDictionary(r => r.Id, r => r.Description);
        for (var i = 0; i < rows.Length; i++) Assert.Equal(Description(i), stored[$"T{i}"]);
    }

    [Fact]
    public void An_unclosed_quote_running_past_the_field_limit_is_unreadable_at_the_line_where_its_record_starts()
    {
        using var f = new FeedFixture();
        var runaway = string.Join("\n", Enumerable.Range(0, 40_000).Select(i => $"X{i},2026-11-23T10:05:00Z,LHS,FIGHT,,filler filler filler,,"));
        var csv = FeedFixture.Csv(FeedFixture.Good("U1"), FeedFixture.Good("U2")) +
                  "U3,2026-11-23T10:05:00Z,LHS,FIGHT,,\"the quote never closes,,\n" + // line 4
                  runaway + "\n";
        // Issue 13: the parser cannot tell where that record ends, so the rest is not "not read" silently: exit 2, one
        // sentence with the line and what was loaded before it.
        var e = Assert.Throws<SafetyException>(() => f.Calls(csv));
        Assert.Equal(2, e.ExitCode);
        Assert.StartsWith("calls.csv line 4: a field runs past 1,048,576 characters (an unclosed quote?), so the rest of it cannot be read; 2 record(s) before it were read (2 loaded,", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, f.Count("SELECT count(*) FROM calls"));
    }

    [Fact]
    public void Csv_line_numbers_count_physical_lines_from_the_header()
    {
        using var f = new FeedFixture();
        var csv = FeedFixture.Header + "\n" +
                  "L1,2026-11-23T10:05:00Z,LHS,FIGHT,,\"a description\nover three\nlines\",,\n" + // lines 2-4
                  "L2,2026-11-23T10:05:00Z,NOPE,FIGHT,,,,\n" +                                     // line 5
                  "\n" +                                                                            // line 6, blank
                  "L3,never,LHS,FIGHT,,,,\n" +                                                      // line 7
                  "L4,2026-11-23T10:05:00Z,LHS,FIGHT\n";                                            // line 8: too few fields
        var s = f.Calls(csv);
        Assert.Equal((4, 1, 3), (s.Read, s.Loaded, s.Rejected));
        Assert.Equal([(5, "location"), (7, "received_at"), (8, "record")], s.Errors.Select(e => (e.Line, e.Field)));
        Assert.Equal("a description over three lines", f.Text("SELECT description FROM calls WHERE external_id = 'L1'"));
    }

    [Fact]
    public void Jsonl_line_numbers_are_physical_lines_and_blank_lines_count()
    {
        using var f = new FeedFixture();
        var jsonl = "{\"external_id\":\"J1\",\"received_at\":\"2026-11-23T10:05:00Z\",\"location\":\"LHS\",\"type\":\"FIGHT\",\"priority\":2}\n" +
                    "\n" +
                    "   \r\n" +
                    "{\"external_id\":\"J2\",\"received_at\":\"2026-11-23T10:05:00Z\",\"location\":\"NOPE\",\"type\":\"FIGHT\"}\r\n" +
                    "not json\n" +
                    "{\"external_id\":\"J3\",\"received_at\":\"2026-11-23T10:05:00Z\",\"location\":\"LHS\",\"type\":\"FIGHT\",\"description\":[1]}\n" +
                    "{\"external_id\":\"J4\",\"received_at\":\"2026-11-23T10:05:00Z\",\"location\":\"LHS\",\"type\":\"FIGHT\"} {}\n" +
                    "{\"external_id\":\"J5\",\"received_at\":\"2026-11-23T10:05:00Z\",\"location\":\"LHS\",\"type\":\"FIGHT\",\"extra\":1}";
        var s = f.Calls(jsonl, "calls.ndjson");
        Assert.Equal((6, 2, 4), (s.Read, s.Loaded, s.Rejected)); // blank lines are not records
        Assert.Equal([(4, "location"), (5, "record"), (6, "description"), (7, "record")], s.Errors.Select(e => (e.Line, e.Field)));
        Assert.Equal(2, f.Count("SELECT priority FROM calls WHERE external_id = 'J1'"));
        Assert.Contains(s.WarningMessages, w => w.StartsWith("Unknown field 'extra'", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_fields_warn_once_per_file()
    {
        using var f = new FeedFixture();
        var jsonl = string.Join("\n", Enumerable.Range(1, 3).Select(i =>
            $$"""{"external_id":"U{{i}}","received_at":"2026-11-23T10:05:00Z","location":"LHS","type":"FIGHT","color":"red","size":{{i}}}"""));
        var s = f.Calls(jsonl, "calls.jsonl");
        Assert.Equal((3, 2), (s.Loaded, s.Warnings));
    }

    [Theory]
    [InlineData("calls.txt", null, "{\"external_id\":\"F1\",\"received_at\":\"2026-11-23T10:05:00Z\",\"location\":\"LHS\",\"type\":\"FIGHT\"}\n")] // sniffed
    [InlineData("calls.txt", null, "\n\nexternal_id,received_at,location,type\nF1,2026-11-23T10:05:00Z,LHS,FIGHT\n")]                        // sniffed CSV
    [InlineData("calls.data", FeedFormat.Jsonl, "{\"external_id\":\"F1\",\"received_at\":\"2026-11-23T10:05:00Z\",\"location\":\"LHS\",\"type\":\"FIGHT\"}\n")]
    [InlineData("calls.csv", null, "\uFEFFExternal ID,Received At,LOCATION,Type\nF1,2026-11-23T10:05:00Z,LHS,FIGHT\n")]                     // BOM, header names normalized
    public void The_format_comes_from_the_option_the_extension_or_the_first_character(string name, FeedFormat? format, string text)
    {
        using var f = new FeedFixture();
        var s = f.Calls(text, name, f.Options(format: format));
        Assert.Equal((1, 0), (s.Loaded, s.Rejected));
    }

    [Theory]
    [InlineData("calls.csv", "id,when,where\n1,2,3\n", "lacks the column(s) external_id, received_at, location, type")]
    [InlineData("calls.csv", "external_id,received_at,location,type,location\n", "names location twice")]
    [InlineData("calls.jsonl", "external_id,received_at,location,type\n", "is not JSON Lines")]
    [InlineData("calls.bin", "\u0001\u0002\u0003binary", "lacks the column(s)")]
    public void Input_that_is_not_a_feed_at_all_is_unreadable_exit_2(string name, string text, string message)
    {
        using var f = new FeedFixture();
        var e = Assert.Throws<SafetyException>(() => f.Calls(text, name));
        Assert.Equal(2, e.ExitCode);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(0, f.Count("SELECT count(*) FROM events WHERE kind LIKE 'feed.%'"));
    }

    [Fact]
    public void A_missing_file_is_unreadable_exit_2()
    {
        var e = Assert.Throws<SafetyException>(() => FeedInput.OpenFile(Path.Combine(Path.GetTempPath(), "no-such-feed.csv")));
        Assert.Equal(2, e.ExitCode);
        Assert.Contains("There is no feed file at", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_without_records_loads_nothing_and_is_done()
    {
        // (A 0-byte input has no header: it is unreadable, exit 2; see NothingLostTests.)
        using var f = new FeedFixture();
        var s = f.Calls(FeedFixture.Header + "\n");
        Assert.Equal((0, 0, 0), (s.Read, s.Rejected, s.ExitCode));
    }

    [Fact]
    public async Task Streamed_records_are_committed_one_by_one_as_they_arrive()
    {
        using var f = new FeedFixture();
        var lines = Enumerable.Range(1, 5).Select(i =>
            $$"""{"external_id":"S{{i}}","received_at":"2026-11-23T10:05:00Z","location":"LHS","type":"FIGHT"}""").ToArray();
        var s = await StreamThroughPipe(f, null, null, lines);
        Assert.Equal((5, 5), (s.Read, s.Loaded));
        Assert.Equal(5, f.Count("SELECT count(*) FROM events WHERE kind = 'feed.loaded'"));
        Assert.Equal("stdin", f.Text("SELECT DISTINCT source FROM calls"));
    }

    [Fact]
    public async Task Streamed_csv_records_are_committed_as_they_arrive_too()
    {
        using var f = new FeedFixture();
        var lines = Enumerable.Range(1, 3).Select(i => $"C{i},2026-11-23T10:05:00Z,LHS,FIGHT").ToArray();
        var s = await StreamThroughPipe(f, FeedFormat.Csv, "external_id,received_at,location,type", lines);
        Assert.Equal(3, s.Loaded);
    }

    /// <summary>
    /// Writes <paramref name="lines"/> one by one into a pipe read by a load, and after each waits until another
    /// connection sees it committed, while the pipe is still open (a record is committed as it arrives).
    /// </summary>
    private static async Task<FeedSummary> StreamThroughPipe(FeedFixture f, FeedFormat? format, string? header, string[] lines)
    {
        using var reader = f.Test.OpenAnother();
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        using var input = FeedInput.FromStream(client, "standard input", "stdin", mayWait: true);
        var load = Task.Run(() => CallFeed.Load(f.Db, input, f.Options(format: format)));
        if (header is not null) server.Write(Encoding.UTF8.GetBytes(header + "\n"));
        for (var i = 1; i <= lines.Length; i++)
        {
            server.Write(Encoding.UTF8.GetBytes(lines[i - 1] + "\n"));
            server.Flush();
            var n = i;
            Eventually.That(() => load.IsCompleted || reader.Connection.ExecuteScalar<long>("SELECT count(*) FROM calls") >= n, TimeSpan.FromSeconds(20),
                () => $"record {n} was not committed while the input stayed open", every: TimeSpan.FromMilliseconds(1));
            Assert.False(load.IsCompleted, "the load ended before its input did");
        }
        server.Dispose();
        return await load;
    }
}
