using System.Text;
using CsvHelper;
using SafetyConsole.Bench.Csv;
using SafetyConsole.Data.Csv;

// --raw-start-line: every record's start line from its raw text (CsvRows.StartLine), as the product did before CsvLines.
var rawStartLine = args.Contains("--raw-start-line");
return ParseHarness.Run(args, "33.0.1", (path, mode, sink) => Parse(path, mode, sink, rawStartLine));

// As the product's CsvSource reads a feed (src/Data/Feeds/RecordSources.cs): the low-level CsvParser with
// CsvRows.Config() and MaxFieldSize, a StreamReader that honours a BOM, the header mapped to field indexes, blank and
// whitespace-only lines skipped, the field count checked, and each record's physical start line.
static void Parse(string path, FieldMode mode, RecordSink sink, bool rawStartLine)
{
    if (mode != FieldMode.Strings) throw new NotSupportedException("CsvHelper 33's CsvParser hands out fields as (unpooled) strings only.");
    var config = CsvRows.Config(); // the product's own configuration
    config.MaxFieldSize = ParseHarness.MaxFieldChars;
    using var parser = new CsvParser(new StreamReader(ParseHarness.Open(path), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16), config);
    if (!parser.Read()) return;
    var map = ParseHarness.Map(parser.Record!);
    var values = new string?[ParseHarness.Columns.Length];
    var previousEnd = parser.RawRow;
    while (true)
    {
        try
        {
            if (!parser.Read()) return;
        }
        catch (CsvHelperException)
        {
            sink.Broken(parser.RawRow);
            return;
        }
        var count = parser.Count;
        if (count == 1 && string.IsNullOrWhiteSpace(parser[0])) continue;
        // RawRow is the line the record ends on. A record that ends on the line after the previous record's end is one
        // line and starts there; otherwise (blank lines before it, or quoted line breaks in it) count the line breaks in
        // its raw text. RawRecord builds a string, so this saves one allocation per record over CsvRows.StartLine
        // (the product's CsvLines does the same).
        var end = parser.RawRow;
        var line = end == previousEnd + 1 && !rawStartLine ? end : StartLine(parser);
        previousEnd = end;
        if (count != map.Length)
        {
            sink.WrongFieldCount(line, count, map.Length);
            continue;
        }
        Array.Clear(values);
        for (var c = 0; c < count; c++)
        {
            var i = map[c];
            if (i >= 0) values[i] = parser[c];
        }
        sink.Record(line, values);
    }
}

// The product's CsvRows.StartLine: the end line less the line breaks inside the record.
static int StartLine(CsvParser parser)
{
    var n = 0;
    foreach (var c in parser.RawRecord.AsSpan().TrimEnd("\r\n")) if (c == '\n') n++;
    return parser.RawRow - n;
}
