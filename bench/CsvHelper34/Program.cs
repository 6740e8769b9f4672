using CsvHelper;
using SafetyConsole.Bench.Csv;

return ParseHarness.Run(args, "34.0.0", Parse);

// What the product's CsvSource needs, with CsvHelper 34's low-level reader (CsvReader over the UTF-8 stream, fields
// read by index): the header mapped to field indexes, blank and whitespace-only lines skipped, the field count
// checked, each record's physical start line (TrackLineNumbers), and MaxRecordSize as the guard against an
// unclosed quote swallowing the file.
static void Parse(string path, FieldMode mode, RecordSink sink)
{
    var options = new CsvReaderOptions
    {
        Separator = ',', // the default (null) guesses among , ; tab and | from the first lines
        DetectSeparatorHint = false, // a first line "sep=;" is data (a header), as in 33
        TrimWhitespace = true, // as TrimOptions.Trim: outside quotes only
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        PoolStrings = mode == FieldMode.Pooled, // repeated values of a column (source, type, location, role) shared
        // UTF-8 bytes, not chars: a record this long that is not complete yet throws (the buffer stays ≤ 2 × this).
        MaxRecordSize = ParseHarness.MaxFieldChars,
    };
    using var reader = CsvReader.Create(ParseHarness.Open(path), options);
    var map = ParseHarness.Map(reader.Headers);
    if (map.Length == 0) return; // empty input: no header, no records
    var values = new string?[ParseHarness.Columns.Length];
    while (true)
    {
        try
        {
            if (!reader.Read()) return;
        }
        catch (CsvFormatException e)
        {
            sink.Broken((int)e.LineNumber);
            return;
        }
        var count = reader.FieldCount;
        if (count == 1 && string.IsNullOrWhiteSpace(reader.GetString(0))) continue; // rare: decoding costs nothing here
        var line = (int)reader.LineNumber;
        if (count != map.Length)
        {
            sink.WrongFieldCount(line, count, map.Length);
            continue;
        }
        if (mode == FieldMode.Spans)
        {
            long bytes = 0;
            for (var c = 0; c < count; c++)
                if (map[c] >= 0) bytes += reader.GetSpan(c).Length;
            sink.Record(line, bytes);
            continue;
        }
        Array.Clear(values);
        for (var c = 0; c < count; c++)
        {
            var i = map[c];
            if (i >= 0) values[i] = reader.GetString(c);
        }
        sink.Record(line, values);
    }
}
