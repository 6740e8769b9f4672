-- Issue 15 on PostgreSQL: the same as sql/migrations/0030_call_codes.sql in this dialect (BIGINT for integers).
CREATE TABLE call_type_aliases (
    alias   TEXT PRIMARY KEY,
    type    TEXT NOT NULL REFERENCES call_types(code),
    builtin BIGINT NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1))
);

ALTER TABLE district ADD COLUMN panic_alarm_class TEXT NOT NULL DEFAULT 'LIAISON' CHECK (panic_alarm_class IN ('LIAISON', 'CAMPUS'));
