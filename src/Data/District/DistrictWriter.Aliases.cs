using Dapper;
using System.Data.Common;
using SafetyConsole.Data.Domain;

namespace SafetyConsole.Data.Districts;

/// <summary>call_type_aliases.csv (issue 15): upserted by alias in the import's one transaction; nothing is deleted.</summary>
public static partial class DistrictWriter
{
    private static FileCounts WriteAliases(DbConnection c, DbTransaction tx, IReadOnlyList<CallTypeAlias> aliases) =>
        Upsert(DistrictFiles.CallTypeAliases, aliases, Store.CallTypeAliases.All(c, tx).Where(a => !a.BuiltIn), x => x.Alias, (a, b) => a == b,
            x => c.Execute("""
                INSERT INTO call_type_aliases(alias, type, builtin) VALUES (@Alias, @Type, 0)
                ON CONFLICT(alias) DO UPDATE SET type = excluded.type
                """, x, tx));
}
