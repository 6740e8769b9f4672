-- SafetyConsole schema, version 1.
-- Times are stored as ISO 8601 UTC text ('2026-11-23T18:05:00.000Z') so that text order is time order;
-- dates as 'yyyy-MM-dd'; times of day as 'HH:mm' in the district's time zone.
-- Rules never live here (DESIGN §6): these are facts and their history.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE district (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    name              TEXT NOT NULL,
    time_zone         TEXT NOT NULL,
    school_year_start TEXT NOT NULL,
    school_year_end   TEXT NOT NULL,
    lead_minutes      INTEGER NOT NULL,
    tail_minutes      INTEGER NOT NULL
);

CREATE TABLE calendar_days (
    date     TEXT PRIMARY KEY,
    kind     TEXT NOT NULL CHECK (kind IN ('holiday','break','closure','early_release')),
    end_time TEXT,
    note     TEXT NOT NULL DEFAULT ''
);

CREATE TABLE agencies (
    code                 TEXT PRIMARY KEY,
    name                 TEXT NOT NULL,
    kind                 TEXT NOT NULL CHECK (kind IN ('police','district')),
    agreement_review_due TEXT
);

CREATE TABLE locations (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    zone       TEXT NOT NULL,
    agency     TEXT NOT NULL REFERENCES agencies(code),
    lat        REAL NOT NULL,
    lon        REAL NOT NULL,
    address    TEXT NOT NULL DEFAULT '',
    bell_start TEXT NOT NULL,
    bell_end   TEXT NOT NULL,
    notes      TEXT NOT NULL DEFAULT ''
);

CREATE TABLE roles (
    code  TEXT PRIMARY KEY,
    name  TEXT NOT NULL,
    sworn INTEGER NOT NULL,
    class TEXT NOT NULL
);

CREATE TABLE officers (
    badge        TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    role         TEXT NOT NULL REFERENCES roles(code),
    agency       TEXT NOT NULL REFERENCES agencies(code),
    post         TEXT NOT NULL,
    status       TEXT NOT NULL,
    status_since TEXT,
    last_lat     REAL,
    last_lon     REAL,
    last_ping_at TEXT
);

CREATE TABLE training (
    badge        TEXT NOT NULL REFERENCES officers(badge),
    topic        TEXT NOT NULL,
    completed_on TEXT NOT NULL,
    expires_on   TEXT NOT NULL,
    PRIMARY KEY (badge, topic, completed_on)
);

CREATE TABLE call_types (
    code             TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    class            TEXT NOT NULL CHECK (class IN ('LIAISON','CAMPUS','NONE')),
    default_priority INTEGER NOT NULL CHECK (default_priority BETWEEN 1 AND 4),
    basis_required   INTEGER NOT NULL DEFAULT 0,
    refused          INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE dispositions (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE calls (
    id            INTEGER PRIMARY KEY,
    source        TEXT NOT NULL,
    external_id   TEXT NOT NULL,
    received_at   TEXT NOT NULL,
    location      TEXT NOT NULL REFERENCES locations(code),
    type          TEXT NOT NULL REFERENCES call_types(code),
    priority      INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 4),
    description   TEXT NOT NULL DEFAULT '',
    reporter_role TEXT,
    basis         TEXT,
    status        TEXT NOT NULL,
    class         TEXT NOT NULL DEFAULT 'NONE',
    deadline      TEXT,
    assigned_to   TEXT REFERENCES officers(badge),
    assigned_at   TEXT,
    agency        TEXT,
    disposition   TEXT REFERENCES dispositions(code),
    trace         TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (source, external_id)
);
CREATE INDEX calls_status ON calls(status, received_at);
CREATE INDEX calls_assigned ON calls(assigned_to) WHERE assigned_to IS NOT NULL;

-- One row per time an officer was put on a call; released_at set when the officer leaves it
-- (cleared, released on an acknowledgement timeout R6, reassigned).
CREATE TABLE assignments (
    id              INTEGER PRIMARY KEY,
    call_id         INTEGER NOT NULL REFERENCES calls(id),
    badge           TEXT NOT NULL REFERENCES officers(badge),
    assigned_at     TEXT NOT NULL,
    assigned_by     TEXT NOT NULL,
    override_reason TEXT,
    acked_at        TEXT,
    released_at     TEXT,
    release_reason  TEXT
);
CREATE INDEX assignments_call ON assignments(call_id);
CREATE INDEX assignments_badge ON assignments(badge, assigned_at);

-- The append-only event log (R10). Triggers below refuse UPDATE and DELETE.
CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    call_id     INTEGER REFERENCES calls(id),
    badge       TEXT,
    from_status TEXT,
    to_status   TEXT,
    reason      TEXT NOT NULL DEFAULT '',
    detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_call ON events(call_id) WHERE call_id IS NOT NULL;
CREATE INDEX events_at ON events(at);

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only (R10)'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only (R10)'); END;

CREATE TABLE operators (
    account  TEXT PRIMARY KEY,
    role     TEXT NOT NULL CHECK (role IN ('viewer','dispatcher','supervisor')),
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL
);

-- Position pings history (the officer row keeps the latest).
CREATE TABLE positions (
    badge TEXT NOT NULL REFERENCES officers(badge),
    at    TEXT NOT NULL,
    lat   REAL NOT NULL,
    lon   REAL NOT NULL,
    PRIMARY KEY (badge, at)
);
