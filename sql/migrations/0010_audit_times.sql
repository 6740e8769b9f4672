-- R10 audit integrity (issue 13).
-- recorded_at: the real time an event was written, from the writing process's clock, beside its effective time
-- (`at`, which a supervisor's late entry or replay may set far from the clock). NULL on events written before
-- this migration: their recorded time was not kept. The append-only triggers stay: nothing old is rewritten.
ALTER TABLE events ADD COLUMN recorded_at TEXT;

-- The `service` role: the OS account the worker (safety-worker) runs as. SQLite cannot change a CHECK
-- constraint in place, so the table is rebuilt with the same rows.
CREATE TABLE operators_new (
    account  TEXT PRIMARY KEY,
    role     TEXT NOT NULL CHECK (role IN ('viewer','service','dispatcher','supervisor')),
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL
);
INSERT INTO operators_new(account, role, added_by, added_at) SELECT account, role, added_by, added_at FROM operators;
DROP TABLE operators;
ALTER TABLE operators_new RENAME TO operators;
