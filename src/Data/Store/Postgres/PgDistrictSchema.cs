using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;

namespace SafetyConsole.Data.Store;

/// <summary>
/// A consortium (issue 17): one PostgreSQL database holds several districts, one schema each, chosen by the connection
/// string's search_path (<c>Search Path=district_a</c>, or <c>?search_path=district_a</c> in a URL). Every table, trigger,
/// function, sequence, the migration journal and the write lock (keyed by the schema's name) live in that schema, so two
/// districts never see each other's rows. This checks the choice before anything is read or created: one schema (a list
/// would let a table missing from the first be read from the next, another district's), a plain lower-case name, and
/// rights to it; `init` creates the schema when it is missing.
/// </summary>
internal static partial class PgDistrictSchema
{
    /// <summary>Makes the chosen schema usable by <paramref name="conn"/>, creating it for `init`; nothing when no search_path was given.</summary>
    public static void Prepare(DbConnection conn, string connectionString, string name, bool create)
    {
        var path = new NpgsqlConnectionStringBuilder(connectionString).SearchPath;
        if (string.IsNullOrWhiteSpace(path))
        {
            // The server's default ("$user", public): the tables go where it points; it must point somewhere usable.
            if (conn.ExecuteScalar<string?>("SELECT current_schema()") is null)
                throw SafetyException.Usage($"{name} has no schema this database role may use; pass --db with Search Path=SCHEMA naming your district's schema.");
            return;
        }
        var schema = path.Trim();
        if (!PlainName().IsMatch(schema))
            throw SafetyException.Usage($"--db's search_path '{schema}' must name exactly one schema, in lower-case letters, digits and '_', not starting with pg_ (the district's schema, e.g. district_a), so no table is ever read from another district's schema.");
        var exists = conn.ExecuteScalar<long>("SELECT count(*) FROM pg_namespace WHERE nspname = @schema", new { schema }) == 1;
        if (!exists && create)
        {
            Create(conn, schema, name);
            exists = true;
        }
        if (exists && !conn.ExecuteScalar<bool>("SELECT has_schema_privilege(@schema, 'USAGE')", new { schema }))
            throw SafetyException.Refused($"The database role {Role(conn)} has no rights to the schema {schema} in {name} (another district's); pass --db with your own district's schema, or ask the database's owner to GRANT USAGE ON SCHEMA {schema} TO {Role(conn)}.");
        // A schema that does not exist is left for the caller: "There is no SafetyConsole store in … run init".
    }

    /// <summary>CREATE SCHEMA under the schema's write lock, so two `init`s at once create it once.</summary>
    private static void Create(DbConnection conn, string schema, string name)
    {
        try
        {
            using var tx = conn.BeginTransaction();
            conn.Execute("SELECT pg_advisory_xact_lock(@key, hashtext(@schema))", new { key = PgStore.LockKey, schema }, tx);
            conn.Execute($"CREATE SCHEMA IF NOT EXISTS \"{schema}\"", transaction: tx); // a checked plain name, quoted in case it is a keyword
            tx.Commit();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw SafetyException.Refused($"The database role {Role(conn)} may not create the schema {schema} in {name}; ask the database's owner to run CREATE SCHEMA {schema} AUTHORIZATION {Role(conn)}, then run `safety-console init` again.");
        }
    }

    private static string Role(DbConnection conn) => conn.ExecuteScalar<string>("SELECT current_user")!;

    [GeneratedRegex("^(?!pg_)[a-z_][a-z0-9_]{0,62}$")] // pg_ names are the server's own
    private static partial Regex PlainName();
}
