-- Issue 15: assisting officers. The assignments table is the one source of truth for who is on a call: every officer
-- put on a call has a row, open while released_at is NULL. assist = 1: an assisting officer, never the first response
-- (R1, R5); calls.assigned_to keeps naming the first responder (the `assignedTo` of the JSON contract), written in the
-- same transaction as that officer's row. Each assignment has its own progress: acked_at (exists), en_route_at,
-- on_scene_at; released_at with release_reason when it ends (cleared, released with the call, R6 timeout).
ALTER TABLE assignments ADD COLUMN assist INTEGER NOT NULL DEFAULT 0 CHECK (assist IN (0, 1));
ALTER TABLE assignments ADD COLUMN en_route_at TEXT;
ALTER TABLE assignments ADD COLUMN on_scene_at TEXT;
