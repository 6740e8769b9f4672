using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Data.Common;
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

    /// <summary>Where validation adds a warning of the load (set by the pipeline before reading).</summary>
    public Action<string> Warn { get; set; } = _ => { };

    /// <summary>The clock and the school year the feed's times are checked against; null: not checked.</summary>
    protected FeedTimes? Times { get; init; }

    /// <summary>Prepares the reusable insert command(s) on the connection.</summary>
    public abstract IRowWriter<TRow> Prepare(DbConnection connection);

    protected static void Fail(ref List<FeedError>? errors, int line, string field, string reason) =>
        (errors ??= []).Add(new FeedError(line, field, reason));

    /// <summary>
    /// A required instant (ISO 8601 with an offset or Z) as database text, or null after adding its error. Checked
    /// against <see cref="Times"/>: more than a day after the clock is rejected, before the school year a warning.
    /// </summary>
    protected string? Instant(string? raw, string field, string meaning, int line, ref List<FeedError>? errors)
    {
        var text = PlainText.Clean(raw);
        if (text.Length == 0) Fail(ref errors, line, field, $"required: {meaning}, ISO 8601 with an offset or Z");
        else if (FeedValues.TryParseInstant(text, out var t))
        {
            if (Times?.Check(t, field, text, line, Warn) is not { } late) return TimeText.ToDb(t);
            Fail(ref errors, line, field, late);
        }
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

/// <summary>Inserts rows with native statements prepared once for the whole load (the hot path: no per-row SQL parsing, no Dapper).</summary>
internal interface IRowWriter<in TRow> : IDisposable
{
    /// <summary>Inserts <paramref name="rows"/> in the connection's open transaction; returns how many were new (the rest were duplicates).</summary>
    int Insert(IReadOnlyList<TRow> rows, string loadedAt);
}

/// <summary>
/// The load pipeline shared by every feed kind. A reader thread parses and validates (streaming: memory does not grow
/// with the input) and hands chunks of records through a small bounded queue to the calling thread, which writes each
/// chunk as it arrives into the open <see cref="FeedBatch{TRow}"/> transaction and commits it every
/// <see cref="FeedOptions.BatchSize"/> records for bulk input, and, when the input may wait (standard input, a pipe),
/// as soon as the queue is momentarily empty, so that each record of <c>tail -f calls.jsonl | safety-console feed load -</c>
/// is committed as it arrives. Records are let go as soon as they are written (only rejected ones are kept until their
/// batch commits), so little lives long enough for the garbage collector to promote.
/// A batch's rows, its rejected rows' accounting and its events commit together, so a load killed at any moment
/// and run again leaves exactly one copy of every good row (ON CONFLICT DO NOTHING counts the rest as duplicates).
/// </summary>
internal static class FeedPipeline
{
    /// <summary>Records per chunk handed from the reader to the writer for bulk input.</summary>
    private const int ChunkSize = 1000;

    /// <summary>How long the writer waits for more streamed input before it commits what it has.</summary>
    private static readonly TimeSpan StreamGrace = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// An open batch holds the database's write lock; when a file stops yielding records for this long (a slow disk),
    /// the batch is committed so that dispatchers and the worker are not kept waiting behind it.
    /// </summary>
    private static readonly TimeSpan StallGrace = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a failed load waits for its reader to stop (it stops at once unless its input blocks).</summary>
    private static readonly TimeSpan ReaderExit = TimeSpan.FromSeconds(1);

    public static FeedSummary Run<TRow>(SafetyDb db, FeedInput input, FeedOptions options, FeedKind<TRow> kind) where TRow : class
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        var summary = new FeedSummary();
        var warnings = new ConcurrentQueue<string>();
        if (options.Progress is { } p) p.TotalBytes = input.Length;
        // Not `using`: when the writer fails, the reader may still be blocked reading its input (a pipe that stays
        // open) and outlive this method; it must not then meet the queue or the token disposed under it, which
        // crashed the process from the reader's thread (seen when the demo's database closed during a position load).
        // They are disposed below once the reader has ended, else left to the collector.
        var queue = new BlockingCollection<List<FeedItem<TRow>>>(boundedCapacity: 4);
        var stop = new CancellationTokenSource();
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
            using var events = new LoadEvents(db.Connection);
            FeedBatch<TRow>? batch = null;
            try
            {
                while (true)
                {
                    List<FeedItem<TRow>>? chunk;
                    if (batch is not null)
                    {
                        if (!queue.TryTake(out chunk, input.MayWait ? StreamGrace : StallGrace))
                        {
                            Commit(ref batch, summary);
                            continue;
                        }
                    }
                    else if (!queue.TryTake(out chunk, Timeout.Infinite))
                    {
                        break; // the reader finished and everything it read was taken
                    }
                    for (var start = 0; start < chunk.Count;)
                    {
                        batch ??= new FeedBatch<TRow>(db, input.Name, options, kind, writer, events);
                        var count = Math.Min(chunk.Count - start, options.BatchSize - batch.Read);
                        batch.Write(chunk, start, count);
                        start += count;
                        if (batch.Read >= options.BatchSize) Commit(ref batch, summary);
                    }
                }
                // A header or format failure hands over nothing; a read failure mid-way keeps what was read before it
                // (each batch is consistent on its own), then reports the input as unreadable.
                Commit(ref batch, summary);
            }
            finally
            {
                batch?.Dispose(); // an exception before its commit: the batch rolls back, as if it was never read
            }
            if (readerFault is not null) ExceptionDispatchInfo.Capture(Unreadable(readerFault, input, summary)).Throw();
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
            if (reader.Join(ReaderExit))
            {
                queue.Dispose();
                stop.Dispose();
            }
        }
        return summary;
    }

    /// <summary>An input with nothing but blank space: no header, no record (exit 2).</summary>
    internal static SafetyException Empty(string inputName) =>
        SafetyException.Usage($"{inputName} is empty: it has no header and no records; give a CSV feed whose first line names the columns, or JSON Lines.");

    /// <summary>
    /// A failure of the reader as the one sentence of an unreadable input (exit 2), saying what before it was loaded;
    /// an exception that is not about the input (a bug) is passed on as it is.
    /// </summary>
    private static Exception Unreadable(Exception fault, FeedInput input, FeedSummary summary)
    {
        var before = $"{summary.Read} record(s) before it were read ({summary.Loaded} loaded, {summary.Duplicates} duplicate(s), {summary.Rejected} rejected)";
        return fault switch
        {
            FeedUnreadableException u => SafetyException.Usage(
                $"{input.Name} line {u.Line}: {u.Message}, so the rest of it cannot be read; {before}. Fix line {u.Line} and load the file again (records already loaded count as duplicates, never twice)."),
            IOException or UnauthorizedAccessException => SafetyException.Usage(
                $"Reading {input.Name} failed ({fault.Message.TrimEnd('.')}); {before}. Check the file and load it again (records already loaded count as duplicates, never twice)."),
            _ => fault,
        };
    }

    private static void Read<TRow>(FeedInput input, FeedOptions options, FeedKind<TRow> kind, Action<string> warn,
        BlockingCollection<List<FeedItem<TRow>>> queue, CancellationToken stop) where TRow : class
    {
        var (first, prefix) = HookedStream.Sniff(input.Stream);
        if (first is null) throw Empty(input.Name); // a 0-byte (or blank) input has no header: nothing to load is not "0 loaded"
        var format = options.Format ?? FormatOf(input.Extension) ?? (first == (byte)'{' ? FeedFormat.Jsonl : FeedFormat.Csv);
        using var stream = new HookedStream(input.Stream, prefix, options.Progress);
        using RecordSource source = format == FeedFormat.Csv
            ? new CsvSource(stream, kind.Fields, input.Name, warn)
            : new JsonlSource(stream, kind.Fields, input.Name, warn);

        var chunk = new List<FeedItem<TRow>>(ChunkSize);
        void Flush()
        {
            if (chunk.Count == 0) return;
            queue.Add(chunk, stop);
            options.Progress?.AddRecords(chunk.Count);
            chunk = new List<FeedItem<TRow>>(ChunkSize);
        }
        // A pipe may block on the next read: hand over what we have first, so it is committed now.
        if (input.MayWait) stream.BeforeRead = Flush;

        var raw = new RawRecord(kind.Fields.Count);
        kind.Warn = warn;
        try
        {
            while (source.Next(raw))
            {
                List<FeedError>? errors = null;
                string? refusal = null;
                TRow? row = null;
                if (raw.Problem is { } problem) errors = [new FeedError(raw.Line, raw.ProblemField, problem)];
                else row = kind.Validate(raw, ref errors, ref refusal);
                chunk.Add(new FeedItem<TRow>(raw.Line, row, errors, raw.Forbidden, refusal));
                if (chunk.Count >= ChunkSize) Flush();
            }
        }
        finally
        {
            Flush(); // what was read before a failure is handed over: it is committed, then the failure is reported
        }
    }

    /// <summary>--format, else the extension: .csv; .jsonl, .ndjson, .json; else null (sniff).</summary>
    public static FeedFormat? FormatOf(string? extension) => extension switch
    {
        ".csv" => FeedFormat.Csv,
        ".jsonl" or ".ndjson" or ".json" => FeedFormat.Jsonl,
        _ => null,
    };

    private static void Commit<TRow>(ref FeedBatch<TRow>? batch, FeedSummary summary) where TRow : class
    {
        if (batch is null) return;
        batch.Commit(summary);
        batch.Dispose();
        batch = null;
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
            if (db.Backend != StoreBackend.Sqlite) return default; // SQLite's page cache and checkpoints only
            // Plain reads, not Dapper: its first use compiles code at every process start (Benchmarks, `feed`).
            var before = new BulkTuning(SqlRead.Long(db.Connection, "PRAGMA cache_size"), SqlRead.Long(db.Connection, "PRAGMA wal_autocheckpoint"));
            SqlRead.Run(db.Connection, "PRAGMA cache_size = -32768; PRAGMA wal_autocheckpoint = 10000");
            return before;
        }

        public void Restore(SafetyDb db)
        {
            if (db.Backend == StoreBackend.Sqlite)
                SqlRead.Run(db.Connection, $"PRAGMA cache_size = {CacheSize.ToString(CultureInfo.InvariantCulture)}; PRAGMA wal_autocheckpoint = {AutoCheckpoint.ToString(CultureInfo.InvariantCulture)}");
        }
    }

}
