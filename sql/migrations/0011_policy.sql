-- The district's policy numbers (issue 13): data in the store, the same for every process (board, command line,
-- worker, demo). One row. The defaults are the documented values of DESIGN §1 and §3 (R5 deadlines P1-P4, R6
-- acknowledgement timeout, §3 ping freshness, road factor and speed), so an existing database behaves as before.
-- The school-day lead and tail (R1) stay in the district row, where district.csv has always put them.
-- Changed only by `safety-console policy set` and the district.csv columns of the same names, each change an event
-- (R10). The column names are the keys a supervisor types; validation lives in src/Data/Policy/PolicyKeys.cs.
CREATE TABLE policy (
    id                     INTEGER PRIMARY KEY CHECK (id = 1),
    deadline_p1_seconds    INTEGER NOT NULL DEFAULT 60,
    deadline_p2_seconds    INTEGER NOT NULL DEFAULT 180,
    deadline_p3_seconds    INTEGER NOT NULL DEFAULT 900,
    deadline_p4_seconds    INTEGER NOT NULL DEFAULT 3600,
    ack_timeout_seconds    INTEGER NOT NULL DEFAULT 90,
    ping_freshness_seconds INTEGER NOT NULL DEFAULT 600,
    road_factor            REAL    NOT NULL DEFAULT 1.4,
    speed_kmh              REAL    NOT NULL DEFAULT 35
);
INSERT INTO policy(id) VALUES (1);
