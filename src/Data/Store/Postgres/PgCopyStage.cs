using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace SafetyConsole.Data.Store;

/// <summary>
/// Bulk rows into PostgreSQL by binary COPY (issue 17): COPY cannot skip a duplicate or check a row against anything
/// but the table's own constraints, so the rows are copied into a temporary staging table of this session and one
/// INSERT … SELECT … ON CONFLICT DO NOTHING moves them where they belong, inside the caller's open transaction. The
/// table they land in keeps every constraint, foreign keys included; its row count is how many rows were stored (the
/// rest were duplicates), exactly what the same statement with VALUES reports. The stage is emptied with TRUNCATE after
/// every move (autovacuum never visits a temporary table, so deleted rows would pile up and slow every later scan).
/// </summary>
internal sealed class PgCopyStage : IDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly string _copy;
    private readonly NpgsqlBatch _move;
    private NpgsqlBinaryImporter? _importer;

    /// <param name="connection">An open PostgreSQL connection (outside a transaction: the stage outlives it).</param>
    /// <param name="stage">The temporary table's name (pg_temp comes first on the search path: never a store table's name).</param>
    /// <param name="columns">Its columns with their types, in the order <see cref="Write(string?)"/> is called.</param>
    /// <param name="move">The INSERT … SELECT … FROM the stage; <c>$1</c> is a text shared by every row (<see cref="Move"/>).</param>
    public PgCopyStage(DbConnection connection, string stage, string columns, string move)
    {
        _connection = (NpgsqlConnection)connection;
        using (var create = new NpgsqlCommand($"CREATE TEMP TABLE IF NOT EXISTS {stage} ({columns})", _connection)) create.ExecuteNonQuery();
        _copy = $"COPY {stage} FROM STDIN (FORMAT BINARY)";
        _move = new NpgsqlBatch(_connection);
        var insert = new NpgsqlBatchCommand(move);
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = DBNull.Value });
        _move.BatchCommands.Add(insert);
        _move.BatchCommands.Add(new NpgsqlBatchCommand($"TRUNCATE {stage}"));
    }

    /// <summary>Starts a row (and the COPY, at a move's first row).</summary>
    public void StartRow()
    {
        _importer ??= _connection.BeginBinaryImport(_copy);
        _importer.StartRow();
    }

    public void Write(string? value)
    {
        if (value is null) _importer!.WriteNull();
        else _importer!.Write(value, NpgsqlDbType.Text);
    }

    public void Write(long value) => _importer!.Write(value, NpgsqlDbType.Bigint);

    /// <summary>Ends the COPY, moves the staged rows and empties the stage; returns the rows the move stored.</summary>
    public int Move(string shared)
    {
        if (_importer is not { } importer) return 0;
        _importer = null;
        using (importer) importer.Complete();
        _move.BatchCommands[0].Parameters[0].Value = shared;
        _move.ExecuteNonQuery();
        return _move.BatchCommands[0].RecordsAffected;
    }

    public void Dispose()
    {
        _importer?.Dispose();
        _move.Dispose();
    }
}
