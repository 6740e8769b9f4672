-- "Not classified yet" is not "routine discipline" (issue 13). Ingest used to store a NEW call with class NONE,
-- the discipline class of R2. A call intake has not classified now holds UNCLASSIFIED (the product reads a NEW
-- call as unclassified whatever the column says; the column's old default NONE stays, unused by the product).
-- Calls that left NEW by hand before intake (cancelled, diverted) cannot be told apart from R2 diversions here and
-- keep what they hold.
UPDATE calls SET class = 'UNCLASSIFIED' WHERE status = 'NEW' AND class = 'NONE';
