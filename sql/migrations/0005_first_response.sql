-- First-response figures (R5): kept on the call, set in the same transaction as the first assignment
-- (by a dispatcher or the worker) or the escalation at the deadline. Facts only; the rule that decides
-- "met" lives in src/Data (CallActions / EnforcementPass), never here.
--   first_assigned_at  when the call first got an officer (time to first assignment = first_assigned_at - received_at)
--   deadline_met       1 = first assigned before its deadline; 0 = assigned at/after it, or escalated; NULL = not decided yet
--   escalated_at       when the call was first escalated to the on-duty supervisor (R5, R6)
--   response_date      the district-local date ('yyyy-MM-dd') of the call's receipt: the school day the figures count it on
ALTER TABLE calls ADD COLUMN first_assigned_at TEXT;
ALTER TABLE calls ADD COLUMN deadline_met INTEGER CHECK (deadline_met IN (0, 1));
ALTER TABLE calls ADD COLUMN escalated_at TEXT;
ALTER TABLE calls ADD COLUMN response_date TEXT;
CREATE INDEX calls_response_date ON calls(response_date) WHERE response_date IS NOT NULL;
-- The worker's step 3 (R6) looks for open, unacknowledged assignments.
CREATE INDEX assignments_open ON assignments(call_id) WHERE released_at IS NULL;
