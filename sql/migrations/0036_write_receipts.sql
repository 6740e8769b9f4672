-- portable: runs unchanged on PostgreSQL
-- Issue 17, a write in flight when the connection dies: on PostgreSQL each write transaction of `SafetyDb.Write`
-- inserts a receipt (a random token) with its change. When the connection is lost before the client heard the
-- commit, the store reconnects and looks for its receipt: found, the change was saved and is not made again (a note,
-- a duty, a complaint would otherwise be stored twice); not found, it is made now. Receipts are only needed for the
-- seconds a retry takes, so old ones are deleted as writes go on (by `at`, the server's UTC time as text).
-- SQLite loses no connection: the table stays empty there.
CREATE TABLE write_receipts (
    token TEXT PRIMARY KEY,
    at    TEXT NOT NULL
);
CREATE INDEX write_receipts_at ON write_receipts(at);
