using System.Globalization;
using System.Text;
using Dapper;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Districts;

/// <summary>Every row of every district table as text, in key order: equal dumps mean nothing changed.</summary>
public static class DistrictDump
{
    private static readonly (string Table, string Order)[] Tables =
    [
        ("district", "id"), ("calendar_days", "date"), ("agencies", "code"), ("locations", "code"),
        ("officers", "badge"), ("training", "badge, topic, completed_on"),
    ];

    public static string Of(SafetyDb db)
    {
        var sb = new StringBuilder();
        foreach (var (table, order) in Tables)
        {
            sb.Append("# ").AppendLine(table);
            foreach (IDictionary<string, object?> row in db.Connection.Query($"SELECT * FROM {table} ORDER BY {order}"))
                sb.AppendLine(string.Join("|", row.Select(kv => $"{kv.Key}={Convert.ToString(kv.Value, CultureInfo.InvariantCulture)}")));
        }
        return sb.ToString();
    }
}
