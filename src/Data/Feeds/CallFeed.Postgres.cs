using System.Data.Common;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Feeds;

public static partial class CallFeed
{
    /// <summary>
    /// The call writer on PostgreSQL (issue 17): a chunk's calls go by binary COPY into a staging table, then one
    /// INSERT … SELECT in file order (ids are given in the order SQLite gives them) ON CONFLICT DO NOTHING, so a call
    /// already stored, or earlier in the same chunk, is skipped and counted a duplicate exactly as on SQLite; the
    /// foreign keys (location, type) are checked by the insert as by SQLite's. Rows reach the writer validated: every
    /// per-record error was reported before this. Duties (issue 15) are rare: the common writer stores them.
    /// A duplicate that reached ON CONFLICT would still take a number from the id sequence (PostgreSQL draws it before
    /// checking), so every later call or duty would be numbered one higher than on SQLite: duplicates are left out before
    /// the insert (all but the first of a chunk's repeats, and any already stored: the batch holds the store's write lock,
    /// so nothing else inserts meanwhile); ON CONFLICT stays as the guarantee.
    /// </summary>
    private sealed class PgCopyWriter(DbConnection connection, string actor) : IRowWriter<Row>
    {
        private const string Stage = "feed_call_stage";

        private readonly PgCopyStage _stage = new(connection, Stage,
            "ord BIGINT, source TEXT, external_id TEXT, received_at TEXT, location TEXT, type TEXT, priority BIGINT, description TEXT, reporter_role TEXT, basis TEXT, trace TEXT",
            $"""
            INSERT INTO calls(source, external_id, received_at, location, type, priority, description, reporter_role, basis,
                              status, class, trace, created_at, updated_at)
            SELECT source, external_id, received_at, location, type, priority, description, reporter_role, basis,
                   'NEW', '{Codes.Unclassified}', trace, $1, $1
            FROM (SELECT DISTINCT ON (source, external_id) * FROM {Stage} ORDER BY source, external_id, ord) s
            WHERE NOT EXISTS (SELECT 1 FROM calls c WHERE c.source = s.source AND c.external_id = s.external_id)
            ORDER BY ord
            ON CONFLICT(source, external_id) DO NOTHING
            """); // not classified until intake (issue 13), as the SQLite writer

        private Writer? _duties;

        public int Insert(IReadOnlyList<Row> rows, string loadedAt)
        {
            var loaded = 0;
            if (rows.Any(r => r.DutyDue is not null))
            {
                _duties ??= new Writer(connection, actor);
                loaded += _duties.Insert(rows.Where(r => r.DutyDue is not null).ToList(), loadedAt);
                rows = rows.Where(r => r.DutyDue is null).ToList();
            }
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                _stage.StartRow();
                _stage.Write(i);
                _stage.Write(row.Source);
                _stage.Write(row.ExternalId);
                _stage.Write(row.ReceivedAt);
                _stage.Write(row.Location);
                _stage.Write(row.Type);
                _stage.Write(row.Priority);
                _stage.Write(row.Description);
                _stage.Write(row.ReporterRole);
                _stage.Write(row.Basis);
                _stage.Write(row.Trace);
            }
            return loaded + _stage.Move(loadedAt);
        }

        public void Dispose()
        {
            _stage.Dispose();
            _duties?.Dispose();
        }
    }
}
