namespace SafetyConsole.Data.Store;

/// <summary>
/// The Unix modes of every file SafetyConsole creates (DESIGN §7), whatever the umask. Files hold student call
/// descriptions, so none is ever readable by other accounts: the database and its <c>-wal</c>/<c>-shm</c> are 0660
/// (the operators' group shares one database over SSH), backups and reports written to a file are 0600, and inbox
/// copies and receipts are 0660 (the group shares the inbox as it shares the database).
/// A file is created with its mode from the first byte (never wider for a moment), then set exactly, because the
/// umask can only narrow a creation mode and a narrow umask (077) would take the group's access away.
/// </summary>
public static class FileModes
{
    /// <summary>0660: the database, its -wal and -shm, and files the operators' group shares (inbox copies, receipts).</summary>
    public const UnixFileMode Shared = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;

    /// <summary>0600: backups and reports written with --output (they leave the database's protection).</summary>
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>0770: folders SafetyConsole creates for the group (the inbox's processed/ and rejected/).</summary>
    public const UnixFileMode SharedFolder = Shared | UnixFileMode.UserExecute | UnixFileMode.GroupExecute;

    private const UnixFileMode World = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates a new file (never overwrites) with exactly <paramref name="mode"/>, open for writing.</summary>
    public static FileStream CreateNew(string path, UnixFileMode mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = mode;
        var stream = new FileStream(path, options);
        Set(path, mode);
        return stream;
    }

    /// <summary>Creates a new empty file with exactly <paramref name="mode"/> (SQLite then opens it as a new database).</summary>
    public static void CreateEmpty(string path, UnixFileMode mode) => CreateNew(path, mode).Dispose();

    /// <summary>Sets exactly <paramref name="mode"/> (a no-op on Windows, which has no Unix modes).</summary>
    public static void Set(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, mode);
    }

    /// <summary>Creates a folder (and its parents) with <paramref name="mode"/> narrowed by the umask; a folder already there is left as it is.</summary>
    public static DirectoryInfo CreateFolder(string path, UnixFileMode mode = SharedFolder) =>
        OperatingSystem.IsWindows() ? Directory.CreateDirectory(path) : Directory.CreateDirectory(path, mode);

    /// <summary>Does any account outside the owner and the group have access to the file?</summary>
    public static bool IsWorldAccessible(string path) =>
        !OperatingSystem.IsWindows() && File.Exists(path) && (File.GetUnixFileMode(path) & World) != 0;

    /// <summary>The file's mode as octal digits, e.g. "0644", for messages.</summary>
    public static string Octal(string path) =>
        OperatingSystem.IsWindows() ? "" : "0" + Convert.ToString((int)File.GetUnixFileMode(path) & 0x1FF, 8);

    /// <summary>
    /// Refuses (exit 2) a database whose file, <c>-wal</c> or <c>-shm</c> other accounts may read or write: any local
    /// account could read every call description with <c>sqlite3</c>. Says the <c>chmod</c> that fixes it.
    /// </summary>
    public static void RefuseWorldAccessibleDatabase(string databasePath)
    {
        var open = DatabaseFiles(databasePath).Where(IsWorldAccessible).ToList();
        if (open.Count == 0) return;
        throw SafetyException.Usage(
            $"The database file {open[0]} can be read or written by every account on this machine (mode {Octal(open[0])}); " +
            $"run `chmod o-rwx {string.Join(' ', open.Select(Quoted))}` (its owner or root), then try again.");
    }

    /// <summary>
    /// After SQLite has opened the database: its <c>-wal</c> and <c>-shm</c>, which SQLite creates itself, get the
    /// database's mode when this account owns them (SQLite copies the mode only onto a new empty file).
    /// </summary>
    public static void MatchSidecars(string databasePath)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(databasePath)) return;
        var mode = File.GetUnixFileMode(databasePath) & ~World;
        foreach (var side in DatabaseFiles(databasePath).Skip(1))
        {
            if (!File.Exists(side) || File.GetUnixFileMode(side) == mode) continue;
            try
            {
                File.SetUnixFileMode(side, mode);
            }
            catch (UnauthorizedAccessException)
            {
                // Another operator's file: only its owner may change its mode; it was checked before opening.
            }
        }
    }

    /// <summary>The database and the -wal and -shm files SQLite keeps beside it.</summary>
    public static IEnumerable<string> DatabaseFiles(string databasePath) => [databasePath, databasePath + "-wal", databasePath + "-shm"];

    private static string Quoted(string path) => path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_') ? path : $"'{path.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
