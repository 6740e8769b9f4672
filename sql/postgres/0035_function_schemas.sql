-- Issue 17, a consortium: one database, one schema per district. A trigger function's body finds its tables through
-- the search_path of the session that fires it. SafetyConsole's sessions name their district's schema, but a hand
-- edit in psql of district_a.policy from a session whose search_path is district_b would bump district_b's
-- generation counter and leave district_a's processes on stale policy numbers. Pin each function that names a table
-- to the schema it was created in (the store's schema: current_schema() while migrating). pg_catalog is searched
-- first whatever the setting, so built-ins still resolve; pg_temp last, so a temporary table cannot stand in.
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION %I.district_generation_bump() SET search_path = %I, pg_temp', current_schema(), current_schema());
    EXECUTE format('ALTER FUNCTION %I.events_append_only() SET search_path = %I, pg_temp', current_schema(), current_schema());
    EXECUTE format('ALTER FUNCTION %I.call_notes_append_only() SET search_path = %I, pg_temp', current_schema(), current_schema());
END $$;
