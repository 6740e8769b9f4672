using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Board;

/// <summary>Runs a <see cref="BoardAction"/> through <see cref="IBoardActions"/> and says what happened, one sentence.</summary>
public static class BoardActionRunner
{
    public static ActionDoneMsg Run(IBoardActions actions, string actor, BoardAction action, DateTimeOffset at)
    {
        try
        {
            var done = actions.Run(action, actor, at);
            return new ActionDoneMsg(action, true, done.Message, done.CreatedCallId);
        }
        catch (SafetyException e)
        {
            return new ActionDoneMsg(action, false, e.Message);
        }
        catch (Exception e) when (StoreErrors.IsBusy(e))
        {
            return new ActionDoneMsg(action, false, "The database stayed busy (another process holds a long write); try again in a moment.");
        }
        catch (Exception e) when (StoreErrors.IsDatabaseError(e))
        {
            // Any other database failure ends the action too, said as such: not taken for a failed poll (the status line
            // would say "retrying" for an action nobody retries, and stay "Working..." for good).
            return new ActionDoneMsg(action, false, $"The action failed in the database ({e.Message.TrimEnd('.')}); look at the call before trying again.");
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
    public static Msg? RecordRefusal(IBoardActions actions, string actor, RecordRefusalEffect r, DateTimeOffset at)
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
        catch (Exception e) when (StoreErrors.IsDatabaseError(e))
        {
            // Said in the dialog, which waits for this answer, not taken for a failed poll (the dialog would wait for good).
            return new RecommendationMsg(callId, null, $"The recommendation could not be read from the database ({e.Message.TrimEnd('.')}); close and try again.");
        }
    }
}
