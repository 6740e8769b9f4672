-- Issue 17, a consortium: one database, one schema per district. A trigger function's body finds its tables through
-- the search_path of the session that fires it. SafetyConsole's sessions name their district's schema, but a hand
-- edit in psql of district_a.policy from a session whose search_path is district_b would bump district_b's
-- generation counter and leave district_a's processes on stale policy numbers. Pin every function of the store to the
-- schema it was created in (the store's schema: current_schema() while migrating). pg_catalog is searched first
-- whatever the setting, so built-ins still resolve; pg_temp last, so a temporary table cannot stand in. A later
-- migration that creates a function gives it `SET search_path = <schema>, pg_temp` the same way (PgConsortiumStoreTests
-- checks every function of the schema).
DO $$
DECLARE f regprocedure;
BEGIN
    FOR f IN SELECT p.oid::regprocedure FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace AND p.prokind = 'f'
    LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', f, current_schema());
    END LOOP;
END $$;
