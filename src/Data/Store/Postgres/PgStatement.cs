using System.Data.Common;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace SafetyConsole.Data.Store;

/// <summary>
/// The PostgreSQL side of <see cref="NativeStatement"/>: the same statement text with SQLite's numbered parameters
/// (<c>?1</c>, which Npgsql rejects) rewritten to PostgreSQL's (<c>$1</c>), run as one command whose parameters are set
/// in place from run to run. It joins the connection's open transaction (Npgsql enlists every command in it).
/// </summary>
internal sealed partial class PgStatement : IDisposable
{
    private readonly NpgsqlCommand _cmd;

    public PgStatement(DbConnection connection, string sql)
    {
        var text = Numbered().Replace(sql, m => "$" + m.Groups[1].Value);
        var count = Numbered().Matches(sql).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
        _cmd = new NpgsqlCommand(text, (NpgsqlConnection)connection);
        for (var i = 0; i < count; i++) _cmd.Parameters.Add(new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
    }

    public void Bind(int index, string? value) => Set(index, value is null ? DBNull.Value : value, NpgsqlDbType.Text);

    public void Bind(int index, long value) => Set(index, value, NpgsqlDbType.Bigint);

    public void Bind(int index, double value) => Set(index, value, NpgsqlDbType.Double);

    public int Execute() => _cmd.ExecuteNonQuery();

    public void Dispose() => _cmd.Dispose();

    private void Set(int index, object value, NpgsqlDbType type)
    {
        var p = _cmd.Parameters[index - 1];
        if (p.NpgsqlDbType != type) p.NpgsqlDbType = type;
        p.Value = value;
    }

    [GeneratedRegex(@"\?(\d+)")]
    private static partial Regex Numbered();
}
