-- Issue 17, a consortium: on PostgreSQL the store's trigger functions are pinned to the schema they live in (see
-- sql/postgres/0035_function_schemas.sql). SQLite has no schemas and no stored functions: nothing to do here.
SELECT 1;
