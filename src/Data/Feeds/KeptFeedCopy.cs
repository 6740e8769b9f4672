using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using CsvHelper.Configuration;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Feeds;

/// <summary>
/// R8 on disk: the copy of a feed file the inbox keeps in processed/ or rejected/ is written without the fields R8
/// forbids (<see cref="FeedFields.IsForbidden"/>), so their values never reach disk. CSV loses those columns, JSON Lines
/// those keys (at any depth). Everything else is kept line for line, so the errors' line numbers still point at the
/// right lines and a rejected copy, corrected, can be dropped in the inbox again. A JSON line that cannot be read and
/// names an R8 field is not kept (an empty line stands in its place) and a note says so. The copy is created 0660
/// (<see cref="FileModes.Shared"/>): the operators' group shares the inbox.
/// </summary>
public static class KeptFeedCopy
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the copy of <paramref name="source"/> as the new file <paramref name="target"/>; returns notes on lines not kept.</summary>
    public static IReadOnlyList<string> Write(string source, string target)
    {
        var format = FeedPipeline.FormatOf(Path.GetExtension(source).ToLowerInvariant()) ?? Sniff(source);
        using var output = FileModes.CreateNew(target, FileModes.Shared);
        if (format == FeedFormat.Jsonl) return WriteJsonl(source, output);
        WriteCsv(source, output);
        return [];
    }

    private static void WriteCsv(string source, FileStream output)
    {
        var forbidden = ForbiddenColumns(source);
        if (forbidden.Count == 0)
        {
            // Nothing to drop: the bytes as they came.
            using var input = File.OpenRead(source);
            input.CopyTo(output);
            return;
        }
        using var reader = new StreamReader(source, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvParser(reader, ReadAsIs());
        using var writer = new StreamWriter(output, new UTF8Encoding(false));
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" });
        while (parser.Read())
        {
            var record = parser.Record!;
            for (var i = 0; i < record.Length; i++)
            {
                if (!forbidden.Contains(i)) csv.WriteField(record[i]);
            }
            csv.NextRecord();
        }
    }

    /// <summary>The indexes of the header's R8 columns.</summary>
    private static HashSet<int> ForbiddenColumns(string source)
    {
        using var reader = new StreamReader(source, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvParser(reader, ReadAsIs());
        if (!parser.Read()) return [];
        return parser.Record!.Select((name, i) => (name, i)).Where(h => FeedFields.IsForbidden(h.name)).Select(h => h.i).ToHashSet();
    }

    /// <summary>Every record as written: blank lines and spaces kept, malformed quoting read as far as it goes.</summary>
    private static CsvConfiguration ReadAsIs() => new(CultureInfo.InvariantCulture)
    {
        BadDataFound = null,
        MissingFieldFound = null,
        DetectColumnCountChanges = false,
        IgnoreBlankLines = false,
        TrimOptions = TrimOptions.None,
    };

    private static List<string> WriteJsonl(string source, FileStream output)
    {
        var notes = new List<string>();
        using var reader = new StreamReader(source, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var writer = new StreamWriter(output, new UTF8Encoding(false)) { NewLine = "\n" };
        var n = 0;
        while (reader.ReadLine() is { } line)
        {
            n++;
            if (string.IsNullOrWhiteSpace(line))
            {
                writer.WriteLine(line);
                continue;
            }
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(line);
                if (RemoveForbidden(node)) line = node!.ToJsonString(Compact);
            }
            catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
            {
                if (line.Split('"').Any(FeedFields.IsForbidden))
                {
                    notes.Add($"line {n.ToString(CultureInfo.InvariantCulture)}: not kept in this copy (R8: it cannot be read and names an immigration, citizenship or birthplace field); correct it in the original source.");
                    line = "";
                }
            }
            writer.WriteLine(line);
        }
        return notes;
    }

    /// <summary>Removes R8 keys from every object in <paramref name="node"/>; returns whether it removed any.</summary>
    private static bool RemoveForbidden(JsonNode? node)
    {
        var removed = false;
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    if (FeedFields.IsForbidden(key)) removed |= o.Remove(key);
                    else removed |= RemoveForbidden(o[key]);
                }
                break;
            case JsonArray a:
                foreach (var item in a) removed |= RemoveForbidden(item);
                break;
        }
        return removed;
    }

    /// <summary>As the loader decides without an extension: the first non-blank character '{' means JSON Lines.</summary>
    private static FeedFormat Sniff(string source)
    {
        using var reader = new StreamReader(source, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        int c;
        while ((c = reader.Read()) >= 0 && char.IsWhiteSpace((char)c)) { }
        return c == '{' ? FeedFormat.Jsonl : FeedFormat.Csv;
    }
}
