using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Routing;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Board;

/// <summary>
/// What the board does to the store, run on the loop's action thread: any <see cref="BoardAction"/>, the route
/// dialog's recommendation, and the R9/R10 records. A seam so that Update and loop tests run without a database.
/// </summary>
public interface IBoardActions
{
    /// <summary>Runs an action; a refusal throws <see cref="SafetyException"/> with one sentence.</summary>
    ActionOutcome Run(BoardAction action, string actor, DateTimeOffset at);

    Recommendation Recommend(long callId, DateTimeOffset at);

    /// <summary>R9: records that a non-dispatcher was shown a call's detail.</summary>
    void RecordDetailRead(string actor, long callId, DateTimeOffset at);

    /// <summary>R10: records a refusal the board made itself, as the command line records its own.</summary>
    void RecordRefusal(string actor, long? callId, string reason, DateTimeOffset at);
}

/// <summary>
/// The board's actions on the store: each <see cref="BoardAction"/> runs itself; <see cref="Recommendations"/> ranks.
/// On PostgreSQL each first opens a new connection when the last one was lost (issue 17).
/// </summary>
public sealed class StoreBoardActions(SafetyDb db) : IBoardActions
{
    public ActionOutcome Run(BoardAction action, string actor, DateTimeOffset at) => Retried(db => action.Run(db, actor, at));

    public Recommendation Recommend(long callId, DateTimeOffset at) => Retried(db => Recommendations.For(db, callId, at));

    public void RecordDetailRead(string actor, long callId, DateTimeOffset at) =>
        Retried(db => DetailReadAudit.Record(db, actor, callId, at, "on the board"));

    public void RecordRefusal(string actor, long? callId, string reason, DateTimeOffset at) =>
        Retried(db => { Refusals.Record(db, actor, callId, reason, "on the board"); return true; });

    /// <summary>
    /// Runs <paramref name="work"/>; when the connection is found lost before it wrote anything (an action's reads come
    /// first: the role, the call, the roster), waits for a server to answer again, as a write in flight does, and runs it
    /// again once: a dispatcher's choice made during a failover is made on the promoted standby, once (issue 17). A loss
    /// met inside a write is the write's own to settle (<see cref="SafetyDb.Write{T}(Func{System.Data.Common.DbTransaction, T})"/>).
    /// </summary>
    private T Retried<T>(Func<SafetyDb, T> work)
    {
        var store = Live();
        var writes = store.WritesBegun;
        try
        {
            return work(store);
        }
        catch (Exception e) when (StoreErrors.IsConnectionLoss(e) && store.WritesBegun == writes)
        {
            store.ReconnectBeforeWriting(e);
            return work(store);
        }
    }

    private SafetyDb Live()
    {
        db.ReopenIfBroken();
        return db;
    }
}
