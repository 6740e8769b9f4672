-- Issue 15: panic alarms and the district's own call codes.
-- A district's CAD may name a call type by its own code (MVA for a traffic collision). call_type_aliases maps such a
-- code onto one of ours; feeds (and the board's phone calls, which load through the same feed) read the alias as its
-- type at ingest and say so in the call's rule trace. builtin = 1: shipped in sql/reference/call_type_aliases.csv
-- (ALRPANS, ALRPANA: silent and audible panic alarms onto the holdup/duress/panic alarm type), upserted on every
-- migration run; builtin = 0: the district's call_type_aliases.csv (`district import`). Nothing is deleted.
-- Not a table of the district generation (0021): no snapshot keeps aliases; each feed load reads them.
CREATE TABLE call_type_aliases (
    alias   TEXT PRIMARY KEY,
    type    TEXT NOT NULL REFERENCES call_types(code),
    builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1))
);

-- Which class of officer responds first to a panic (holdup, duress) alarm: the district's choice (district.csv column
-- panic_alarm_class), LIAISON by default (a holdup or duress alarm is a law-enforcement matter). The district row is
-- a table of the district generation, so a change reaches every process's snapshot.
ALTER TABLE district ADD COLUMN panic_alarm_class TEXT NOT NULL DEFAULT 'LIAISON' CHECK (panic_alarm_class IN ('LIAISON', 'CAMPUS'));
