using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace SafetyConsole.Data.Store;

/// <summary>
/// A change refused because the database file this process has open is no longer the file at its path: it was
/// removed, or another file was moved over it. Whatever would be written now would go into a file nobody will open
/// again, so nothing is written; the program must be started again on the file now at the path.
/// </summary>
public sealed class DatabaseMovedException(string path, bool replaced) : SafetyException(1, Sentence(path, replaced))
{
    public string FilePath { get; } = path;

    /// <summary>True when another file is at the path now; false when nothing is.</summary>
    public bool Replaced { get; } = replaced;

    private static string Sentence(string path, bool replaced) => replaced
        ? $"The database file {path} was replaced by another file while this program had it open; nothing was changed. Start again to use the file now at that path."
        : $"The database file {path} was removed while this program had it open; nothing was changed. Restore it (or pass --db with the right file) and start again.";
}

/// <summary>
/// The identity of an open database file, asked of SQLite itself (SQLITE_FCNTL_HAS_MOVED: its unix VFS compares the
/// inode of the descriptor it holds with the inode now at the path, or finds the path gone). One stat call; cheap
/// enough to run before every commit and on every board poll.
/// </summary>
internal static class DatabaseFile
{
    private const int SqliteFcntlHasMoved = 20;
    private const int SqliteOk = 0;
    private static readonly byte[] Main = "main\0"u8.ToArray(); // a C string: the schema name, NUL-terminated

    /// <summary>True when the file at <paramref name="path"/> is no longer the one <paramref name="connection"/> has open.</summary>
    public static bool HasMoved(SqliteConnection connection, string path)
    {
        var handle = connection.Handle;
        if (handle is null) return false;
        int moved;
        try
        {
            if (sqlite3_file_control(handle.DangerousGetHandle(), Main, SqliteFcntlHasMoved, out moved) != SqliteOk)
                return !File.Exists(path); // a VFS that cannot tell: at least notice a removed file
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return !File.Exists(path);
        }
        return moved != 0;
    }

    // The bundled SQLite (SQLitePCLRaw's e_sqlite3) exports sqlite3_file_control; SQLitePCLRaw does not wrap it.
    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_file_control(IntPtr db, byte[] zDbName, int op, out int arg);
}
