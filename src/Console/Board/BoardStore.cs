using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Status;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Board;

/// <summary>What the loop reads from the store (on its own connection, off the UI thread).</summary>
public interface IBoardStore
{
    /// <summary>PRAGMA data_version (on PostgreSQL, <see cref="SafetyDb.DataVersion"/>): changes whenever another connection commits.</summary>
    long DataVersion();

    /// <summary>The sentence saying the database file was removed or replaced under the board; null while it is the same file.</summary>
    string? FileProblem() => null;

    /// <summary>A prepared snapshot; given the previous one, it carries the ids of the calls that changed since.</summary>
    BoardData Load(DateTimeOffset now, BoardData? previous);

    QueueSummary Summary(DateTimeOffset now);

    IReadOnlyList<EventRow> Events(long callId);

    /// <summary>The call's notes, oldest first (issue 15), shown in the detail as `calls show` prints them.</summary>
    IReadOnlyList<CallNote> Notes(long callId);

    /// <summary>One call, open or not; null when there is none.</summary>
    Call? Call(long callId);
}

/// <summary>
/// The board's reads on its own connection. On PostgreSQL each read first opens a new connection when the last one was
/// lost (issue 17): a failed read shows in the header ("retrying") and the next poll reconnects and reloads.
/// </summary>
public sealed class DbBoardStore(SafetyDb db, string account) : IBoardStore
{
    public long DataVersion() => db.DataVersion();
    public string? FileProblem() => db.FileMoved() ? new DatabaseMovedException(db.FilePath, File.Exists(db.FilePath)).Message : null;
    public BoardData Load(DateTimeOffset now, BoardData? previous) => BoardDataLoader.Load(Live(), account, now, previous);
    public QueueSummary Summary(DateTimeOffset now) => QueueSummaries.Load(Live(), now);
    public IReadOnlyList<EventRow> Events(long callId) => Reads.EventsOfCall(Live(), callId);
    public IReadOnlyList<CallNote> Notes(long callId) => CallNotes.Of(Live(), callId);
    public Call? Call(long callId) => Reads.Call(Live(), callId);

    private SafetyDb Live()
    {
        db.ReopenIfBroken();
        return db;
    }
}
