-- Issue 15: notes on a call (`note CALL TEXT`, the board's N), cleaned like feed text, attributed and timed.
-- Free text (R9): never in an aggregate, a report or an event (the call.note event names the note by number); a
-- viewer reads them only in a call's detail, and that read is recorded (call.read). Append-only like the event log:
-- a note is corrected by another note, never edited.
CREATE TABLE call_notes (
    id          INTEGER PRIMARY KEY,
    call_id     INTEGER NOT NULL REFERENCES calls(id),
    at          TEXT NOT NULL,
    author      TEXT NOT NULL,
    text        TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX call_notes_call ON call_notes(call_id, id);

CREATE TRIGGER call_notes_no_update BEFORE UPDATE ON call_notes
BEGIN SELECT RAISE(ABORT, 'notes are append-only (R10): add a note that corrects it'); END;
CREATE TRIGGER call_notes_no_delete BEFORE DELETE ON call_notes
BEGIN SELECT RAISE(ABORT, 'notes are append-only (R10): add a note that corrects it'); END;
