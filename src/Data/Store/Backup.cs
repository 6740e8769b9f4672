using Microsoft.Data.Sqlite;
using SafetyConsole.Data.Domain;

namespace SafetyConsole.Data.Store;

/// <summary>
/// A consistent copy of the live database while the worker and dispatchers keep working (SQLite's online
/// backup API). Supervisors only: a backup holds every description, so R9 applies.
/// </summary>
public static class Backup
{
    public static long Run(SafetyDb db, string actor, string destination, DateTimeOffset at)
    {
        Operators.Require(db, actor, OperatorRole.Supervisor, "back up the database (it holds call descriptions, R9)", at);
        if (db.Backend != StoreBackend.Sqlite)
            throw new SafetyException(1, $"`backup` copies a SQLite file; {db.FilePath} is backed up with pg_dump (pg_dump --format=custom) or the provider's backups, and restored with pg_restore.");
        var full = Path.GetFullPath(destination);
        if (File.Exists(full) || Directory.Exists(full))
            throw SafetyException.Usage($"{full} already exists; give a new file name, so no backup is ever overwritten.");
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir))
            throw SafetyException.Usage($"The folder {dir} does not exist; create it or give another path.");

        // Copy into a temporary file beside the target, then rename: a reader never sees half a backup.
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            // DESIGN §7: a backup is 0600 whatever the umask, created so before SQLite writes a page into it.
            if (File.Exists(temp)) File.Delete(temp); // left by a crashed backup of this process id
            FileModes.CreateEmpty(temp, FileModes.Private);
            using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temp, Pooling = false }.ToString()))
            {
                target.Open();
                ((SqliteConnection)db.Connection).BackupDatabase(target);
                using var cmd = target.CreateCommand();
                cmd.CommandText = "PRAGMA journal_mode = DELETE"; // a single self-contained file
                cmd.ExecuteNonQuery();
            }
            FileModes.Set(temp, FileModes.Private);
            File.Move(temp, full);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        db.Write(tx => StateChanges.AppendEvent(tx, new EventRow(at, actor, "database.backup", Detail: full)));
        return new FileInfo(full).Length;
    }
}
