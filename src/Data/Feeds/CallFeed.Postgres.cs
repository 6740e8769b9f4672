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
    /// per-record error was reported before this. Duties (issue 15) are rare: one statement each.
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

        private readonly NativeStatement _duty = new(connection, """
            INSERT INTO duties(type, location, due_on, note, source, external_id, added_by, added_at)
            SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8
            WHERE NOT EXISTS (SELECT 1 FROM duties WHERE source = ?5 AND external_id = ?6)
            ON CONFLICT(source, external_id) DO NOTHING
            """);

        public int Insert(IReadOnlyList<Row> rows, string loadedAt)
        {
            var loaded = 0;
            if (rows.Any(r => r.DutyDue is not null))
            {
                foreach (var d in rows.Where(r => r.DutyDue is not null)) loaded += InsertDuty(d, loadedAt);
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

        /// <summary>A feed's duty (issue 15), as the SQLite writer stores it: its description becomes the duty's note.</summary>
        private int InsertDuty(Row row, string loadedAt)
        {
            _duty.Bind(1, row.Type);
            _duty.Bind(2, row.Location);
            _duty.Bind(3, row.DutyDue);
            _duty.Bind(4, row.Description);
            _duty.Bind(5, row.Source);
            _duty.Bind(6, row.ExternalId);
            _duty.Bind(7, actor);
            _duty.Bind(8, loadedAt);
            return _duty.Execute();
        }

        public void Dispose()
        {
            _stage.Dispose();
            _duty.Dispose();
        }
    }
}
