-- Issue 15 on PostgreSQL: the same as sql/migrations/0033_assists_and_duplicates.sql in this dialect (BIGINT).
ALTER TABLE assignments ADD COLUMN assist BIGINT NOT NULL DEFAULT 0 CHECK (assist IN (0, 1));
ALTER TABLE assignments ADD COLUMN en_route_at TEXT;
ALTER TABLE assignments ADD COLUMN on_scene_at TEXT;

ALTER TABLE calls ADD COLUMN duplicate_of BIGINT REFERENCES calls(id);
ALTER TABLE calls ADD COLUMN possible_duplicate_of BIGINT REFERENCES calls(id);
CREATE TABLE related_call_types (
    type    TEXT NOT NULL REFERENCES call_types(code),
    related TEXT NOT NULL REFERENCES call_types(code),
    PRIMARY KEY (type, related)
);

ALTER TABLE policy ADD COLUMN duplicate_window_seconds BIGINT NOT NULL DEFAULT 600;
