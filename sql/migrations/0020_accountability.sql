-- Issue 16: the annual accountability record (Policy 4311; RCW 28A.320.124, .1241, .1242; RCW 28A.310.515).
-- Facts only; the rules that judge them (R7, what the annual report calls missing) live in src/Data.

-- Agencies gain the kind 'contractor' (a security guard company, Policy 4311). SQLite cannot change a CHECK in
-- place: the table is rebuilt (the migration runs with foreign keys off and checks them before it commits).
CREATE TABLE agencies_new (
    code                 TEXT PRIMARY KEY,
    name                 TEXT NOT NULL,
    kind                 TEXT NOT NULL CHECK (kind IN ('police','district','contractor')),
    agreement_review_due TEXT
);
INSERT INTO agencies_new(code, name, kind, agreement_review_due) SELECT code, name, kind, agreement_review_due FROM agencies;
DROP TABLE agencies;
ALTER TABLE agencies_new RENAME TO agencies;

-- The district's response time to family complaints, in days (default 30).
ALTER TABLE district ADD COLUMN complaint_response_days INTEGER NOT NULL DEFAULT 30;

-- Training records gain hours (JCPS: about 60 hours a year; Kentucky SB 1: 40 sworn hours).
ALTER TABLE training ADD COLUMN hours REAL NOT NULL DEFAULT 0;

-- The topic catalogue: the 13 subjects of RCW 28A.310.515, the district's own topics. required_for lists the roles
-- (space-separated) for which the topic must be current (R7); empty = not required.
CREATE TABLE training_topics (
    code         TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    source       TEXT NOT NULL DEFAULT '',
    required_for TEXT NOT NULL DEFAULT ''
);

-- Annual training hours required per role.
CREATE TABLE training_requirements (
    role         TEXT PRIMARY KEY REFERENCES roles(code),
    annual_hours REAL NOT NULL CHECK (annual_hours >= 0),
    source       TEXT NOT NULL DEFAULT ''
);

-- The annual agreement with a police agency or security company (RCW 28A.320.1242; Policy 4311 clauses A-C).
-- A clause is present when its reference (section, page) is not empty. Clause C is either the training series
-- confirmed or a plan: training_plan_due is the plan's completion date.
CREATE TABLE agreements (
    agency                TEXT NOT NULL REFERENCES agencies(code),
    adopted_on            TEXT NOT NULL,
    review_due            TEXT NOT NULL,
    clause_a              TEXT NOT NULL DEFAULT '',
    clause_b              TEXT NOT NULL DEFAULT '',
    clause_c              TEXT NOT NULL DEFAULT '',
    training_plan_due     TEXT,
    stakeholder_review_on TEXT,
    parents               INTEGER NOT NULL DEFAULT 0 CHECK (parents >= 0),
    students              INTEGER NOT NULL DEFAULT 0 CHECK (students >= 0),
    community             INTEGER NOT NULL DEFAULT 0 CHECK (community >= 0),
    PRIMARY KEY (agency, adopted_on)
);

-- Family complaints about safety and security staff. summary is student-adjacent free text (R9): it never leaves
-- this table in an aggregate or report, and viewers cannot read it.
CREATE TABLE complaints (
    id           INTEGER PRIMARY KEY,
    ref          TEXT UNIQUE,
    channel      TEXT NOT NULL CHECK (channel IN ('school','agency','district')),
    about_badge  TEXT REFERENCES officers(badge),
    about_agency TEXT REFERENCES agencies(code),
    call_id      INTEGER REFERENCES calls(id),
    received_on  TEXT NOT NULL,
    summary      TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL CHECK (status IN ('received','investigating','resolved')),
    finding      TEXT CHECK (finding IN ('sustained','not-sustained','unfounded','withdrawn')),
    responded_on TEXT,
    CHECK (about_badge IS NOT NULL OR about_agency IS NOT NULL)
);

-- Outreach: start-of-year presentations to students and notices to families (RCW 28A.320.124), advisory board
-- and community meetings. location is a location code or DISTRICT.
CREATE TABLE outreach (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('student-presentation','family-notice','advisory-board','community-meeting')),
    location  TEXT NOT NULL,
    held_on   TEXT NOT NULL,
    attendees INTEGER CHECK (attendees >= 0),
    UNIQUE (kind, location, held_on)
);
