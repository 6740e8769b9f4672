using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.ExceptionServices;
using Dapper;
using Microsoft.Data.Sqlite;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Feeds;

/// <summary>What one feed kind (calls, position pings) adds to the shared pipeline: its fields, validation and insert.</summary>
internal abstract class FeedKind<TRow> where TRow : class
{
    public abstract FeedFields Fields { get; }

    /// <summary>The event kind recorded per committed batch, e.g. "feed.loaded".</summary>
    public abstract string LoadedEvent { get; }

    /// <summary>Validates a record read without a record-level problem. Returns null when rejected, after adding its errors.</summary>
    public abstract TRow? Validate(RawRecord raw, ref List<FeedError>? errors, ref string? refusal);

    /// <summary>Prepares the reusable insert command(s) on the connection.</summary>
    public abstract IRowWriter<TRow> Prepare(SqliteConnection connection);

    protected static void Fail(ref List<FeedError>? errors, int line, string field, string reason) =>
        (errors ??= []).Add(new FeedError(line, field, reason));

    /// <summary>A required instant (ISO 8601 with an offset or Z) as database text, or null after adding its error.</summary>
    protected static string? Instant(string? raw, string field, string meaning, int line, ref List<FeedError>? errors)
    {
        var text = PlainText.Clean(raw);
        if (text.Length == 0) Fail(ref errors, line, field, $"required: {meaning}, ISO 8601 with an offset or Z");
        else if (FeedValues.TryParseInstant(text, out var t)) return TimeText.ToDb(t);
        else Fail(ref errors, line, field, $"'{PlainText.Excerpt(text)}' is not an ISO 8601 time with an offset or Z; write it like 2026-11-23T10:05:00-08:00 or 2026-11-23T18:05:00Z");
        return null;
    }

    /// <summary>A required code looked up in a cache (case-insensitive), or default after adding its error.</summary>
    protected static T? Lookup<T>(string? raw, IReadOnlyDictionary<string, T> known, string field, string required, string unknown,
        int line, ref List<FeedError>? errors)
    {
        var text = PlainText.Clean(raw);
        if (text.Length == 0) Fail(ref errors, line, field, $"required: {required}");
        else if (known.TryGetValue(text, out var value)) return value;
        else Fail(ref errors, line, field, $"'{PlainText.Excerpt(text)}' {unknown}");
        return default;
    }
}

/// <summary>Inserts rows with prepared commands reused for the whole load (the hot path: no per-row SQL parsing, no Dapper).</summary>
internal interface IRowWriter<in TRow> : IDisposable
{
    /// <summary>Inserts one row in <paramref name="tx"/>; false when it was already there (a duplicate).</summary>
    bool Insert(SqliteTransaction tx, TRow row, string loadedAt);
}

/// <summary>
/// The load pipeline shared by every feed kind. A reader thread parses and validates (streaming: memory does not grow
/// with the input) and hands chunks of records through a small bounded queue to the calling thread, which writes them
/// in batched transactions: one transaction per <see cref="FeedOptions.BatchSize"/> records for bulk input, and, when
/// the input may wait (standard input, a pipe), one as soon as the queue is momentarily empty, so that each record
/// of <c>tail -f calls.jsonl | safety-console feed load -</c> is committed as it arrives.
/// A batch's rows, its rejected rows' accounting and its events commit together, so a load killed at any moment
/// and run again leaves exactly one copy of every good row (ON CONFLICT DO NOTHING counts the rest as duplicates).
/// </summary>
internal static class FeedPipeline
{
    /// <summary>Records per chunk handed from the reader to the writer for bulk input.</summary>
    private const int ChunkSize = 1000;

    /// <summary>How long the writer waits for more streamed input before it commits what it has.</summary>
    private static readonly TimeSpan StreamGrace = TimeSpan.FromMilliseconds(1);

    private sealed class Item<TRow>(int line, TRow? row, List<FeedError>? errors, IReadOnlyList<string> forbidden, string? refusal)
    {
        public int Line { get; } = line;
        public TRow? Row { get; } = row;
        public List<FeedError>? Errors { get; } = errors;
        public IReadOnlyList<string> Forbidden { get; } = forbidden;
        public string? Refusal { get; } = refusal;
    }

    public static FeedSummary Run<TRow>(SafetyDb db, FeedInput input, FeedOptions options, FeedKind<TRow> kind) where TRow : class
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        var summary = new FeedSummary();
        var warnings = new ConcurrentQueue<string>();
        if (options.Progress is { } p) p.TotalBytes = input.Length;
        using var queue = new BlockingCollection<List<Item<TRow>>>(boundedCapacity: 8);
        using var stop = new CancellationTokenSource();
        Exception? readerFault = null;

        var reader = new Thread(() =>
        {
            try
            {
                Read(input, options, kind, warnings.Enqueue, queue, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                readerFault = e;
            }
            finally
            {
                queue.CompleteAdding();
            }
        })
        { IsBackground = true, Name = "feed reader" };
        reader.Start();

        var tuning = BulkTuning.Apply(db);
        try
        {
            using var writer = kind.Prepare(db.Connection);
            var pending = new List<Item<TRow>>(Math.Min(options.BatchSize, 8192));
            while (true)
            {
                List<Item<TRow>>? chunk;
                if (pending.Count > 0 && input.MayWait)
                {
                    if (!queue.TryTake(out chunk, StreamGrace))
                    {
                        Commit(db, input, options, kind, writer, pending, summary);
                        continue;
                    }
                }
                else if (!queue.TryTake(out chunk, Timeout.Infinite))
                {
                    break; // the reader finished and everything it read was taken
                }
                foreach (var item in chunk)
                {
                    pending.Add(item);
                    if (pending.Count >= options.BatchSize) Commit(db, input, options, kind, writer, pending, summary);
                }
            }
            // A header or format failure hands over nothing; a read failure mid-way keeps what was read before it
            // (each batch is consistent on its own), then reports the input as unreadable.
            Commit(db, input, options, kind, writer, pending, summary);
            if (readerFault is not null) ExceptionDispatchInfo.Capture(readerFault).Throw();
        }
        catch
        {
            stop.Cancel();
            throw;
        }
        finally
        {
            tuning.Restore(db);
            while (warnings.TryDequeue(out var w)) summary.WarningMessages.Add(w);
        }
        return summary;
    }

    private static void Read<TRow>(FeedInput input, FeedOptions options, FeedKind<TRow> kind, Action<string> warn,
        BlockingCollection<List<Item<TRow>>> queue, CancellationToken stop) where TRow : class
    {
        var (first, prefix) = HookedStream.Sniff(input.Stream);
        var format = options.Format ?? FormatOf(input.Extension) ?? (first == (byte)'{' ? FeedFormat.Jsonl : FeedFormat.Csv);
        using var stream = new HookedStream(input.Stream, prefix, options.Progress);
        using RecordSource source = format == FeedFormat.Csv
            ? new CsvSource(stream, kind.Fields, input.Name, warn)
            : new JsonlSource(stream, kind.Fields, input.Name, warn);

        var chunk = new List<Item<TRow>>(ChunkSize);
        void Flush()
        {
            if (chunk.Count == 0) return;
            queue.Add(chunk, stop);
            options.Progress?.AddRecords(chunk.Count);
            chunk = new List<Item<TRow>>(ChunkSize);
        }
        // A pipe may block on the next read: hand over what we have first, so it is committed now.
        if (input.MayWait) stream.BeforeRead = Flush;

        var raw = new RawRecord(kind.Fields.Count);
        while (source.Next(raw))
        {
            List<FeedError>? errors = null;
            string? refusal = null;
            TRow? row = null;
            if (raw.Problem is { } problem) errors = [new FeedError(raw.Line, "record", problem)];
            else row = kind.Validate(raw, ref errors, ref refusal);
            chunk.Add(new Item<TRow>(raw.Line, row, errors, raw.Forbidden, refusal));
            if (chunk.Count >= ChunkSize) Flush();
        }
        Flush();
    }

    /// <summary>--format, else the extension: .csv; .jsonl, .ndjson, .json; else null (sniff).</summary>
    public static FeedFormat? FormatOf(string? extension) => extension switch
    {
        ".csv" => FeedFormat.Csv,
        ".jsonl" or ".ndjson" or ".json" => FeedFormat.Jsonl,
        _ => null,
    };

    /// <summary>Writes one batch, its events and its accounting in one transaction, then adds it to the summary.</summary>
    private static void Commit<TRow>(SafetyDb db, FeedInput input, FeedOptions options, FeedKind<TRow> kind, IRowWriter<TRow> writer,
        List<Item<TRow>> batch, FeedSummary summary) where TRow : class
    {
        if (batch.Count == 0) return;
        var at = options.Time.GetUtcNow();
        var atText = TimeText.ToDb(at);
        var (loaded, duplicates, rejected) = db.Write(tx =>
        {
            int l = 0, d = 0, r = 0;
            Dictionary<string, int>? dropped = null;
            foreach (var item in batch)
            {
                if (item.Row is { } row)
                {
                    if (writer.Insert(tx, row, atText)) l++;
                    else d++;
                }
                else
                {
                    r++;
                }
                foreach (var f in item.Forbidden)
                {
                    dropped ??= new Dictionary<string, int>(StringComparer.Ordinal);
                    dropped[f] = dropped.GetValueOrDefault(f) + 1;
                }
                if (item.Refusal is { } refusal)
                    StateChanges.AppendEvent(tx, new EventRow(at, options.Actor, "feed.refused", Reason: refusal, Detail: $"{input.Name} line {N(item.Line)}"));
            }
            var lines = $"lines {N(batch[0].Line)}–{N(batch[^1].Line)}";
            StateChanges.AppendEvent(tx, new EventRow(at, options.Actor, kind.LoadedEvent,
                Reason: $"{kind.Fields.Kind} feed {input.Name} {lines}: {l} loaded, {d} duplicate(s), {r} rejected",
                Detail: $"input={input.Name}; {lines}; read={batch.Count}; loaded={l}; duplicates={d}; rejected={r}"));
            if (dropped is not null)
            {
                foreach (var (field, count) in dropped)
                    StateChanges.AppendEvent(tx, new EventRow(at, options.Actor, "feed.r8_dropped",
                        Reason: $"R8: field '{field}' dropped from {count} record(s) of {input.Name} ({lines}); its values were not stored",
                        Detail: field));
            }
            return (l, d, r);
        });
        summary.Read += batch.Count;
        summary.Loaded += loaded;
        summary.Duplicates += duplicates;
        summary.Rejected += rejected;
        foreach (var item in batch)
        {
            if (item.Errors is null) continue;
            foreach (var e in item.Errors)
            {
                summary.AddError(e);
                options.OnError?.Invoke(e);
            }
        }
        batch.Clear();
    }

    /// <summary>
    /// Connection settings for the length of a load: a larger page cache (index pages stay in memory when records
    /// arrive out of time order) and a less frequent WAL checkpoint (each one syncs the disk), restored afterwards.
    /// Durability is unchanged: every committed batch is in the WAL.
    /// </summary>
    private readonly record struct BulkTuning(long CacheSize, long AutoCheckpoint)
    {
        public static BulkTuning Apply(SafetyDb db)
        {
            var before = new BulkTuning(db.Connection.ExecuteScalar<long>("PRAGMA cache_size"), db.Connection.ExecuteScalar<long>("PRAGMA wal_autocheckpoint"));
            db.Connection.Execute("PRAGMA cache_size = -32768; PRAGMA wal_autocheckpoint = 10000");
            return before;
        }

        public void Restore(SafetyDb db) =>
            db.Connection.Execute($"PRAGMA cache_size = {CacheSize.ToString(CultureInfo.InvariantCulture)}; PRAGMA wal_autocheckpoint = {AutoCheckpoint.ToString(CultureInfo.InvariantCulture)}");
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
