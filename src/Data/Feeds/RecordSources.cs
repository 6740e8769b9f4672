using System.Text;
using System.Text.Json;
using CsvHelper;
using SafetyConsole.Data.Csv;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Feeds;

/// <summary>
/// One record as read, before validation: its physical line, the raw text of each known field (null when absent),
/// a record-level problem (not JSON, wrong number of CSV fields), and the R8 field names it carried (never their values).
/// Reused from record to record.
/// </summary>
internal sealed class RawRecord(int fieldCount)
{
    public int Line { get; set; }
    public string?[] Values { get; } = new string?[fieldCount];
    public string? Problem { get; set; }
    public IReadOnlyList<string> Forbidden { get; set; } = [];

    public void Reset(int line)
    {
        Line = line;
        Array.Clear(Values);
        Problem = null;
        Forbidden = [];
    }
}

/// <summary>
/// Reads records from a feed input. Unknown and R8 field names are reported once per input through
/// <see cref="Warn"/>; R8 values are skipped by the parser and never copied anywhere.
/// </summary>
internal abstract class RecordSource(FeedFields fields, string inputName, Action<string> warn) : IDisposable
{
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

    protected FeedFields Fields { get; } = fields;
    protected string InputName { get; } = inputName;

    public abstract bool Next(RawRecord record);

    public abstract void Dispose();

    /// <summary>The name as shown in messages: cleaned and shortened (it comes from the feed).</summary>
    protected static string ShownName(string name) => PlainText.Excerpt(PlainText.Clean(name), 64);

    /// <summary>Classifies a column or key name: its field index, <see cref="Unknown"/> or <see cref="Forbidden"/> (R8), warning once per name.</summary>
    protected int Classify(string name)
    {
        var i = Fields.IndexOf(name);
        if (i >= 0) return i;
        var shown = ShownName(name);
        if (FeedFields.IsForbidden(name))
        {
            if (_warned.Add("r8:" + shown))
                Warn($"R8: field '{shown}' dropped; immigration or citizenship status and place of birth are never stored.");
            return Forbidden;
        }
        if (_warned.Add("unknown:" + shown))
            Warn($"Unknown field '{shown}' ignored; {Fields.Kind} feeds have {string.Join(", ", Fields.Names)}.");
        return Unknown;
    }

    protected void Warn(string message) => warn(message);

    public const int Unknown = -1;
    public const int Forbidden = -2;
}

/// <summary>CSV with a header row (column order free), through CsvHelper's low-level <see cref="CsvParser"/>.</summary>
internal sealed class CsvSource : RecordSource
{
    /// <summary>A field longer than this is taken as an unclosed quote swallowing the file (memory stays flat).</summary>
    private const int MaxFieldChars = 1 << 20;

    private readonly CsvParser _parser;
    private readonly int[] _map = [];
    private readonly string[] _forbidden = [];
    private bool _broken;
    private CsvLines? _lines;

    public CsvSource(Stream stream, FeedFields fields, string inputName, Action<string> warn) : base(fields, inputName, warn)
    {
        var config = CsvRows.Config();
        config.MaxFieldSize = MaxFieldChars;
        _parser = new CsvParser(new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16), config);
        if (!_parser.Read())
        {
            _broken = true; // empty input: no header, no records
            return;
        }
        var header = _parser.Record!;
        _lines = new CsvLines(_parser);
        _map = new int[header.Length];
        var seen = new Dictionary<int, string>();
        var forbidden = new List<string>();
        for (var c = 0; c < header.Length; c++)
        {
            var name = header[c].Trim();
            var i = Classify(name);
            _map[c] = i;
            if (i == Forbidden) forbidden.Add(ShownName(name));
            if (i >= 0 && !seen.TryAdd(i, name))
                throw SafetyException.Usage($"{inputName} is not a readable {fields.Kind} feed: the header names {fields.Names[i]} twice (columns '{ShownName(seen[i])}' and '{ShownName(name)}'); keep one of them.");
        }
        _forbidden = forbidden.Distinct(StringComparer.Ordinal).ToArray();
        var missing = fields.Required.Where(r => !seen.ContainsKey(r)).Select(r => fields.Names[r]).ToList();
        if (missing.Count > 0)
            throw SafetyException.Usage(
                $"{inputName} is not a readable {fields.Kind} CSV feed: its header (line 1) lacks the column(s) {string.Join(", ", missing)}; " +
                $"the first line must name the columns ({string.Join(", ", fields.Names)}), or pass --format jsonl for JSON Lines.");
    }

    public override bool Next(RawRecord record)
    {
        while (!_broken)
        {
            try
            {
                if (!_parser.Read()) return false;
            }
            catch (CsvHelperException)
            {
                // An unclosed quote ran past MaxFieldChars: the parser cannot resynchronize, so the rest is reported, not read.
                _broken = true;
                record.Reset(_lines!.Next); // where the broken record starts, not where the parser gave up
                record.Problem = $"a field runs past {MaxFieldChars:N0} characters (an unclosed quote?); the rest of the input was not read";
                return true;
            }
            var line = _lines!.StartOfRecord();
            var count = _parser.Count;
            if (count == 1 && string.IsNullOrWhiteSpace(_parser[0])) continue;
            record.Reset(line);
            if (count != _map.Length)
            {
                record.Problem = $"the record has {count} field(s) but the header has {_map.Length}";
                return true;
            }
            for (var c = 0; c < count; c++)
            {
                var i = _map[c];
                if (i >= 0) record.Values[i] = _parser[c];
            }
            record.Forbidden = _forbidden;
            return true;
        }
        return false;
    }

    public override void Dispose() => _parser.Dispose();
}

/// <summary>
/// JSON Lines: one JSON object per physical line; blank lines are skipped but counted for line numbers. Lines are
/// split on bytes and parsed with <see cref="Utf8JsonReader"/>; values of R8 keys are skipped unread.
/// </summary>
internal sealed class JsonlSource : RecordSource
{
    /// <summary>A longer line is rejected and skipped (a valid record is a few kilobytes), so memory stays flat.</summary>
    private const int MaxLineBytes = 1 << 20;

    private readonly Stream _stream;
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
    private readonly List<string> _forbiddenInRecord = [];
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private int _line;
    private bool _eof;
    private bool _first = true;

    public JsonlSource(Stream stream, FeedFields fields, string inputName, Action<string> warn) : base(fields, inputName, warn) => _stream = stream;

    public override bool Next(RawRecord record)
    {
        while (NextLine(out var offset, out var length, out var tooLong))
        {
            var span = _buffer.AsSpan(offset, length);
            if (_line == 1 && span.StartsWith("\uFEFF"u8)) span = span[3..];
            if (span.Length > 0 && span[^1] == (byte)'\r') span = span[..^1];
            if (!tooLong && span.Trim(" \t\r\f\v"u8).IsEmpty) continue;
            if (_first && !tooLong && span.TrimStart(" \t"u8)[0] != (byte)'{')
                throw SafetyException.Usage(
                    $"{InputName} is not JSON Lines: line {_line}, its first record, is not a JSON object; " +
                    "give one object per line like {\"external_id\":\"A1\",...}, or pass --format csv for CSV.");
            _first = false;
            record.Reset(_line);
            if (tooLong) record.Problem = $"the line is longer than {MaxLineBytes:N0} bytes";
            else Parse(span, record);
            return true;
        }
        return false;
    }

    private void Parse(ReadOnlySpan<byte> line, RawRecord record)
    {
        _forbiddenInRecord.Clear();
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                record.Problem = "the line is not a JSON object";
                return;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                if (!_names.TryGetValue(name, out var i))
                {
                    i = Classify(name);
                    if (_names.Count < 1024) _names[name] = i;
                }
                reader.Read();
                if (i < 0)
                {
                    if (i == Forbidden) _forbiddenInRecord.Add(ShownName(name));
                    reader.Skip(); // R8 values are never decoded
                    continue;
                }
                switch (reader.TokenType)
                {
                    case JsonTokenType.String: record.Values[i] = reader.GetString(); break;
                    case JsonTokenType.Number: record.Values[i] = Encoding.UTF8.GetString(reader.ValueSpan); break;
                    case JsonTokenType.True: record.Values[i] = "true"; break;
                    case JsonTokenType.False: record.Values[i] = "false"; break;
                    case JsonTokenType.Null: record.Values[i] = null; break;
                    default:
                        record.Problem ??= $"{Fields.Names[i]} must be a string or a number, not a JSON {(reader.TokenType == JsonTokenType.StartArray ? "array" : "object")}";
                        reader.Skip();
                        break;
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject)
            {
                record.Problem = "the line is not a JSON object";
                return;
            }
            if (reader.Read()) record.Problem = "the line holds more than one JSON value";
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // The parser's message may quote input; say where, never what.
            record.Problem = $"the line is not valid JSON (at byte {reader.BytesConsumed + 1})";
        }
        if (_forbiddenInRecord.Count > 0) record.Forbidden = _forbiddenInRecord.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The next physical line (without its '\n') as a range of <see cref="_buffer"/>; a line over the limit is skipped and flagged.</summary>
    private bool NextLine(out int offset, out int length, out bool tooLong)
    {
        tooLong = false;
        var scanFrom = _start;
        while (true)
        {
            var nl = _buffer.AsSpan(scanFrom, _end - scanFrom).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                offset = _start;
                length = scanFrom + nl - _start;
                _start = scanFrom + nl + 1;
                _line++;
                return true;
            }
            if (_eof)
            {
                offset = _start;
                length = _end - _start;
                _start = _end;
                if (length == 0 && !tooLong) return false;
                _line++;
                return true;
            }
            if (_end - _start >= MaxLineBytes)
            {
                tooLong = true; // drop what we have; keep looking for the end of this line
                _start = _end = 0;
            }
            // Make room: move the partial line to the front, grow when the line fills the buffer.
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length) Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxLineBytes + (1 << 16)));
            scanFrom = _end;
            var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0) _eof = true;
            _end += n;
        }
    }

    public override void Dispose() { }
}

/// <summary>
/// Wraps the input: first replays the bytes read while sniffing the format, counts bytes for progress, and calls
/// <see cref="BeforeRead"/> before each read of the underlying stream, which may block (a pipe), so the reader can
/// hand over the records it already has before it waits.
/// </summary>
internal sealed class HookedStream(Stream inner, byte[] prefix, FeedProgress? progress) : Stream
{
    private int _prefixAt;

    public Action? BeforeRead { get; set; }

    /// <summary>Reads up to the first non-blank byte (skipping a UTF-8 BOM) and returns it, or null for blank input.</summary>
    public static (byte? First, byte[] Prefix) Sniff(Stream s)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (s.Read(one, 0, 1) == 1)
        {
            bytes.Add(one[0]);
            if (one[0] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF) continue;
            return (one[0], bytes.ToArray());
        }
        return (null, bytes.ToArray());
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_prefixAt < prefix.Length)
        {
            var take = Math.Min(buffer.Length, prefix.Length - _prefixAt);
            prefix.AsSpan(_prefixAt, take).CopyTo(buffer);
            _prefixAt += take;
            progress?.AddBytes(take);
            return take;
        }
        BeforeRead?.Invoke();
        var n = inner.Read(buffer);
        progress?.AddBytes(n);
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
