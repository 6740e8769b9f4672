using CsvHelper;

namespace SafetyConsole.Data.Csv;

/// <summary>
/// A quoted field left open takes in the lines after it, up to the next quote: the rows on those lines vanish into
/// one field. A record that spans lines is checked for that: each line it took in after its first is tested on its
/// own, and one that is <b>a complete record</b> — it splits into exactly the header's number of fields, with a value
/// in every required column — was swallowed. A quoted line break inside a description is kept as text: its lines
/// rarely have the header's number of fields and all the required ones. Only records that span lines are checked,
/// so the one-line records of a bulk load cost nothing.
/// </summary>
internal sealed record CsvSwallow(int Column, int OpenLine, int EndLine, IReadOnlyList<int> Lines)
{
    /// <summary>
    /// For the record the parser just read, starting on <paramref name="startLine"/> and spanning lines: the field whose
    /// quote swallowed complete records and the lines of those records; null when none did.
    /// </summary>
    public static CsvSwallow? Find(CsvParser parser, int startLine, int columns, IReadOnlyList<bool> required)
    {
        var raw = parser.RawRecord.AsSpan().TrimEnd("\r\n");
        List<int>? swallowed = null;
        var line = startLine;
        var rest = raw;
        var first = true;
        while (rest.Length > 0 || first)
        {
            var nl = rest.IndexOf('\n');
            var text = (nl < 0 ? rest : rest[..nl]).TrimEnd('\r');
            if (!first && IsCompleteRecord(text, columns, required)) (swallowed ??= []).Add(line);
            first = false;
            if (nl < 0) break;
            rest = rest[(nl + 1)..];
            line++;
        }
        if (swallowed is null) return null;

        // The field that holds a line break is the one whose quote was left open; it opened on the line it starts on.
        var open = startLine;
        for (var c = 0; c < parser.Count; c++)
        {
            var value = parser[c];
            if (value.AsSpan().IndexOfAny('\n', '\r') >= 0) return new CsvSwallow(c, open, line, swallowed);
            open += value.AsSpan().Count('\n');
        }
        return new CsvSwallow(parser.Count - 1, startLine, line, swallowed);
    }

    /// <summary>Does one physical line, read on its own, hold exactly <paramref name="columns"/> fields with every required one filled?</summary>
    internal static bool IsCompleteRecord(ReadOnlySpan<char> line, int columns, IReadOnlyList<bool> required)
    {
        var field = 0;
        var i = 0;
        while (true)
        {
            if (field >= columns) return false;
            var filled = false;
            while (i < line.Length && line[i] is ' ' or '\t') i++;
            if (i < line.Length && line[i] == '"')
            {
                // Quoted: to the closing quote ("" is a quote inside); a quote left open on this line is not a record.
                i++;
                while (true)
                {
                    if (i >= line.Length) return false;
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { filled = true; i += 2; continue; }
                        i++;
                        break;
                    }
                    if (!char.IsWhiteSpace(line[i])) filled = true;
                    i++;
                }
                while (i < line.Length && line[i] != ',') i++; // lenient, as the parser: text after the quote stays
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                {
                    if (!char.IsWhiteSpace(line[i])) filled = true;
                    i++;
                }
            }
            if (required[field] && !filled) return false;
            field++;
            if (i >= line.Length) return field == columns;
            i++; // the comma
        }
    }
}
