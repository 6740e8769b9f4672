using System.Globalization;
using System.Data.Common;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Feeds;

/// <summary>One record as the reader hands it to the writer: a valid row, or the errors that reject it.</summary>
internal sealed class FeedItem<TRow>(int line, TRow? row, List<FeedError>? errors, IReadOnlyList<string> forbidden, string? refusal)
    where TRow : class
{
    public int Line { get; } = line;

    /// <summary>The validated row, or null when the record was rejected.</summary>
    public TRow? Row { get; } = row;

    public List<FeedError>? Errors { get; } = errors;

    /// <summary>The R8 field names the record carried (never their values).</summary>
    public IReadOnlyList<string> Forbidden { get; } = forbidden;

    /// <summary>Why the record was refused by a rule (R8: the call type ALIEN), recorded as an event; else null.</summary>
    public string? Refusal { get; } = refusal;
}

/// <summary>
/// One open write transaction of a load (BEGIN IMMEDIATE, like every write): records are written chunk by chunk as
/// they arrive, with their refusal events; <see cref="Commit"/> adds the batch's own events (what was loaded, which R8
/// fields were dropped), commits, and only then counts the batch in the summary, so the summary never counts
/// anything that is not in the database. Disposed without a commit, it rolls back.
/// </summary>
internal sealed class FeedBatch<TRow> : IDisposable where TRow : class
{
    private readonly SafetyDb _db;
    private readonly DbTransaction _tx;
    private readonly string _inputName;
    private readonly FeedOptions _options;
    private readonly FeedKind<TRow> _kind;
    private readonly IRowWriter<TRow> _writer;
    private readonly LoadEvents _events;
    private readonly DateTimeOffset _at;
    private readonly string _atText;
    private readonly List<TRow> _rows = [];
    private readonly List<FeedError> _errors = [];
    private Dictionary<string, int>? _dropped;
    private int _firstLine;
    private int _lastLine;
    private int _loaded;
    private int _duplicates;
    private int _rejected;

    public FeedBatch(SafetyDb db, string inputName, FeedOptions options, FeedKind<TRow> kind, IRowWriter<TRow> writer, LoadEvents events)
    {
        _db = db;
        _tx = db.BeginWrite();
        _inputName = inputName;
        _options = options;
        _kind = kind;
        _writer = writer;
        _events = events;
        _at = options.Time.GetUtcNow();
        _atText = TimeText.ToDb(_at);
    }

    /// <summary>Records written so far, loaded or not.</summary>
    public int Read { get; private set; }

    /// <summary>Writes <paramref name="count"/> records of a chunk, from <paramref name="start"/>, into the transaction.</summary>
    public void Write(List<FeedItem<TRow>> chunk, int start, int count)
    {
        if (count == 0) return;
        if (Read == 0) _firstLine = chunk[start].Line;
        _lastLine = chunk[start + count - 1].Line;
        Read += count;
        for (var i = start; i < start + count; i++)
        {
            var item = chunk[i];
            if (item.Row is { } row) _rows.Add(row);
            else _rejected++;
            if (item.Errors is { } errors) _errors.AddRange(errors);
            foreach (var field in item.Forbidden)
            {
                _dropped ??= new Dictionary<string, int>(StringComparer.Ordinal);
                _dropped[field] = _dropped.GetValueOrDefault(field) + 1;
            }
            if (item.Refusal is { } refusal)
                _events.Append(new EventRow(_at, _options.Actor, "feed.refused", Reason: refusal, Detail: $"{_inputName}{SubmittedBy} line {N(item.Line)}"));
        }
        var loaded = _writer.Insert(_rows, _atText);
        _loaded += loaded;
        _duplicates += _rows.Count - loaded;
        _rows.Clear(); // let the rows go: they are in the database now
    }

    /// <summary>R10: " (owned by alice)" for an inbox file, so the load's events name who dropped it.</summary>
    private string SubmittedBy => _options.SubmittedBy is { } by ? $" (owned by {by})" : "";

    /// <summary>Records the batch's events, commits, and adds the batch to <paramref name="summary"/>.</summary>
    public void Commit(FeedSummary summary)
    {
        var lines = $"lines {N(_firstLine)}–{N(_lastLine)}";
        _events.Append(new EventRow(_at, _options.Actor, _kind.LoadedEvent,
            Reason: $"{_kind.Fields.Kind} feed {_inputName}{SubmittedBy} {lines}: {_loaded} loaded, {_duplicates} duplicate(s), {_rejected} rejected",
            Detail: $"input={_inputName}; {lines}; read={Read}; loaded={_loaded}; duplicates={_duplicates}; rejected={_rejected}{(_options.SubmittedBy is { } by ? $"; owner={by}" : "")}"));
        if (_dropped is not null)
        {
            foreach (var (field, count) in _dropped)
                _events.Append(new EventRow(_at, _options.Actor, "feed.r8_dropped",
                    Reason: $"R8: field '{field}' dropped from {count} record(s) of {_inputName} ({lines}); its values were not stored",
                    Detail: field));
        }
        _db.EnsureSameFile(); // as SafetyDb.Write: never commit into a database file that was removed or replaced
        _tx.Commit();

        summary.Read += Read;
        summary.Loaded += _loaded;
        summary.Duplicates += _duplicates;
        summary.Rejected += _rejected;
        foreach (var e in _errors)
        {
            summary.AddError(e);
            _options.OnError?.Invoke(e);
        }
    }

    public void Dispose() => _tx.Dispose();

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
