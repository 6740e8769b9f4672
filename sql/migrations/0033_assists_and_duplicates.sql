-- Issue 15: assisting officers. The assignments table is the one source of truth for who is on a call: every officer
-- put on a call has a row, open while released_at is NULL. assist = 1: an assisting officer, never the first response
-- (R1, R5); calls.assigned_to keeps naming the first responder (the `assignedTo` of the JSON contract), written in the
-- same transaction as that officer's row. Each assignment has its own progress: acked_at (exists), en_route_at,
-- on_scene_at; released_at with release_reason when it ends (cleared, released with the call, R6 timeout).
ALTER TABLE assignments ADD COLUMN assist INTEGER NOT NULL DEFAULT 0 CHECK (assist IN (0, 1));
ALTER TABLE assignments ADD COLUMN en_route_at TEXT;
ALTER TABLE assignments ADD COLUMN on_scene_at TEXT;

-- Issue 15: duplicates and related calls. duplicate_of: `link CALL MASTER` made this call a duplicate of its master
-- (cleared with APCO disposition 22); it is left out of the R5 figures and the report's workload. possible_duplicate_of:
-- intake found an open call of a related type at the same location within the policy's duplicate window (its trace
-- says so); a flag for the dispatcher, nothing more. Related types are reference data (sql/reference/related_call_types.csv,
-- read both ways; a type is always related to itself).
ALTER TABLE calls ADD COLUMN duplicate_of INTEGER REFERENCES calls(id);
ALTER TABLE calls ADD COLUMN possible_duplicate_of INTEGER REFERENCES calls(id);
CREATE TABLE related_call_types (
    type    TEXT NOT NULL REFERENCES call_types(code),
    related TEXT NOT NULL REFERENCES call_types(code),
    PRIMARY KEY (type, related)
);
-- The window, a policy number (`policy set duplicate_window_seconds`, district.csv): default 10 minutes. The policy
-- row keeps its district-generation triggers (0021): adding a column does not rebuild the table.
ALTER TABLE policy ADD COLUMN duplicate_window_seconds INTEGER NOT NULL DEFAULT 600;
