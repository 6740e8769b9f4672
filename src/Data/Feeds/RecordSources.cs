using System.Text;
using System.Text.Json;
using System.Text.Unicode;
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

    /// <summary>The field the <see cref="Problem"/> is about ("record" when it is about the whole record).</summary>
    public string ProblemField { get; set; } = "record";
    public IReadOnlyList<string> Forbidden { get; set; } = [];

    public void Reset(int line)
    {
        Line = line;
        Array.Clear(Values);
        Problem = null;
        ProblemField = "record";
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

    /// <summary>The warning for the first line of an input with bytes that are not UTF-8 (given once per input).</summary>
    protected string NotUtf8(int line) =>
        $"line {line} (the first such line) has bytes that are not UTF-8; they were replaced by U+FFFD. Save the file as UTF-8 to keep the text as written.";

    public const int Unknown = -1;
    public const int Forbidden = -2;
}

/// <summary>
/// The input cannot be read past <see cref="Line"/> (a CSV field running past the size limit: the parser cannot tell
/// where that record ends). The pipeline commits what came before and reports the input as unreadable (exit 2).
/// </summary>
internal sealed class FeedUnreadableException(int line, string reason) : Exception(reason)
{
    public int Line { get; } = line;
}

/// <summary>
/// CSV with a header row (column order free), through CsvHelper's low-level <see cref="CsvParser"/>. A quoted field
/// that swallowed complete records (<see cref="CsvSwallow"/>) rejects itself and each record it swallowed, so every
/// physical record is counted; bytes that are not UTF-8 are replaced with U+FFFD and warned about once, with the line.
/// </summary>
internal sealed class CsvSource : RecordSource
{
    /// <summary>A field longer than this is taken as an unclosed quote swallowing the file (memory stays flat).</summary>
    private const int MaxFieldChars = 1 << 20;

    private readonly CsvParser _parser;
    private readonly Utf8Check _utf8;
    private readonly int[] _map = [];
    private readonly string[] _columns = [];
    private readonly bool[] _required = [];
    private readonly string[] _forbidden = [];
    private readonly CsvLines _lines;
    private bool _utf8Warned;
    private CsvSwallow? _swallow;
    private int _swallowNext;

    public CsvSource(Stream stream, FeedFields fields, string inputName, Action<string> warn) : base(fields, inputName, warn)
    {
        var config = CsvRows.Config();
        config.MaxFieldSize = MaxFieldChars;
        _parser = new CsvParser(Utf8Check.Reader(stream, out _utf8, bufferSize: 1 << 16), config);
        bool any;
        try
        {
            any = _parser.Read();
        }
        catch (CsvHelperException)
        {
            throw SafetyException.Usage($"{inputName} is not a readable {fields.Kind} CSV feed: its header (line 1) runs past {MaxFieldChars:N0} characters; " +
                $"the first line must name the columns ({string.Join(", ", fields.Names)}), or pass --format jsonl for JSON Lines.");
        }
        if (!any) throw FeedPipeline.Empty(inputName); // blank lines only: no header
        WarnIfNotUtf8(1);
        var header = _parser.Record!;
        _lines = new CsvLines(_parser);
        _map = new int[header.Length];
        _columns = new string[header.Length];
        _required = new bool[header.Length];
        var seen = new Dictionary<int, string>();
        var forbidden = new List<string>();
        for (var c = 0; c < header.Length; c++)
        {
            var name = header[c].Trim();
            var i = Classify(name);
            _map[c] = i;
            _columns[c] = ShownName(name);
            _required[c] = i >= 0 && fields.Required.Contains(i);
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
        if (_swallow is { } s && _swallowNext < s.Lines.Count)
        {
            // Each complete record an unclosed quote swallowed is a record of the file: counted, and rejected with why.
            record.Reset(s.Lines[_swallowNext++]);
            record.Problem = $"swallowed by the quote opened in {_columns[s.Column]} on line {s.OpenLine}, which is not closed; close that quote and load the file again";
            return true;
        }
        while (true)
        {
            try
            {
                if (!_parser.Read()) return false;
            }
            catch (CsvHelperException)
            {
                // An unclosed quote (or a huge field) ran past MaxFieldChars: the parser cannot resynchronize.
                throw new FeedUnreadableException(_lines.Next, $"a field runs past {MaxFieldChars:N0} characters (an unclosed quote?)");
            }
            var line = _lines.StartOfRecord();
            var count = _parser.Count;
            if (count == 1 && string.IsNullOrWhiteSpace(_parser[0])) continue;
            if (_utf8.Seen && !_utf8Warned) WarnIfNotUtf8(line);
            record.Reset(line);
            if (_parser.RawRow > line && CsvSwallow.Find(_parser, line, _map.Length, _required) is { } swallow)
            {
                _swallow = swallow;
                _swallowNext = 0;
                record.Problem = $"the quote opened in {_columns[swallow.Column]} on line {swallow.OpenLine} is not closed before line {swallow.Lines[0]}, " +
                    $"a complete record of its own, which it swallowed (the field runs to line {swallow.EndLine}); close the quote on line {swallow.OpenLine} and load the file again";
                return true;
            }
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
    }

    /// <summary>Once per input: the first line whose bytes were not all UTF-8 (their characters became U+FFFD).</summary>
    private void WarnIfNotUtf8(int line)
    {
        if (!_utf8.Seen || _utf8Warned || !_parser.RawRecord.Contains('\uFFFD', StringComparison.Ordinal)) return;
        _utf8Warned = true;
        Warn(NotUtf8(line));
    }

    public override void Dispose() => _parser.Dispose();
}

/// <summary>
/// JSON Lines: one JSON object per physical line; blank lines are skipped but counted for line numbers. Lines are
/// split on bytes and parsed with <see cref="Utf8JsonReader"/>; values of R8 keys are skipped unread. A record with a
/// key given twice (after name matching, so <c>external_id</c> and <c>externalId</c> are one key) or with a value of
/// the wrong JSON type (true, false or a number where text is expected) is rejected, never coerced. Bytes that are
/// not UTF-8 are replaced with U+FFFD and warned about once, with the line.
/// </summary>
internal sealed class JsonlSource : RecordSource
{
    /// <summary>A longer line is rejected and skipped (a valid record is a few kilobytes), so memory stays flat.</summary>
    private const int MaxLineBytes = 1 << 20;

    private readonly Stream _stream;
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
    private readonly List<string> _forbiddenInRecord = [];
    private readonly HashSet<string> _otherKeys = new(StringComparer.Ordinal);
    private readonly string?[] _keyOf;
    private bool _utf8Warned;
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private int _line;
    private bool _eof;
    private bool _first = true;

    public JsonlSource(Stream stream, FeedFields fields, string inputName, Action<string> warn) : base(fields, inputName, warn)
    {
        _stream = stream;
        _keyOf = new string?[fields.Count];
    }

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
            else if (Utf8.IsValid(span)) Parse(span, record);
            else
            {
                if (!_utf8Warned) Warn(NotUtf8(_line));
                _utf8Warned = true;
                Parse(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(span)), record); // as CSV: each bad sequence becomes U+FFFD
            }
            return true;
        }
        return false;
    }

    private void Parse(ReadOnlySpan<byte> line, RawRecord record)
    {
        _forbiddenInRecord.Clear();
        Array.Clear(_keyOf);
        if (_otherKeys.Count > 0) _otherKeys.Clear();
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                Broken(record, "the line is not a JSON object");
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
                    if (!_otherKeys.Add(name)) Reject(record, "record", $"the key '{ShownName(name)}' is given twice; keep one");
                    reader.Skip(); // R8 values are never decoded
                    continue;
                }
                if (_keyOf[i] is { } earlier)
                    Reject(record, Fields.Names[i], earlier == name ? "given twice; keep one" : $"given twice (keys '{ShownName(earlier)}' and '{ShownName(name)}'); keep one");
                _keyOf[i] = name;
                var numeric = Fields.IsNumeric(i);
                switch (reader.TokenType)
                {
                    case JsonTokenType.String: record.Values[i] = reader.GetString(); break;
                    case JsonTokenType.Number when numeric: record.Values[i] = Encoding.UTF8.GetString(reader.ValueSpan); break;
                    case JsonTokenType.Null: record.Values[i] = null; break;
                    default:
                        Reject(record, Fields.Names[i], $"must be {(numeric ? "a number" : "a JSON string (text in quotes)")}, not {JsonKind(reader.TokenType)}");
                        reader.Skip();
                        break;
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject)
            {
                Broken(record, "the line is not a JSON object");
                return;
            }
            if (reader.Read()) Broken(record, "the line holds more than one JSON value");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // The parser's message may quote input; say where, never what.
            Broken(record, $"the line is not valid JSON (at byte {reader.BytesConsumed + 1})");
        }
        if (_forbiddenInRecord.Count > 0) record.Forbidden = _forbiddenInRecord.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>A line that is not one JSON object: that is the record's problem, whatever was found before.</summary>
    private static void Broken(RawRecord record, string reason)
    {
        record.Problem = reason;
        record.ProblemField = "record";
    }

    /// <summary>Rejects the record for its first problem (one error per record, naming the field).</summary>
    private static void Reject(RawRecord record, string field, string reason)
    {
        if (record.Problem is not null) return;
        record.Problem = reason;
        record.ProblemField = field;
    }

    private static string JsonKind(JsonTokenType t) => t switch
    {
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Number => "a number",
        JsonTokenType.StartArray => "an array",
        _ => "an object",
    };

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
