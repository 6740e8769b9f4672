using Dapper;
using System.Data.Common;
using SafetyConsole.Data.Csv;

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
                INSERT INTO call_types(code, name, class, default_priority, basis_required, refused)
                VALUES (@code, @name, @class, @priority, @basis, @refused)
                ON CONFLICT(code) DO UPDATE SET name = excluded.name, class = excluded.class,
                  default_priority = excluded.default_priority, basis_required = excluded.basis_required, refused = excluded.refused
                """, new
            {
                code = row["code"], name = row["name"], @class = row["class"],
                priority = int.Parse(row["default_priority"]), basis = int.Parse(row["basis_required"]), refused = int.Parse(row["refused"]),
            }, tx);

        foreach (var row in Rows("dispositions.csv"))
            conn.Execute("""
                INSERT INTO dispositions(code, name) VALUES (@code, @name)
                ON CONFLICT(code) DO UPDATE SET name = excluded.name
                """, new { code = row["code"], name = row["name"] }, tx);
    }

    private static List<CsvRow> Rows(string file)
    {
        using var reader = EmbeddedSql.Open("sql/reference/" + file);
        return CsvRows.Read(reader).Rows.ToList();
    }
}
