using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Feeds;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Dispatch;

/// <summary>`note CALL TEXT` and the board's N (issue 15).</summary>
public static partial class CallActions
{
    /// <summary>Longest note kept (characters, after cleaning), as a feed's description.</summary>
    public const int MaxNote = CallFeed.MaxDescriptionLength;

    /// <summary>
    /// Appends a note to a call: dispatchers and supervisors (R10, viewers refused and the refusal recorded), the text
    /// cleaned like feed text (control characters and escape sequences removed), one transaction of the note and its
    /// <c>call.note</c> event, which names the note by number and never carries its text (R9). A call in any status
    /// takes notes (an after-action note on a cleared call is part of its record). Returns the sentence it reports (the
    /// board and the command line print the same words), which names the note's number.
    /// </summary>
    public static string Note(SafetyDb db, string actor, long callId, string text, DateTimeOffset at)
    {
        Operators.Require(db, actor, OperatorRole.Dispatcher, "add notes to calls", at);
        var clean = PlainText.Clean(text);
        if (clean.Length == 0) throw SafetyException.Usage("The note is empty; write what happened, e.g. `safety-console note 42 \"Parent arrived, calm\"`.");
        if (clean.Length > MaxNote) throw SafetyException.Usage($"The note is {clean.Length:N0} characters long; keep it to {MaxNote:N0}, or add two notes.");
        var call = Reads.RequireCall(db, callId);
        return db.Write(WriteScope.OnCall(call.Id), tx =>
        {
            var id = CallNotes.Insert(tx, call.Id, at, actor, clean);
            StateChanges.AppendEvent(tx, new EventRow(at, actor, "call.note", call.Id, Reason: $"note {id} added by {actor}", Detail: $"note {id}"));
            return $"Note {id} added to call {call.Id}.";
        });
    }
}
