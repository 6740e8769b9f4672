using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Feeds;
using SafetyConsole.Data.Routing;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Board;

/// <summary>
/// What the board does to the store: the command line's dispatch actions and recommendation, with the same rules
/// and refusals (<see cref="SafetyException"/>, message = one sentence). Run on the loop's worker, never while drawing.
/// A seam so that Update and loop tests run without a database.
/// </summary>
public interface IBoardActions
{
    /// <summary>Returns the sentence to show (e.g. "Call 42 assigned to CSO-12 …").</summary>
    string Assign(string actor, long callId, string badge, DateTimeOffset at, string? overrideReason);
    void Acknowledge(string actor, long callId, DateTimeOffset at);
    void EnRoute(string actor, long callId, DateTimeOffset at);
    void OnScene(string actor, long callId, DateTimeOffset at);
    void Clear(string actor, long callId, string disposition, DateTimeOffset at);
    void Divert(string actor, long callId, string reason, DateTimeOffset at);
    void Cancel(string actor, long callId, string reason, DateTimeOffset at);
    long Create(string actor, string location, string type, int? priority, string? basis, string description, DateTimeOffset at);

    /// <summary>R2: a supervisor's reclassification; returns the sentence to show. <paramref name="priority"/> null = the type's default.</summary>
    string Reclassify(string actor, long callId, string type, int? priority, string reason, DateTimeOffset at);

    Recommendation Recommend(long callId, DateTimeOffset at);
    void SetOfficerStatus(string actor, string badge, OfficerStatus status, DateTimeOffset at);

    /// <summary>R9: records that a non-dispatcher was shown a call's detail.</summary>
    void RecordDetailRead(string actor, long callId, DateTimeOffset at);

    /// <summary>R10: records a refusal the board made itself, as the command line records its own.</summary>
    void RecordRefusal(string actor, long? callId, string reason, DateTimeOffset at);
}

/// <summary>The board's actions on the store, through <see cref="CallActions"/>, <see cref="OfficerActions"/> and <see cref="Recommendations"/>.</summary>
public sealed class StoreBoardActions(SafetyDb db) : IBoardActions
{
    public string Assign(string actor, long callId, string badge, DateTimeOffset at, string? overrideReason) =>
        CallActions.Assign(db, actor, callId, badge, at, overrideReason).Message;

    public void Acknowledge(string actor, long callId, DateTimeOffset at) => CallActions.Acknowledge(db, actor, callId, at);
    public void EnRoute(string actor, long callId, DateTimeOffset at) => CallActions.EnRoute(db, actor, callId, at);
    public void OnScene(string actor, long callId, DateTimeOffset at) => CallActions.OnScene(db, actor, callId, at);
    public void Clear(string actor, long callId, string disposition, DateTimeOffset at) => CallActions.Clear(db, actor, callId, disposition, at);
    public void Divert(string actor, long callId, string reason, DateTimeOffset at) => CallActions.Divert(db, actor, callId, reason, at);
    public void Cancel(string actor, long callId, string reason, DateTimeOffset at) => CallActions.Cancel(db, actor, callId, reason, at);

    /// <summary>Source of calls taken on the board (a phone call to dispatch).</summary>
    public const string PhoneSource = "phone";

    /// <summary>
    /// A phone call, taken exactly as a feed record (DESIGN §4): one JSON Lines record through <see cref="CallFeed"/>,
    /// so it gets the same validation, R8 refusals and text cleaning, and lands NEW for the worker's intake.
    /// R10: dispatchers and supervisors, as for `feed load`.
    /// </summary>
    public long Create(string actor, string location, string type, int? priority, string? basis, string description, DateTimeOffset at)
    {
        Operators.Require(db, actor, OperatorRole.Dispatcher, "take calls", at);
        var externalId = $"board-{actor}-{at.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        var record = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["external_id"] = externalId,
            ["received_at"] = TimeText.ToDb(at),
            ["location"] = location,
            ["type"] = type,
            ["priority"] = priority,
            ["basis"] = basis,
            ["description"] = description,
            ["reporter_role"] = "staff",
        }.Where(kv => kv.Value is not null).ToDictionary());
        var summary = CallFeed.Load(db, FeedInput.FromReader(new StringReader(record + "\n"), "the board"),
            new FeedOptions(actor, new FixedClock(at)) { Format = FeedFormat.Jsonl, Source = PhoneSource });
        if (summary.Loaded != 1)
        {
            var why = summary.Errors.Count > 0 ? $"{summary.Errors[0].Field}: {summary.Errors[0].Reason}" : summary.Headline("call");
            throw SafetyException.Refused($"The call was not taken ({why.TrimEnd('.')}); correct it in the form and submit again.");
        }
        return Dapper.SqlMapper.ExecuteScalar<long>(db.Connection,
            "SELECT id FROM calls WHERE source = @source AND external_id = @externalId", new { source = PhoneSource, externalId });
    }

    /// <summary>
    /// R2 through <see cref="CallActions.Reclassify"/>: supervisors only (R10), the type checked against the district's
    /// (R8 refuses ALIEN), the event recorded with who and why. The call is NEW again; the worker's intake decides it
    /// under the new type (the board then says the outcome).
    /// </summary>
    public string Reclassify(string actor, long callId, string type, int? priority, string reason, DateTimeOffset at)
    {
        CallActions.Reclassify(db, actor, callId, type, reason, at, priority);
        var call = Reads.RequireCall(db, callId);
        var then = call.Status == CallStatus.New ? "intake decides it again" : $"intake made it {call.Status.Text()}";
        return $"Call {callId} reclassified {call.Type} P{call.Priority} (recorded, R2); {then}.";
    }

    public Recommendation Recommend(long callId, DateTimeOffset at) => Recommendations.For(db, callId, at);

    public void SetOfficerStatus(string actor, string badge, OfficerStatus status, DateTimeOffset at) =>
        OfficerActions.SetStatus(db, actor, badge, status, at, "set on the board");

    public void RecordDetailRead(string actor, long callId, DateTimeOffset at) =>
        DetailReads.Record(db, actor, callId, at, "on the board");

    public void RecordRefusal(string actor, long? callId, string reason, DateTimeOffset at) =>
        Refusals.Record(db, actor, callId, reason, "on the board");
}

/// <summary>Runs a <see cref="BoardAction"/> through <see cref="IBoardActions"/> and says what happened, one sentence.</summary>
public static class BoardActionRunner
{
    public static ActionDoneMsg Run(IBoardActions actions, string actor, BoardAction action, DateTimeOffset at)
    {
        try
        {
            switch (action)
            {
                case AssignAction a:
                    return new ActionDoneMsg(action, true, actions.Assign(actor, a.CallId, a.Badge, at, a.OverrideReason));
                case MoveAction { To: CallStatus.Acknowledged } m:
                    actions.Acknowledge(actor, m.CallId, at);
                    return new ActionDoneMsg(action, true, $"Call {m.CallId} acknowledged.");
                case MoveAction { To: CallStatus.EnRoute } m:
                    actions.EnRoute(actor, m.CallId, at);
                    return new ActionDoneMsg(action, true, $"Call {m.CallId}: officer en route.");
                case MoveAction { To: CallStatus.OnScene } m:
                    actions.OnScene(actor, m.CallId, at);
                    return new ActionDoneMsg(action, true, $"Call {m.CallId}: officer on scene.");
                case ClearAction c:
                    actions.Clear(actor, c.CallId, c.Disposition, at);
                    return new ActionDoneMsg(action, true, $"Call {c.CallId} cleared ({c.Disposition}).");
                case DivertAction d:
                    actions.Divert(actor, d.CallId, d.Reason, at);
                    return new ActionDoneMsg(action, true, $"Call {d.CallId} diverted to the school administration.");
                case CancelAction c:
                    actions.Cancel(actor, c.CallId, c.Reason, at);
                    return new ActionDoneMsg(action, true, $"Call {c.CallId} cancelled.");
                case ReclassifyAction r:
                    return new ActionDoneMsg(action, true, actions.Reclassify(actor, r.CallId, r.Type, r.Priority, r.Reason, at));
                case CreateAction n:
                    var id = actions.Create(actor, n.Location, n.Type, n.Priority, n.Basis, n.Description, at);
                    return new ActionDoneMsg(action, true, $"Call {id} taken: {n.Type} at {n.Location}.", id);
                case OfficerStatusAction o:
                    actions.SetOfficerStatus(actor, o.Badge, o.Status, at);
                    return new ActionDoneMsg(action, true, $"{o.Badge} is now {o.Status.Text()}.");
                default:
                    return new ActionDoneMsg(action, false, $"The board cannot {action.Describe()}.");
            }
        }
        catch (SafetyException e)
        {
            return new ActionDoneMsg(action, false, e.Message);
        }
        catch (Exception e) when (StoreErrors.IsBusy(e))
        {
            return new ActionDoneMsg(action, false, "The database stayed busy (another process holds a long write); try again in a moment.");
        }
    }

    /// <summary>R9: records a read; a failure is said on the status line (the detail stays shown: it was already read).</summary>
    public static Msg? RecordRead(IBoardActions actions, string actor, long callId, DateTimeOffset at)
    {
        try
        {
            actions.RecordDetailRead(actor, callId, at);
            return null;
        }
        catch (Exception e) when (e is SafetyException || StoreErrors.IsDatabaseError(e))
        {
            return new NoticeMsg($"Recording that you read call {callId} failed ({e.Message.TrimEnd('.')}); tell a supervisor (R9).", Error: true);
        }
    }

    /// <summary>R10: records a refusal the board made; a failure is said on the status line.</summary>
    public static Msg? RecordRefusal(IBoardActions actions, string actor, RecordRefusalCmd r, DateTimeOffset at)
    {
        try
        {
            actions.RecordRefusal(actor, r.CallId, r.Reason, at);
            return null;
        }
        catch (Exception e) when (e is SafetyException || StoreErrors.IsDatabaseError(e))
        {
            return new NoticeMsg($"Recording the refusal failed ({e.Message.TrimEnd('.')}); tell a supervisor (R10).", Error: true);
        }
    }

    public static RecommendationMsg Recommend(IBoardActions actions, long callId, DateTimeOffset at)
    {
        try
        {
            return new RecommendationMsg(callId, actions.Recommend(callId, at), null);
        }
        catch (Exception e) when (e is SafetyException or ArgumentException)
        {
            return new RecommendationMsg(callId, null, e.Message);
        }
    }
}
