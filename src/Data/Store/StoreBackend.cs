namespace SafetyConsole.Data.Store;

/// <summary>The engine a store lives in (issue 17): chosen by the `--db` value, a path or a connection string.</summary>
public enum StoreBackend
{
    /// <summary>One file on one host: the embedded default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by several hosts (and a standby).</summary>
    Postgres,
}
