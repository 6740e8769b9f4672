using System.Data.Common;
using SafetyConsole.Data.Domain;

namespace SafetyConsole.Data.Store;

/// <summary>
/// Reads the call_type_aliases table (issue 15). In the store, not with the district's reads, because ingest (Feeds,
/// below Districts in the layering) applies the aliases to every record.
/// </summary>
public static class CallTypeAliases
{
    /// <summary>The call-type aliases (issue 15): built-in and the district's, by alias.</summary>
    public static IReadOnlyList<CallTypeAlias> All(SafetyDb db) => All(db.Connection, null);

    internal static IReadOnlyList<CallTypeAlias> All(DbConnection c, DbTransaction? tx) =>
        SqlRead.Rows(c, "SELECT alias, type, builtin FROM call_type_aliases ORDER BY alias",
            r => new CallTypeAlias(r.GetString(0), r.GetString(1), r.GetInt64(2) != 0), tx);
}
