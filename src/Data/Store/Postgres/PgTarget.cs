using Npgsql;

namespace SafetyConsole.Data.Store;

/// <summary>
/// What a `--db` value names when it is not a file (issue 17): a PostgreSQL database, given as Npgsql key=value pairs
/// (<c>Host=db1;Database=safety</c>) or as a URL (<c>postgres://db1,db2/safety</c>). Passwords are refused: a command
/// line shows in `ps` to every account on the host, so the password lives in ~/.pgpass (or a client certificate).
/// </summary>
public static class PgTarget
{
    /// <summary>
    /// How many statement texts each connection keeps prepared on the server (Npgsql's automatic preparation): a statement
    /// run a few times is parsed and planned once instead of every time, which was half the server's CPU in a state change
    /// (issue 17). The store's statements are a fixed set of texts. An explicit Max Auto Prepare in --db wins.
    /// </summary>
    internal const int AutoPrepared = 100;

    /// <summary>True when <paramref name="db"/> names a PostgreSQL database rather than a SQLite file.</summary>
    public static bool IsPostgres(string db)
    {
        var t = db.TrimStart();
        if (t.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || t.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return true;
        // Key=value pairs with a Host key: a file path has no reason to hold "Host=" before its first ';'.
        return t.Contains('=') && t.Split(';').Any(p => p.Split('=', 2)[0].Trim().Equals("Host", StringComparison.OrdinalIgnoreCase)
                                                        || p.Split('=', 2)[0].Trim().Equals("Server", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The Npgsql connection string for <paramref name="db"/>, with the settings every SafetyConsole connection has
    /// (a lock timeout that matches SQLite's busy timeout, an application name for pg_stat_activity, and for a list of
    /// hosts: only the primary, so a standby promoted after a failover is found by trying each host in turn).
    /// </summary>
    public static string ConnectionString(string db)
    {
        NpgsqlConnectionStringBuilder b;
        try
        {
            b = db.TrimStart().Contains("://", StringComparison.Ordinal) ? FromUrl(db.Trim()) : new NpgsqlConnectionStringBuilder(db);
        }
        catch (ArgumentException e)
        {
            throw SafetyException.Usage($"--db looks like a PostgreSQL connection string but cannot be read ({e.Message.TrimEnd('.')}); write it as Host=HOST;Database=NAME or postgres://HOST/NAME.");
        }
        if (!string.IsNullOrEmpty(b.Password))
            throw SafetyException.Usage("A password must not be given in --db or SAFETY_CONSOLE_DB (a command line shows in `ps`); put it in ~/.pgpass (or use a client certificate) and give the connection string without Password.");
        if (string.IsNullOrEmpty(b.Database))
            throw SafetyException.Usage("--db names a PostgreSQL server but no database; add Database=NAME (or /NAME to the URL).");
        b.ApplicationName ??= "safety-console";
        if (!db.Contains("auto prepare", StringComparison.OrdinalIgnoreCase) && !db.Contains("autoprepare", StringComparison.OrdinalIgnoreCase))
            b.MaxAutoPrepare = AutoPrepared;
        if (b.Host is { } h && h.Contains(','))
        {
            b.TargetSessionAttributes ??= "primary";
            // Npgsql remembers for this long that a host was down or a standby; after a failover the promoted standby
            // is tried again after 2 s instead of the default 10 (issue 17). An explicit setting in --db wins.
            if (!db.Contains("recheck", StringComparison.OrdinalIgnoreCase)) b.HostRecheckSeconds = 2;
        }
        return b.ConnectionString;
    }

    /// <summary>"PostgreSQL database safety on db1": how messages name the database (never with credentials).</summary>
    public static string Describe(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var schema = string.IsNullOrEmpty(b.SearchPath) ? "" : $" (schema {b.SearchPath})";
        return $"PostgreSQL database {b.Database} on {b.Host ?? "localhost"}{schema}";
    }

    /// <summary>postgres://[user@]host[:port][,host2[:port]]/database[?sslmode=…&amp;target_session_attrs=…&amp;search_path=…]</summary>
    private static NpgsqlConnectionStringBuilder FromUrl(string url)
    {
        var rest = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var query = "";
        if (rest.IndexOf('?') is var q and >= 0) (rest, query) = (rest[..q], rest[(q + 1)..]);
        var slash = rest.IndexOf('/');
        var authority = slash >= 0 ? rest[..slash] : rest;
        var database = slash >= 0 ? Uri.UnescapeDataString(rest[(slash + 1)..]) : "";
        var b = new NpgsqlConnectionStringBuilder();
        if (authority.LastIndexOf('@') is var at and >= 0)
        {
            var user = authority[..at];
            authority = authority[(at + 1)..];
            if (user.Contains(':'))
                throw SafetyException.Usage("A password must not be given in --db or SAFETY_CONSOLE_DB (a command line shows in `ps`); put it in ~/.pgpass (or use a client certificate) and give the URL without one.");
            b.Username = Uri.UnescapeDataString(user);
        }
        b.Host = authority.Length == 0 ? "localhost" : authority;
        b.Database = database;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            switch (kv[0])
            {
                case "sslmode": b["SSL Mode"] = value; break;
                case "target_session_attrs": b.TargetSessionAttributes = value; break;
                case "search_path": b.SearchPath = value; break;
                case "application_name": b.ApplicationName = value; break;
                case "connect_timeout": b.Timeout = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "password":
                    throw SafetyException.Usage("A password must not be given in --db or SAFETY_CONSOLE_DB (a command line shows in `ps`); put it in ~/.pgpass (or use a client certificate) and give the URL without one.");
                default:
                    throw SafetyException.Usage($"--db's URL has the parameter '{kv[0]}' this program does not know; use sslmode, target_session_attrs, search_path, application_name or connect_timeout, or give Npgsql's Key=Value form.");
            }
        }
        return b;
    }
}
