using Dapper;
using System.Data.Common;
using System.Globalization;
using CsvHelper;

namespace SafetyConsole.Data.Store;

/// <summary>
/// Upserts the reference data shipped in sql/reference/ (roles, call types, APCO dispositions) on every
/// migration run, so an upgraded binary brings its new codes into old databases.
/// </summary>
public static class ReferenceData
{
    public static void Load(DbConnection conn, DbTransaction tx)
    {
        foreach (var row in Rows("roles.csv"))
            conn.Execute("""
                INSERT INTO roles(code, name, sworn, class) VALUES (@code, @name, @sworn, @class)
                ON CONFLICT(code) DO UPDATE SET name = excluded.name, sworn = excluded.sworn, class = excluded.class
                """, new { code = row["code"], name = row["name"], sworn = int.Parse(row["sworn"]), @class = row["class"] }, tx);

        foreach (var row in Rows("call_types.csv"))
            conn.Execute("""
                INSERT INTO call_types(code, name, class, default_priority, basis_required, refused, duty)
                VALUES (@code, @name, @class, @priority, @basis, @refused, @duty)
                ON CONFLICT(code) DO UPDATE SET name = excluded.name, class = excluded.class,
                  default_priority = excluded.default_priority, basis_required = excluded.basis_required, refused = excluded.refused,
                  duty = excluded.duty
                """, new
            {
                code = row["code"], name = row["name"], @class = row["class"],
                priority = int.Parse(row["default_priority"]), basis = int.Parse(row["basis_required"]), refused = int.Parse(row["refused"]),
                duty = int.Parse(row["duty"]),
            }, tx);

        foreach (var row in Rows("dispositions.csv"))
            conn.Execute("""
                INSERT INTO dispositions(code, name) VALUES (@code, @name)
                ON CONFLICT(code) DO UPDATE SET name = excluded.name
                """, new { code = row["code"], name = row["name"] }, tx);

        // Issue 15: the built-in aliases (after the call types they name). A district's own alias never takes a
        // built-in's name (the import refuses it), so this upsert overwrites nothing of the district's.
        foreach (var alias in BuiltInAliases)
            conn.Execute("""
                INSERT INTO call_type_aliases(alias, type, builtin) VALUES (@Alias, @Type, 1)
                ON CONFLICT(alias) DO UPDATE SET type = excluded.type, builtin = 1
                """, alias, tx);

        // Issue 15: which call types are related (possible duplicates of each other).
        foreach (var row in Rows("related_call_types.csv"))
            conn.Execute("INSERT INTO related_call_types(type, related) VALUES (@type, @related) ON CONFLICT DO NOTHING",
                new { type = row["type"], related = row["related"] }, tx);
    }

    /// <summary>The call type codes shipped in sql/reference/call_types.csv (the district import checks its aliases against them).</summary>
    public static IReadOnlyList<string> CallTypeCodes { get; } = Rows("call_types.csv").Select(r => r["code"]).ToList();

    /// <summary>The aliases shipped in sql/reference/call_type_aliases.csv (ALRPANS, ALRPANA).</summary>
    public static IReadOnlyList<Domain.CallTypeAlias> BuiltInAliases { get; } =
        Rows("call_type_aliases.csv").Select(r => new Domain.CallTypeAlias(r["alias"], r["type"], BuiltIn: true)).ToList();


    /// <summary>
    /// The rows of one of our own embedded files, by column name. Read with CsvHelper directly, not through
    /// <c>Csv.CsvRows</c>: that is the refusing reader of users' files, and the store sits below it (no cycle).
    /// </summary>
    private static List<Dictionary<string, string>> Rows(string file)
    {
        using var reader = EmbeddedSql.Open("sql/reference/" + file);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!.Select(h => h.Trim()).ToArray();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
            rows.Add(header.Select((h, i) => (h, csv.GetField(i)!.Trim())).ToDictionary(f => f.h, f => f.Item2, StringComparer.Ordinal));
        return rows;
    }
}
