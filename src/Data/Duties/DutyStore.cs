using System.Data.Common;
using Dapper;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Feeds;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Duties;

/// <summary>
/// The duties table (issue 15, migration 0031): `duty add`, `duty done`, `duty list`. Dispatchers and supervisors
/// change them (R10, the roles of assign); each change is one transaction of a conditional write and its event
/// (<c>duty.added</c>, <c>duty.done</c>), which names the duty by number and never carries its note (R9).
/// </summary>
public static class DutyStore
{
    public const int MaxNote = 2000;

    /// <summary>Adds a duty; returns its number. Bad input is a usage error (exit 2) saying what to give.</summary>
    public static long Add(SafetyDb db, string actor, string type, string location, DateOnly dueOn, string? officer, string? note, DateTimeOffset at)
    {
        Operators.Require(db, actor, OperatorRole.Dispatcher, "add duties", at);
        var clean = PlainText.Clean(note ?? "");
        if (clean.Length > MaxNote) throw SafetyException.Usage($"--note is {clean.Length} characters long; keep it to {MaxNote}.");
        return db.Write(tx =>
        {
            var c = tx.Connection!;
            var types = Districts.DistrictReads.CallTypes(c, tx);
            var code = type.Trim().ToUpperInvariant();
            var duties = types.Where(t => t.Duty).Select(t => t.Code).ToList();
            var t = types.FirstOrDefault(x => string.Equals(x.Code, code, StringComparison.Ordinal))
                ?? throw SafetyException.Usage($"'{PlainText.Excerpt(PlainText.Clean(type))}' is not a call type; a duty is one of {string.Join(", ", duties)}.");
            if (!t.Duty)
                throw SafetyException.Usage($"{t.Code} is a call for service, not a scheduled duty; load it as a call (`feed load`, or the board's new call), or give one of {string.Join(", ", duties)}.");
            var loc = location.Trim().ToUpperInvariant();
            if (c.ExecuteScalar<long>("SELECT count(*) FROM locations WHERE code = @loc", new { loc }, tx) == 0)
                throw SafetyException.Usage($"There is no location {PlainText.Excerpt(PlainText.Clean(location))}; give a location code from `district import`'s locations.csv, e.g. LHS.");
            var badge = officer?.Trim();
            if (badge is { Length: > 0 } && c.ExecuteScalar<long>("SELECT count(*) FROM officers WHERE badge = @badge", new { badge }, tx) == 0)
                throw SafetyException.Usage($"There is no officer {PlainText.Excerpt(PlainText.Clean(badge))}; check the badge with `safety-console officers list`, or leave --officer out.");
            var id = c.ExecuteScalar<long>("""
                INSERT INTO duties(type, location, due_on, officer, note, added_by, added_at)
                VALUES (@type, @loc, @due, @badge, @clean, @actor, @at) RETURNING id
                """, new { type = t.Code, loc, due = TimeText.ToDb(dueOn), badge = badge is { Length: > 0 } ? badge : null, clean, actor, at = TimeText.ToDb(at) }, tx);
            StateChanges.AppendEvent(tx, new EventRow(at, actor, "duty.added", Badge: badge is { Length: > 0 } ? badge : null,
                Reason: $"duty {id}: {t.Code} ({t.Name}) at {loc}, due {TimeText.ToDb(dueOn)}; a scheduled duty, no R5 deadline",
                Detail: $"duty {id}"));
            return id;
        });
    }

    /// <summary>Marks a duty done. An unknown number is a usage error; a duty already done is refused (exit 1) naming who did it.</summary>
    public static Duty Done(SafetyDb db, string actor, long id, DateTimeOffset at)
    {
        Operators.Require(db, actor, OperatorRole.Dispatcher, "mark duties done", at);
        return db.Write(tx =>
        {
            var c = tx.Connection!;
            var n = c.Execute("UPDATE duties SET done_by = @actor, done_at = @at WHERE id = @id AND done_at IS NULL",
                new { id, actor, at = TimeText.ToDb(at) }, tx);
            var d = Read(c, tx, "id = @id", ("@id", id)).FirstOrDefault()
                ?? throw SafetyException.Usage($"There is no duty {id}; check the number with `safety-console duty list`.");
            if (n != 1)
                throw SafetyException.Refused($"Duty {id} was already done (by {d.DoneBy} at {TimeText.ToDb(d.DoneAt!.Value)}); nothing changed.");
            StateChanges.AppendEvent(tx, new EventRow(at, actor, "duty.done", Badge: d.Officer,
                Reason: $"duty {id}: {d.Type} at {d.Location}, due {TimeText.ToDb(d.DueOn)}, done", Detail: $"duty {id}"));
            return d;
        });
    }

    /// <summary>Open duties, oldest due first; with <paramref name="dueBy"/>, those due on or before it.</summary>
    public static IReadOnlyList<Duty> Open(SafetyDb db, DateOnly? dueBy = null) =>
        dueBy is { } by
            ? Read(db.Connection, null, "done_at IS NULL AND due_on <= @by", ("@by", TimeText.ToDb(by)))
            : Read(db.Connection, null, "done_at IS NULL");

    /// <summary>Every duty due from <paramref name="from"/> through <paramref name="to"/> (`report`), done or not.</summary>
    public static IReadOnlyList<Duty> DueBetween(SafetyDb db, DateOnly from, DateOnly to) =>
        Read(db.Connection, null, "due_on >= @from AND due_on <= @to", ("@from", TimeText.ToDb(from)), ("@to", TimeText.ToDb(to)));

    /// <summary>Plain reads (SqlRead): `status` reads the open duties and must start fast.</summary>
    private static List<Duty> Read(DbConnection c, DbTransaction? tx, string where,
        params (string Name, object? Value)[] args) =>
        SqlRead.Rows(c, $"SELECT id, type, location, due_on, officer, note, added_by, added_at, done_by, done_at, source FROM duties WHERE {where} ORDER BY due_on, id",
            r => new Duty(r.GetInt64(0), r.GetString(1), r.GetString(2), TimeText.DateFromDb(r.GetString(3)), r.NullableText(4), r.GetString(5),
                r.GetString(6), TimeText.FromDb(r.GetString(7)), r.NullableText(8), TimeText.FromDbOrNull(r.NullableText(9)), r.NullableText(10)), tx, args);
}
