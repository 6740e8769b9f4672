using System.Data.Common;

namespace SafetyConsole.Data.Store;

/// <summary>
/// The events of a bulk load (a feed's batches: what was loaded, what R8 dropped or refused), appended through one
/// statement prepared for the whole load: the same rows as <see cref="StateChanges.AppendEvent"/>, recorded time from
/// the connection's clock (R10), without Dapper, whose first use of a parameter shape compiles code at every process
/// start (Benchmarks, `feed`). Only events about no call and no officer: a load's events are about its input.
/// </summary>
internal sealed class LoadEvents(DbConnection connection) : IDisposable
{
    private readonly NativeStatement _insert = new(connection, """
        INSERT INTO events(at, actor, kind, reason, detail, recorded_at)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6)
        """);

    /// <summary>Appends <paramref name="e"/> in the connection's open transaction.</summary>
    public void Append(EventRow e)
    {
        if (e.CallId is not null || e.Badge is not null || e.FromStatus is not null || e.ToStatus is not null)
            throw new ArgumentException("a load's events are about its input, not a call or an officer; use StateChanges.AppendEvent", nameof(e));
        _insert.Bind(1, TimeText.ToDb(e.At));
        _insert.Bind(2, e.Actor);
        _insert.Bind(3, e.Kind);
        _insert.Bind(4, e.Reason);
        _insert.Bind(5, e.Detail);
        _insert.Bind(6, TimeText.ToDb(SafetyDb.RecordingTime(connection)));
        _insert.Execute();
    }

    public void Dispose() => _insert.Dispose();
}
