using Npgsql;

namespace SafetyConsole.Data.Tests;

/// <summary>
/// A consortium's database for a test (issue 17): one empty PostgreSQL database whose districts are schemas, each named
/// by a connection string with its search_path. Login roles a test creates are dropped with the database.
/// </summary>
public sealed class PgConsortium : IDisposable
{
    private readonly List<string> _roles = [];

    public PgConsortium() => Database = PgTestServer.NewEmptyDatabase();

    /// <summary>The database's connection string, without a search_path (the server's default: public).</summary>
    public string Database { get; }

    /// <summary>What `--db` takes for the district in <paramref name="schema"/>, connecting as <paramref name="role"/> (default: the admin).</summary>
    public string District(string schema, string? role = null)
    {
        var b = new NpgsqlConnectionStringBuilder(Database) { SearchPath = schema };
        if (role is not null) b.Username = role;
        return b.ConnectionString;
    }

    /// <summary>A new login role (trust authentication on the test cluster), with a unique name; <paramref name="grants"/> run as the admin after.</summary>
    public string NewRole(params string[] grants)
    {
        var role = "safety_r_" + Guid.NewGuid().ToString("N")[..12];
        _roles.Add(role);
        Run($"CREATE ROLE {role} LOGIN");
        foreach (var g in grants) Run(g.Replace("ROLE", role, StringComparison.Ordinal));
        return role;
    }

    /// <summary>Runs <paramref name="sql"/> in the database as the admin (no search_path).</summary>
    public void Run(string sql)
    {
        using var c = new NpgsqlConnection(Database);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }

    /// <summary>One value read as the admin.</summary>
    public T Scalar<T>(string sql)
    {
        using var c = new NpgsqlConnection(Database);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        return (T)cmd.ExecuteScalar()!;
    }

    public void Dispose()
    {
        // A role's rights live in the database: drop them there, then the database, then the cluster-wide role.
        foreach (var role in _roles) Run($"DROP OWNED BY {role}");
        PgTestServer.Drop(Database);
        foreach (var role in _roles) PgTestServer.AdminRunSql($"DROP ROLE IF EXISTS {role}");
    }
}
