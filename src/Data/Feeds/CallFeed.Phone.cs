using System.Globalization;
using Dapper;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Feeds;

/// <summary>A call taken by phone on the board, as typed into the new-call form; null fields are left empty.</summary>
public sealed record PhoneCall(string Location, string Type, int? Priority, string? Basis, string Description);

public static partial class CallFeed
{
    /// <summary>Source of calls taken on the board (a phone call to dispatch).</summary>
    public const string PhoneSource = "phone";

    /// <summary>The input name the load's events give a phone call.</summary>
    private const string PhoneInput = "the board";

    /// <summary>
    /// Takes one phone call exactly as a feed record (DESIGN §4): the same validation, R8 refusal, text cleaning and
    /// load events as `feed load`, landing NEW for the worker's intake; returns the new call's id. R10: dispatchers
    /// and supervisors, as for `feed load`. A record the feed rejects throws <see cref="SafetyException"/> with the
    /// first reason, and nothing is stored but the load's events (an R8 refusal is recorded).
    /// </summary>
    public static long TakePhoneCall(SafetyDb db, string actor, PhoneCall call, DateTimeOffset at)
    {
        Operators.Require(db, actor, OperatorRole.Dispatcher, "take calls", at);
        var externalId = $"board-{actor}-{at.UtcTicks.ToString(CultureInfo.InvariantCulture)}";
        var options = new FeedOptions(actor, new FixedClock(at)) { Source = PhoneSource };
        var kind = new Kind(db, PhoneSource, PhoneInput, options.Time, actor);
        var raw = new RawRecord(Fields.Count) { Line = 1 };
        void Set(string field, string? value) => raw.Values[Fields.IndexOf(field)] = value;
        Set("external_id", externalId);
        Set("received_at", TimeText.ToDb(at));
        Set("location", call.Location);
        Set("type", call.Type);
        Set("priority", call.Priority?.ToString(CultureInfo.InvariantCulture));
        Set("basis", call.Basis);
        Set("description", call.Description);
        Set("reporter_role", "staff");

        List<FeedError>? errors = null;
        string? refusal = null;
        var row = kind.Validate(raw, ref errors, ref refusal);
        var summary = new FeedSummary();
        using (var writer = kind.Prepare(db.Connection))
        using (var events = new LoadEvents(db.Connection))
        using (var batch = new FeedBatch<Row>(db, PhoneInput, options, kind, writer, events))
        {
            batch.Write([new FeedItem<Row>(raw.Line, row, errors, [], refusal)], 0, 1);
            batch.Commit(summary);
        }
        if (summary.Loaded != 1)
        {
            var why = summary.Errors.Count > 0 ? $"{summary.Errors[0].Field}: {summary.Errors[0].Reason}" : summary.Headline("call");
            throw SafetyException.Refused($"The call was not taken ({why.TrimEnd('.')}); correct it in the form and submit again.");
        }
        return db.Connection.ExecuteScalar<long>(
            "SELECT id FROM calls WHERE source = @source AND external_id = @externalId", new { source = PhoneSource, externalId });
    }
}
