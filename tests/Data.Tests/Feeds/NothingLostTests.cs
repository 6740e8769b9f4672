using System.Text;
using Dapper;
using SafetyConsole.Data.Feeds;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Feeds;

/// <summary>
/// Issue 13, "Nothing silently lost": every physical record of a feed is accounted for (a row swallowed by an unclosed
/// quote included), a huge field is one sentence and never a crash, text that is not what it claims is rejected or
/// warned about rather than coerced or replaced silently, and impossible times are caught.
/// </summary>
public class NothingLostTests
{
    private const string Header5 = "external_id,received_at,location,type,description";

    private static string Row(string id, string description) => $"{id},2026-11-23T10:05:00-08:00,LHS,FIGHT,{description}";

    private static FeedSummary Load(FeedFixture f, byte[] bytes, string name)
    {
        using var input = FeedInput.FromStream(new MemoryStream(bytes), name, Path.GetFileNameWithoutExtension(name), mayWait: false);
        return CallFeed.Load(f.Db, input, f.Options());
    }

    // ---- a swallowed row ------------------------------------------------------------------------------------

    [Fact]
    public void A_quote_left_open_that_swallows_complete_records_rejects_them_all_naming_both_lines()
    {
        using var f = new FeedFixture();
        var csv = string.Join("\n",
            Header5,                                  // line 1
            Row("S1", "first"),                       // line 2
            Row("S2", "\"second, the quote never closes"), // line 3
            Row("S3", "third"),                       // line 4: a complete record, swallowed
            Row("S4", "fourth\""),                    // line 5: swallowed; its quote ends the field
            Row("S5", "fifth")) + "\n";               // line 6
        var s = f.Calls(csv);

        Assert.Equal((5, 2, 3, 1), (s.Read, s.Loaded, s.Rejected, s.ExitCode)); // every physical record counted
        Assert.Equal([(3, "record"), (4, "record"), (5, "record")], s.Errors.Select(e => (e.Line, e.Field)));
        Assert.Equal("the quote opened in description on line 3 is not closed before line 4, a complete record of its own, which it swallowed " +
            "(the field runs to line 5); close the quote on line 3 and load the file again", s.Errors[0].Reason);
        Assert.Equal("swallowed by the quote opened in description on line 3, which is not closed; close that quote and load the file again", s.Errors[1].Reason);
        Assert.Equal(0, f.Count("SELECT count(*) FROM calls WHERE external_id IN ('S2', 'S3', 'S4')"));
    }

    [Fact]
    public void A_quoted_line_break_in_a_description_is_text_not_a_swallowed_record()
    {
        using var f = new FeedFixture();
        // The lines inside the quote do not have the header's five fields with external_id, received_at, location and type filled.
        var csv = Header5 + "\n" + Row("Q1", "\"Said: a, b, c\nthen, ran off,\n,,,,\"") + "\n" + Row("Q2", "ok") + "\n";
        var s = f.Calls(csv);
        Assert.Equal((2, 2, 0), (s.Read, s.Loaded, s.Rejected));
    }

    [Fact]
    public void The_complete_record_rule_counts_fields_and_requires_the_required_ones()
    {
        bool[] required = [true, true, false];
        Assert.True(Csv.CsvSwallow.IsCompleteRecord("a,b,c", 3, required));
        Assert.True(Csv.CsvSwallow.IsCompleteRecord("a,\"b, quoted\",", 3, required));
        Assert.False(Csv.CsvSwallow.IsCompleteRecord("a,,c", 3, required));       // a required field empty
        Assert.False(Csv.CsvSwallow.IsCompleteRecord("a,b", 3, required));        // too few
        Assert.False(Csv.CsvSwallow.IsCompleteRecord("a,b,c,d", 3, required));    // too many
        Assert.False(Csv.CsvSwallow.IsCompleteRecord("a,\"b,c", 3, required));    // a quote left open on the line
    }

    // ---- a huge field -----------------------------------------------------------------------------------------

    [Fact]
    public void A_huge_csv_header_is_one_sentence_and_exit_2_not_a_crash()
    {
        using var f = new FeedFixture();
        var e = Assert.Throws<SafetyException>(() => f.Calls(Header5 + new string('x', 2_000_000) + "\n" + Row("H1", "ok") + "\n"));
        Assert.Equal(2, e.ExitCode);
        Assert.StartsWith("calls.csv is not a readable calls CSV feed: its header (line 1) runs past 1,048,576 characters;", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_csv_field_is_one_sentence_and_exit_2_after_loading_what_came_before()
    {
        using var f = new FeedFixture();
        var csv = Header5 + "\n" + Row("H1", "ok") + "\n" + Row("H2", "\"" + new string('x', 2_000_000)) + "\n" + Row("H3", "never read") + "\n";
        var e = Assert.Throws<SafetyException>(() => f.Calls(csv));
        Assert.Equal(2, e.ExitCode);
        Assert.Equal("calls.csv line 3: a field runs past 1,048,576 characters (an unclosed quote?), so the rest of it cannot be read; " +
            "1 record(s) before it were read (1 loaded, 0 duplicate(s), 0 rejected). Fix line 3 and load the file again (records already loaded count as duplicates, never twice).", e.Message);
        Assert.Equal(1, f.Count("SELECT count(*) FROM calls WHERE external_id = 'H1'"));
    }

    [Fact]
    public void A_huge_json_line_is_rejected_and_the_rest_is_loaded()
    {
        using var f = new FeedFixture();
        var jsonl = "{\"external_id\":\"J1\",\"received_at\":\"2026-11-23T10:05:00Z\",\"location\":\"LHS\",\"type\":\"FIGHT\",\"description\":\"" + new string('x', 2_000_000) + "\"}\n" +
                    "{\"external_id\":\"J2\",\"received_at\":\"2026-11-23T10:05:00Z\",\"location\":\"LHS\",\"type\":\"FIGHT\"}\n";
        var s = f.Calls(jsonl, "calls.jsonl");
        Assert.Equal((2, 1, 1), (s.Read, s.Loaded, s.Rejected));
        Assert.Equal((1, "record", "the line is longer than 1,048,576 bytes"), (s.Errors[0].Line, s.Errors[0].Field, s.Errors[0].Reason));
    }

    // ---- empty input ------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("calls.csv", "")]
    [InlineData("calls.jsonl", "")]
    [InlineData("calls.csv", "\n  \r\n")]
    [InlineData("calls.txt", "\uFEFF")]
    public void An_empty_input_has_no_header_and_is_exit_2(string name, string text)
    {
        using var f = new FeedFixture();
        var e = Assert.Throws<SafetyException>(() => f.Calls(text, name));
        Assert.Equal(2, e.ExitCode);
        Assert.Equal($"{name} is empty: it has no header and no records; give a CSV feed whose first line names the columns, or JSON Lines.", e.Message);
    }

    // ---- invalid UTF-8 ----------------------------------------------------------------------------------------

    [Fact]
    public void Bytes_that_are_not_utf8_in_a_csv_are_warned_about_once_naming_the_first_line()
    {
        using var f = new FeedFixture();
        var bytes = Concat(Header5 + "\n" + Row("U1", "fine") + "\n" + Row("U2", "caf"), new byte[] { 0xE9 }, "\n" + Row("U3", "na"), new byte[] { 0xEF, 0xBB }, "ve\n");
        var s = Load(f, bytes, "calls.csv");
        Assert.Equal((3, 3, 0), (s.Read, s.Loaded, s.Rejected));
        var warning = Assert.Single(s.WarningMessages);
        Assert.Equal("line 3 (the first such line) has bytes that are not UTF-8; they were replaced by U+FFFD. Save the file as UTF-8 to keep the text as written.", warning);
        Assert.Equal("caf\uFFFD", f.Text("SELECT description FROM calls WHERE external_id = 'U2'"));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_in_json_lines_are_warned_about_once_and_the_record_loads()
    {
        using var f = new FeedFixture();
        var bytes = Concat("{\"external_id\":\"V1\",\"received_at\":\"2026-11-23T10:05:00Z\",\"location\":\"LHS\",\"type\":\"FIGHT\"}\n" +
                           "{\"external_id\":\"V2\",\"received_at\":\"2026-11-23T10:05:00Z\",\"location\":\"LHS\",\"type\":\"FIGHT\",\"description\":\"caf", new byte[] { 0xE9 }, "\"}\n" +
                           "{\"external_id\":\"V3\",\"received_at\":\"2026-11-23T10:05:00Z\",\"location\":\"LHS\",\"type\":\"FIGHT\",\"description\":\"", new byte[] { 0xFF }, "\"}\n");
        var s = Load(f, bytes, "calls.jsonl");
        Assert.Equal((3, 3), (s.Read, s.Loaded));
        Assert.StartsWith("line 2 (the first such line) has bytes that are not UTF-8", Assert.Single(s.WarningMessages), StringComparison.Ordinal);
        Assert.Equal("caf\uFFFD", f.Text("SELECT description FROM calls WHERE external_id = 'V2'"));
    }

    private static byte[] Concat(params object[] parts) =>
        parts.SelectMany(p => p is string s ? Encoding.UTF8.GetBytes(s) : (byte[])p).ToArray();

    // ---- JSON: duplicate keys and wrong types -------------------------------------------------------------------

    [Fact]
    public void Json_lines_with_a_key_given_twice_or_a_value_of_the_wrong_type_are_rejected_not_coerced()
    {
        using var f = new FeedFixture();
        const string rest = "\"received_at\":\"2026-11-23T10:05:00Z\",\"location\":\"LHS\",\"type\":\"FIGHT\"";
        var jsonl = string.Join("\n",
            $"{{\"external_id\":\"K1\",{rest},\"description\":true}}",                       // line 1
            $"{{\"external_id\":\"K2\",\"externalId\":\"K3\",{rest}}}",                        // line 2: one field, two keys
            $"{{\"external_id\":\"K4\",{rest},\"extra\":1,\"extra\":2}}",                      // line 3: an unknown key twice
            $"{{\"external_id\":44,{rest}}}",                                                  // line 4: a number where text is expected
            $"{{\"external_id\":\"K5\",{rest},\"priority\":false}}",                           // line 5
            $"{{\"external_id\":\"K6\",{rest},\"priority\":2,\"description\":null}}",          // line 6: a number where a number is expected; null is absent
            $"{{\"external_id\":\"K7\",{rest},\"priority\":\"3\"}}") + "\n";                   // line 7: a number in a string
        var s = f.Calls(jsonl, "calls.jsonl");
        Assert.Equal((7, 2, 5), (s.Read, s.Loaded, s.Rejected));
        Assert.Equal([
            (1, "description", "must be a JSON string (text in quotes), not true"),
            (2, "external_id", "given twice (keys 'external_id' and 'externalId'); keep one"),
            (3, "record", "the key 'extra' is given twice; keep one"),
            (4, "external_id", "must be a JSON string (text in quotes), not a number"),
            (5, "priority", "must be a number, not false"),
        ], s.Errors.Select(e => (e.Line, e.Field, e.Reason)));
        Assert.Equal(2, f.Count("SELECT priority FROM calls WHERE external_id = 'K6'"));
        Assert.Equal(3, f.Count("SELECT priority FROM calls WHERE external_id = 'K7'"));
    }

    // ---- impossible times -------------------------------------------------------------------------------------

    [Fact]
    public void A_received_at_more_than_a_day_after_the_clock_is_rejected_and_one_before_the_school_year_is_a_warning()
    {
        // THE test district, imported with a school year that starts 2026-09-02 (the builder's school-year option).
        using var f = new FeedFixture(d => d.SchoolYear(new DateOnly(2026, 9, 2), new DateOnly(2027, 6, 17)));
        // The clock is 2026-11-23T18:00Z.
        var csv = string.Join("\n", Header5,
            "T1,2026-11-24T17:59:00Z,LHS,FIGHT,within a day",       // line 2
            "T2,2026-11-24T18:01:00Z,LHS,FIGHT,a day and a minute",  // line 3
            "T3,2025-11-23T10:00:00-08:00,LHS,FIGHT,last year",       // line 4
            "T4,2026-09-01T23:59:00-07:00,LHS,FIGHT,the eve") + "\n"; // line 5
        var s = f.Calls(csv);
        Assert.Equal((4, 3, 1), (s.Read, s.Loaded, s.Rejected));
        var error = Assert.Single(s.Errors);
        Assert.Equal((3, "received_at"), (error.Line, error.Field));
        Assert.Equal("'2026-11-24T18:01:00Z' is more than a day after the clock (2026-11-23T18:00:00.000Z); check the sending system's clock and time zone", error.Reason);
        Assert.Equal("line 4 (the first such record): received_at '2025-11-23T10:00:00-08:00' is before the school year, which starts 2026-09-02; loaded, but check the sending system's clock.",
            Assert.Single(s.WarningMessages));
    }

    [Fact]
    public void A_ping_more_than_a_day_after_the_clock_is_rejected_so_it_cannot_pin_the_officer_position()
    {
        using var f = new FeedFixture();
        var s = f.Positions("badge,at,lat,lon\nCSO-1,2027-01-01T00:00:00Z,47.2,-122.4\nCSO-1,2026-11-23T17:00:00Z,47.3,-122.5\n");
        Assert.Equal((2, 1, 1), (s.Read, s.Loaded, s.Rejected));
        Assert.Equal((2, "at"), (s.Errors[0].Line, s.Errors[0].Field));
        Assert.Equal(47.3, f.Db.Connection.ExecuteScalar<double>("SELECT last_lat FROM officers WHERE badge = 'CSO-1'"));
    }
}
