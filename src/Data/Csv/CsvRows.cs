using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace SafetyConsole.Data.Csv;

/// <summary>One data row of a CSV file with a header: its physical line number (the header is line 1) and its fields by column name.</summary>
public sealed record CsvRow(int Line, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>The field's trimmed value, or "" when the column is absent or empty.</summary>
    public string this[string column] => Fields.TryGetValue(column, out var v) ? v.Trim() : "";
}

/// <summary>
/// Reads header-row CSV files (column order free, names case-insensitive) as <see cref="CsvRow"/>s,
/// streaming, with physical line numbers for error messages.
/// </summary>
public static class CsvRows
{
    public static CsvConfiguration Config() => new(CultureInfo.InvariantCulture)
    {
        PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(),
        TrimOptions = TrimOptions.Trim,
        BadDataFound = null,
        MissingFieldFound = null,
        DetectColumnCountChanges = false,
        IgnoreBlankLines = true,
    };

    /// <summary>A longer field is taken as an unclosed quote swallowing the file (district files are small; memory stays flat).</summary>
    public const int MaxFieldChars = 1 << 16;

    /// <summary>
    /// The header's column names (lower case), and the rows after it. The input is refused (exit 2, one sentence naming
    /// <paramref name="name"/> and the line) where a field runs past <see cref="MaxFieldChars"/>, where a quoted field
    /// swallowed a complete row (see <see cref="CsvSwallow"/>; <paramref name="required"/> names the columns a row
    /// must fill), and, for a reader made by <see cref="Utf8Check.Reader"/>, where a line is not UTF-8.
    /// </summary>
    public static (IReadOnlyList<string> Header, IEnumerable<CsvRow> Rows) Read(TextReader reader, string name = "the file", IReadOnlyCollection<string>? required = null)
    {
        var config = Config();
        config.MaxFieldSize = MaxFieldChars;
        var parser = new CsvParser(reader, config);
        var utf8 = Utf8Check.Of(reader);
        if (!ReadOrRefuse(parser, name, 1)) return ([], []);
        CheckUtf8(parser, utf8, name, 1);
        var header = parser.Record!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var mustFill = header.Select(h => required?.Contains(h) ?? false).ToArray();
        return (header, RowsAfterHeader(parser, header, name, mustFill, utf8));
    }

    private static bool ReadOrRefuse(CsvParser parser, string name, int line)
    {
        try
        {
            return parser.Read();
        }
        catch (CsvHelperException)
        {
            throw Store.SafetyException.Usage($"{name} line {line}: a field runs past {MaxFieldChars:N0} characters (an unclosed quote?); close the quote or shorten the field, and import again.");
        }
    }

    private static void CheckUtf8(CsvParser parser, Utf8Check? utf8, string name, int line)
    {
        if (utf8 is { Seen: true } && parser.RawRecord.Contains('\uFFFD', StringComparison.Ordinal))
            throw Store.SafetyException.Usage($"{name} line {line} has bytes that are not UTF-8; save the file as UTF-8 and import again (names and notes must read as written).");
    }

    private static IEnumerable<CsvRow> RowsAfterHeader(CsvParser parser, string[] header, string name, bool[] mustFill, Utf8Check? utf8)
    {
        using (parser)
        {
            var lines = new CsvLines(parser);
            while (ReadOrRefuse(parser, name, lines.Next))
            {
                var line = lines.StartOfRecord();
                CheckUtf8(parser, utf8, name, line);
                if (parser.RawRow > line && CsvSwallow.Find(parser, line, header.Length, mustFill) is { } s)
                    throw Store.SafetyException.Usage(
                        $"{name} line {s.OpenLine}: the quote opened in column '{header[s.Column]}' is not closed before line {s.Lines[0]}, " +
                        $"a complete row of its own, which it swallowed (the field runs to line {s.EndLine}); close the quote on line {s.OpenLine} and import again.");
                var record = parser.Record!;
                if (record.Length == 1 && string.IsNullOrWhiteSpace(record[0])) continue;
                var fields = new Dictionary<string, string>(header.Length, StringComparer.Ordinal);
                for (var i = 0; i < header.Length && i < record.Length; i++) fields[header[i]] = record[i];
                yield return new CsvRow(line, fields);
            }
        }
    }

    /// <summary>The physical line (1-based, header = 1) where the record just read started.</summary>
    internal static int StartLine(CsvParser parser) => parser.RawRow - CountNewlines(parser.RawRecord);

    private static int CountNewlines(string raw)
    {
        // RawRow counts the line the record ends on; a quoted field may span lines.
        var n = 0;
        foreach (var c in raw.AsSpan().TrimEnd("\r\n")) if (c == '\n') n++;
        return n;
    }
}

/// <summary>
/// The physical start line of each record a <see cref="CsvParser"/> reads, in order (call <see cref="StartOfRecord"/>
/// after every Read). A record right after the previous one starts on the line it ends on; only one that spans lines
/// (a quoted line break) or follows skipped blank lines needs its raw text counted, which costs a copy of it — on a
/// million-record feed, a third of the parser's allocations.
/// </summary>
internal sealed class CsvLines(CsvParser parser)
{
    private int _lastRawRow = parser.RawRow;

    /// <summary>The line after the last record read: where a record the parser could not finish begins (or a blank line before it).</summary>
    public int Next => _lastRawRow + 1;

    public int StartOfRecord()
    {
        var rawRow = parser.RawRow;
        var line = rawRow == _lastRawRow + 1 ? rawRow : CsvRows.StartLine(parser);
        _lastRawRow = rawRow;
        return line;
    }
}
