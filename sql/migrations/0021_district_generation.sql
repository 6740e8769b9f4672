-- The district's facts generation (issue 14, speed): a counter bumped, in the same transaction, by every write to
-- the tables a policy snapshot takes as the district's facts (district, calendar, agencies, locations, call types,
-- training, agreements, training topics, policy). A process may keep those facts in memory while the counter reads
-- the same (SnapshotLoader), and reads them again as soon as it moves: a district import, a `policy set`, an
-- agreement or training write, or a hand edit with sqlite3, from any process. Triggers, not application code, so no
-- writer can forget it. A later migration that rebuilds one of these tables must create its three triggers again.
CREATE TABLE district_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO district_generation(id, n) VALUES (1, 1);

CREATE TRIGGER district_generation_insert AFTER INSERT ON district BEGIN UPDATE district_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER district_generation_update AFTER UPDATE ON district BEGIN UPDATE district_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER district_generation_delete AFTER DELETE ON district BEGIN UPDATE district_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER calendar_days_generation_insert AFTER INSERT ON calendar_days BEGIN UPDATE district_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER calendar_days_generation_update AFTER UPDATE ON calendar_days BEGIN UPDATE district_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER calendar_days_generation_delete AFTER DELETE ON calendar_days BEGIN UPDATE district_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER agencies_generation_insert AFTER INSERT ON agencies BEGIN UPDATE district_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER agencies_generation_update AFTER UPDATE ON agencies BEGIN UPDATE district_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER agencies_generation_delete AFTER DELETE ON agencies BEGIN UPDATE district_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER locations_generation_insert AFTER INSERT ON locations BEGIN UPDATE district_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER locations_generation_update AFTER UPDATE ON locations BEGIN UPDATE district_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER locations_generation_delete AFTER DELETE ON locations BEGIN UPDATE district_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER call_types_generation_insert AFTER INSERT ON call_types BEGIN UPDATE district_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER call_types_generation_update AFTER UPDATE ON call_types BEGIN UPDATE district_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER call_types_generation_delete AFTER DELETE ON call_types BEGIN UPDATE district_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER training_generation_insert AFTER INSERT ON training BEGIN UPDATE district_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER training_generation_update AFTER UPDATE ON training BEGIN UPDATE district_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER training_generation_delete AFTER DELETE ON training BEGIN UPDATE district_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER agreements_generation_insert AFTER INSERT ON agreements BEGIN UPDATE district_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER agreements_generation_update AFTER UPDATE ON agreements BEGIN UPDATE district_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER agreements_generation_delete AFTER DELETE ON agreements BEGIN UPDATE district_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER training_topics_generation_insert AFTER INSERT ON training_topics BEGIN UPDATE district_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER training_topics_generation_update AFTER UPDATE ON training_topics BEGIN UPDATE district_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER training_topics_generation_delete AFTER DELETE ON training_topics BEGIN UPDATE district_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER policy_generation_insert AFTER INSERT ON policy BEGIN UPDATE district_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER policy_generation_update AFTER UPDATE ON policy BEGIN UPDATE district_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER policy_generation_delete AFTER DELETE ON policy BEGIN UPDATE district_generation SET n = n + 1 WHERE id = 1; END;

-- "Calls today" (§3's tie-break, read by every snapshot) is a range of assignment times: searched, not scanned,
-- so a pass costs the same on the last day of a school year as on the first.
CREATE INDEX assignments_at ON assignments(assigned_at, badge);
