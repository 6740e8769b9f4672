using System.Collections.Concurrent;
using Dapper;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using SafetyConsole.Data.Domain;

namespace SafetyConsole.Data.Store;

/// <summary>
/// One open SafetyConsole database: a SQLite file in WAL mode with foreign keys on and a busy timeout
/// (DESIGN §6), or a PostgreSQL database when `--db` is a connection string (issue 17; <see cref="PgStore"/>).
/// Opening applies pending migrations; it refuses files that are not SafetyConsole databases
/// and databases written by a newer version, before touching them.
/// </summary>
public sealed class SafetyDb : IDisposable
{
    /// <summary>PRAGMA application_id of a SafetyConsole database ("SCON").</summary>
    public const int ApplicationId = 0x53434F4E;

    /// <summary>Where the database is when neither --db nor SAFETY_CONSOLE_DB says (DESIGN §5).</summary>
    public const string DefaultPath = "safety.db";

    public const string PathVariable = "SAFETY_CONSOLE_DB";

    static SafetyDb()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    /// <summary>
    /// Database files this process has open, with how many connections. POSIX record locks belong to the process, so
    /// closing any descriptor of the file drops the locks SQLite holds on it for every connection of the process; the
    /// next other client to close would then find itself "last", checkpoint and delete the WAL under our open
    /// connections, which from then on neither see other processes' commits nor write where anyone will read (issue 13).
    /// So the header is read through a .NET handle only when no connection of this process has the file open.
    /// </summary>
    private static readonly ConcurrentDictionary<string, int> OpenHere = new(StringComparer.Ordinal);

    /// <summary>The clock of each open connection: what <see cref="StateChanges.AppendEvent"/> stamps recorded_at with (R10).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbConnection, TimeProvider> Clocks = new();

    private bool _disposed;

    /// <summary>A private SQLite store in this process's memory (<see cref="OpenInMemory"/>): no file, nobody else's.</summary>
    private readonly bool _inMemory;

    private SafetyDb(DbConnection connection, string path, TimeProvider clock, StoreBackend backend = StoreBackend.Sqlite, string? target = null,
        bool inMemory = false)
    {
        _inMemory = inMemory;
        _connection = connection;
        FilePath = path;
        Clock = clock;
        Backend = backend;
        Target = target ?? path;
        Clocks.AddOrUpdate(connection, clock);
        if (backend == StoreBackend.Sqlite && !inMemory) OpenHere.AddOrUpdate(path, 1, (_, n) => n + 1);
    }

    /// <summary>
    /// The open connection: internal, so every read and write is a named method of this library (Store, or the folder that
    /// owns the table) and the console, the board and the worker hold no SQL (issue 18; what a second backend needs).
    /// </summary>
    internal DbConnection Connection => _connection;

    /// <summary>Replaced by <see cref="ReopenIfBroken"/> when a PostgreSQL connection was lost (issue 17).</summary>
    private DbConnection _connection;

    /// <summary>The change counter of a PostgreSQL store (<see cref="PgChangeWatch"/>); null on SQLite.</summary>
    private PgChangeWatch? _changes;

    /// <summary>Which engine holds the store: a SQLite file or a PostgreSQL database (issue 17).</summary>
    public StoreBackend Backend { get; }

    /// <summary>True when this open created the store (a new file, or an empty PostgreSQL database or schema).</summary>
    public bool Created { get; private set; }

    /// <summary>What was opened, to open it again: the full file path, or the PostgreSQL connection string (no password).</summary>
    public string Target { get; }

    /// <summary>
    /// The process's clock (R10): the real time every event is recorded at, and what an effective time (`--at`) is
    /// compared with. The system clock, a test's fake one, or the demo's simulated one.
    /// </summary>
    public TimeProvider Clock { get; }

    /// <summary>The real time now, by the clock of the <see cref="SafetyDb"/> that owns <paramref name="conn"/>.</summary>
    internal static DateTimeOffset RecordingTime(DbConnection conn) =>
        Clocks.TryGetValue(conn, out var clock) ? clock.GetUtcNow()
        : throw new InvalidOperationException("Events are written only through a connection a SafetyDb opened (its clock stamps recorded_at, R10).");

    /// <summary>The database file's full path; for PostgreSQL, how messages name the database (<see cref="PgTarget.Describe"/>).</summary>
    public string FilePath { get; }

    /// <summary>--db, else SAFETY_CONSOLE_DB, else ./safety.db.</summary>
    public static string ResolvePath(string? option) =>
        !string.IsNullOrWhiteSpace(option) ? option
        : Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } env ? env
        : DefaultPath;

    /// <summary>
    /// Opens an existing database (migrating it forward). With <paramref name="create"/>, a missing file is
    /// created and <paramref name="account"/> becomes its first supervisor (R10). <paramref name="time"/> is the
    /// <see cref="Clock"/>: it stamps a creation or migration and every event's recorded time (default: the system clock).
    /// </summary>
    public static SafetyDb Open(string path, string account, bool create = false, TimeProvider? time = null)
    {
        if (PgTarget.IsPostgres(path)) return OpenPostgres(PgTarget.ConnectionString(path), account, create, time ?? TimeProvider.System);
        var full = Path.GetFullPath(path);
        var exists = File.Exists(full);
        if (!exists && !create)
            throw SafetyException.Usage($"There is no SafetyConsole database at {full}; run `safety-console init` to create one, or pass --db with the right path.");
        if (!exists) CheckWritableFolder(full);
        if (exists && !OpenHere.ContainsKey(full)) CheckHeader(full);
        if (exists) FileModes.RefuseWorldAccessibleDatabase(full);
        // DESIGN §7: created 0660 whatever the umask (SQLite would create it 0644 less the umask); SQLite opens an
        // empty file as a new database and gives the -wal and -shm it creates the same mode.
        if (!exists) FileModes.CreateEmpty(full, FileModes.Shared);

        var cs = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
        var conn = new StoreConnection(cs);
        var clock = time ?? TimeProvider.System;
        var db = new SafetyDb(conn, full, clock) { Created = !exists }; // counted as open here before SQLite takes its first lock
        try
        {
            conn.Open();
            Configure(conn);
            Migrations.Apply(conn, full, account, clock.GetUtcNow());
            FileModes.MatchSidecars(full);
            return db;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 26 /* NOTADB */)
        {
            db.Dispose();
            throw SafetyException.Usage($"{full} is not a SafetyConsole database; pass --db with the path of one, or a new path for `safety-console init`.");
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 8 /* READONLY */ or 14 /* CANTOPEN */ or 10 /* IOERR */)
        {
            db.Dispose();
            throw SafetyException.Usage($"Cannot write the database at {full} ({e.SqliteErrorCode}: {e.Message.TrimEnd('.')}); check the folder's permissions or pass --db with a writable path.");
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A new store held in this process's memory, created as <paramref name="account"/> (its supervisor) with every
    /// migration, for a simulation's scratch (issue 14): nothing anyone keeps, so no file at all — nothing written to
    /// disk at each commit, no student text in a temporary file (R9, DESIGN §7), nothing to delete. One connection
    /// only: <see cref="OpenAnother"/> does not apply. Gone when disposed.
    /// </summary>
    public static SafetyDb OpenInMemory(string account, TimeProvider clock)
    {
        const string name = "a scratch store in memory";
        var conn = new StoreConnection(new SqliteConnectionStringBuilder { DataSource = ":memory:", Pooling = false }.ToString());
        var db = new SafetyDb(conn, name, clock, inMemory: true) { Created = true };
        try
        {
            conn.Open();
            Configure(conn);
            Migrations.Apply(conn, name, account, clock.GetUtcNow());
            return db;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>Opens a second connection to the same file (for other threads: the board's reader, the worker).</summary>
    public SafetyDb OpenAnother(string account) => _inMemory
        ? throw new InvalidOperationException("A store in memory has one connection; there is no other to open.")
        : Open(Target, account, time: Clock);

    private static SafetyDb OpenPostgres(string connectionString, string account, bool create, TimeProvider clock)
    {
        var conn = PgStore.Connect(connectionString);
        var db = new SafetyDb(conn, PgTarget.Describe(connectionString), clock, StoreBackend.Postgres, connectionString);
        try
        {
            PgDistrictSchema.Prepare(conn, connectionString, db.FilePath, create);
            db.Created = PgMigrations.Apply(conn, db.FilePath, account, create, clock.GetUtcNow());
            return db;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>
    /// PRAGMA data_version: changes whenever another connection commits to the file. Cheap; polled by the
    /// board and the worker to notice changes made by other processes (DESIGN §6).
    /// On PostgreSQL (issue 17) the store's change notices, the server's WAL position and reconnects move it
    /// (<see cref="PgChangeWatch"/>); a connection lost since the last call is opened again first.
    /// </summary>
    public long DataVersion()
    {
        if (Backend == StoreBackend.Sqlite) return Connection.ExecuteScalar<long>("PRAGMA data_version");
        ReopenIfBroken();
        return (_changes ??= new PgChangeWatch()).Read((Npgsql.NpgsqlConnection)Connection);
    }

    /// <summary>Change notices this connection has heard from others' commits (PostgreSQL; 0 before the first <see cref="DataVersion"/>).</summary>
    internal long ChangeNotices => _changes?.Notices ?? 0;

    /// <summary>
    /// PostgreSQL: when the connection was lost (the server restarted, a failover, a network cut), opens a new one, to
    /// the first host of the connection string that is a primary now (issue 17). Long-lived holders (the board's
    /// reader and action threads, the worker) call it before each unit of work, never inside a transaction; a failed
    /// open throws the "Cannot connect" <see cref="SafetyException"/> and the next call tries again. The change counter
    /// moves with the new connection: whatever happened meanwhile counts as changed. SQLite: nothing to do.
    /// </summary>
    public void ReopenIfBroken()
    {
        if (Backend != StoreBackend.Postgres || _connection.State == System.Data.ConnectionState.Open) return;
        var fresh = PgStore.Reopen(_connection, Target);
        _connection = fresh;
        Clocks.AddOrUpdate(fresh, Clock);
    }

    /// <summary>True when the file at <see cref="FilePath"/> is no longer the file this connection has open (removed or replaced).</summary>
    public bool FileMoved() => Backend == StoreBackend.Sqlite && !_inMemory && DatabaseFile.HasMoved((SqliteConnection)Connection, FilePath);

    /// <summary>Throws <see cref="DatabaseMovedException"/> when the file at the path is no longer the one open here (checked before every commit).</summary>
    public void EnsureSameFile()
    {
        if (FileMoved()) throw new DatabaseMovedException(FilePath, File.Exists(FilePath));
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction (BEGIN IMMEDIATE, so two writers queue on the
    /// busy timeout instead of deadlocking). Commits when it returns normally; rolls back on any exception,
    /// including a <see cref="ChangeConflict"/> thrown by a lost race.
    /// </summary>
    public T Write<T>(Func<DbTransaction, T> work) => Write(WriteScope.Store, work);

    /// <summary>
    /// <see cref="Write{T}(Func{DbTransaction, T})"/> in a narrower <paramref name="scope"/>: on PostgreSQL a change to one
    /// call (<see cref="WriteScope.OnCall"/>) or an appended event (<see cref="WriteScope.AppendOnly"/>) runs beside others
    /// of its kind instead of queueing behind every write in the store (issue 17); on SQLite the same as any write.
    /// </summary>
    public T Write<T>(WriteScope scope, Func<DbTransaction, T> work)
    {
        // PostgreSQL may end a transaction to let another go on (serialization failure, deadlock): nothing of it was
        // written, so it runs again from the start, re-reading what it decides on (issue 17). SQLite never does.
        var losses = 0;
        WritesBegun++;
        for (var attempt = 1; ; attempt++)
        {
            var receipt = Backend == StoreBackend.Postgres ? WriteReceipt.New() : null;
            var done = false;
            T result = default!;
            try
            {
                using var tx = BeginWrite(receipt, scope, out var batch);
                using (batch)
                {
                    result = work(tx);
                    batch.Complete();
                }
                done = true;
                EnsureSameFile(); // a database removed or replaced meanwhile gets nothing: the transaction rolls back
                tx.Commit();
                AfterCommit?.Invoke(this);
                return result;
            }
            catch (Exception e) when (attempt < MaxWriteAttempts && StoreErrors.IsRetryable(e))
            {
            }
            catch (Exception e) when (Backend == StoreBackend.Postgres && StoreErrors.IsConnectionLoss(e) && ++losses <= MaxConnectionLosses)
            {
                // The connection died with the change in flight: it may have committed or not. On a new connection its
                // receipt says which (issue 17): saved, the work's result stands and nothing is made again (a note or a
                // complaint would otherwise be stored twice); not saved, it runs again from the start.
                WaitForServer(e, " while a change was being saved",
                    ", so the change may or may not have been saved; look at the call (`safety-console calls show ID`) before trying again.");
                if (done && receipt is not null && PgStore.Committed(Connection, receipt)) return result;
            }
        }
    }

    /// <summary>
    /// How many writes this store has begun (committed, rolled back or failed): a caller that met a lost connection and
    /// sees the count unchanged since it began knows that nothing of its work was written, so it may run it all again
    /// (the board's actions, <c>StoreBoardActions</c>).
    /// </summary>
    public long WritesBegun { get; private set; }

    /// <summary>
    /// After <paramref name="lost"/> (a lost PostgreSQL connection) met before anything was written: waits, as a write
    /// in flight does, for a server to answer again (a standby being promoted), about 20 s, on a new connection; then
    /// gives up in one sentence that says nothing was changed.
    /// </summary>
    public void ReconnectBeforeWriting(Exception lost) =>
        WaitForServer(lost, "", "; nothing was changed, so try again when the database is back.");

    /// <summary>How many lost connections one write survives.</summary>
    private const int MaxConnectionLosses = 2;

    /// <summary>How long a write in flight waits for a server to answer again (a standby being promoted): tries × pause.</summary>
    private const int ReconnectTries = 40;
    private static readonly TimeSpan ReconnectPause = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Opens a new connection after <paramref name="lost"/>, trying for about 20 s; then gives up in one sentence: the
    /// connection was lost <paramref name="during"/> … and no primary answered, then <paramref name="outcome"/>.
    /// </summary>
    private void WaitForServer(Exception lost, string during, string outcome)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                ReopenIfBroken();
                return;
            }
            catch (SafetyException) when (i < ReconnectTries)
            {
                Thread.Sleep(ReconnectPause); // real time: a server coming back, not the product's clock
            }
            catch (SafetyException)
            {
                throw SafetyException.Refused($"The connection to {FilePath} was lost{during} ({lost.Message.TrimEnd('.')}) and no primary answered within {ReconnectTries * ReconnectPause.TotalSeconds:F0} s{outcome}");
            }
        }
    }

    /// <summary>How many times a write the database chose to fail is tried in all.</summary>
    private const int MaxWriteAttempts = 3;

    public void Write(Action<DbTransaction> work) => Write<object?>(WriteScope.Store, tx => { work(tx); return null; });

    public void Write(WriteScope scope, Action<DbTransaction> work) => Write<object?>(scope, tx => { work(tx); return null; });

    /// <summary>
    /// A write transaction that holds the store's write lock from its first statement: SQLite's BEGIN IMMEDIATE, or on
    /// PostgreSQL the store's advisory lock (<see cref="PgStore.BeginWrite"/>), so writers queue in the same way on both
    /// and a read inside the transaction sees every earlier commit.
    /// </summary>
    internal DbTransaction BeginWrite() => BeginWrite(null, WriteScope.Store, out _);

    /// <summary>
    /// On PostgreSQL, a change to one call (<see cref="WriteScope.OnCall"/>) takes its write lock and then opens a
    /// <paramref name="batch"/>: its statements go to the server together, in one round trip, when it completes or before
    /// anything reads (issue 17, <see cref="StatementBatch"/>). The lock is not queued with them: whatever the change runs
    /// first, Dapper included, runs under it.
    /// </summary>
    private DbTransaction BeginWrite(WriteReceipt? receipt, WriteScope scope, out StatementBatch.Scope batch)
    {
        batch = default;
        if (Backend == StoreBackend.Sqlite) return ((SqliteConnection)Connection).BeginTransaction(deferred: false);
        ReopenIfBroken();
        var tx = PgStore.BeginWrite(Connection, scope, receipt);
        if (scope.Call is not null) batch = StatementBatch.Begin(tx);
        return tx;
    }

    /// <summary>
    /// Tests only: runs right after a write's commit, inside its error handling, to play a connection lost after the
    /// server committed and before the client heard so (issue 17) — a moment no test can otherwise hit on purpose.
    /// </summary>
    internal Action<SafetyDb>? AfterCommit { get; set; }

    /// <summary>The schema version the database is at (the newest migration applied).</summary>
    public long SchemaVersion() => SqlRead.Long(Connection, "SELECT max(version) FROM schema_migrations");

    /// <summary>
    /// Only for a throwaway SQLite store that this connection alone opens (a simulation's scratch, <see cref="OpenInMemory"/>),
    /// where a crash loses nothing anyone keeps: no fsync; one lock held throughout (none taken and dropped per statement);
    /// the rollback journal and any statement journal in memory; a page cache that holds a school year's calls and events. Issue 14, speed.
    /// </summary>
    public void TuneForScratch() =>
        SqlRead.Run(Connection, "PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = MEMORY; PRAGMA cache_size = -131072; PRAGMA temp_store = MEMORY");

    /// <summary>The time zone of the district, or UTC before a district is imported.</summary>
    public TimeZoneInfo DistrictZone()
    {
        var id = SqlRead.Text(Connection, "SELECT time_zone FROM district WHERE id = 1");
        return id is null ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(id);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        StatementCache.Release(Connection);
        Connection.Dispose();
        if (Backend != StoreBackend.Sqlite || _inMemory) return;
        // Remove the entry only when it still reads 1: a concurrent open of the same file may be adding to it.
        while (OpenHere.TryGetValue(FilePath, out var n))
        {
            if (n <= 1 ? OpenHere.TryRemove(new KeyValuePair<string, int>(FilePath, n)) : OpenHere.TryUpdate(FilePath, n - 1, n)) break;
        }
    }

    private static void Configure(SqliteConnection conn)
    {
        // WAL lets the board read while the worker and feeds write; NORMAL sync is durable at each WAL checkpoint
        // and safe against application crashes (a power cut may lose the last transactions, never corrupt).
        SqlRead.Run(conn, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;");
    }

    private static void CheckWritableFolder(string full)
    {
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir))
            throw SafetyException.Usage($"Cannot create the database at {full}: the folder {dir} does not exist; create it or pass --db with a writable path.");
        try
        {
            var probe = Path.Combine(dir, $".safety-write-probe-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw SafetyException.Usage($"Cannot create the database at {full}: the folder {dir} is not writable by this account; pass --db with a writable path.");
        }
    }

    /// <summary>Refuses a file that is not SQLite at all before SQLite is allowed to touch it.</summary>
    private static void CheckHeader(string full)
    {
        var header = new byte[16];
        int read;
        try
        {
            using var f = File.OpenRead(full);
            read = f.Read(header, 0, header.Length);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw SafetyException.Usage($"Cannot read the database at {full} ({e.Message.TrimEnd('.')}); check its permissions or pass --db with another path.");
        }
        if (read == 0) return; // an empty file: SQLite treats it as a new database
        if (read < 16 || System.Text.Encoding.ASCII.GetString(header, 0, 15) != "SQLite format 3")
            throw SafetyException.Usage($"{full} is not a SafetyConsole database; pass --db with the path of one, or a new path for `safety-console init`.");
    }
}
