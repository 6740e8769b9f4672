-- Issue 15: scheduled duties are not emergencies. Facility safety assessments, truancy and no-trespass paperwork
-- service, safety trainings on request and threat-assessment team meetings have a due date, not an R5 deadline:
-- the worker never sees them, they never escalate and never count as R5 met or missed.
-- call_types.duty marks the types that are duties (data: sql/reference/call_types.csv). Adding a column keeps the
-- table and its district-generation triggers (0021).
ALTER TABLE call_types ADD COLUMN duty INTEGER NOT NULL DEFAULT 0 CHECK (duty IN (0, 1));

-- One row per duty. Open while done_at is NULL. source and external_id are set when a feed sent the duty (a feed
-- record of a duty type is loaded here, due on its receipt's district-local date, idempotently like a call);
-- NULL for `duty add`. note is free text (R9: never in an aggregate or an event).
CREATE TABLE duties (
    id          INTEGER PRIMARY KEY,
    type        TEXT NOT NULL REFERENCES call_types(code),
    location    TEXT NOT NULL REFERENCES locations(code),
    due_on      TEXT NOT NULL,
    officer     TEXT REFERENCES officers(badge),
    note        TEXT NOT NULL DEFAULT '',
    source      TEXT,
    external_id TEXT,
    added_by    TEXT NOT NULL,
    added_at    TEXT NOT NULL,
    done_by     TEXT,
    done_at     TEXT,
    UNIQUE (source, external_id)
);
CREATE INDEX duties_open ON duties(due_on) WHERE done_at IS NULL;
