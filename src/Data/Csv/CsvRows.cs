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

    /// <summary>The header's column names (lower case), and the rows after it.</summary>
    public static (IReadOnlyList<string> Header, IEnumerable<CsvRow> Rows) Read(TextReader reader)
    {
        var parser = new CsvParser(reader, Config());
        if (!parser.Read()) return ([], []);
        var header = parser.Record!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        return (header, RowsAfterHeader(parser, header));
    }

    private static IEnumerable<CsvRow> RowsAfterHeader(CsvParser parser, string[] header)
    {
        using (parser)
        {
            var lines = new CsvLines(parser);
            while (parser.Read())
            {
                var line = lines.StartOfRecord();
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
