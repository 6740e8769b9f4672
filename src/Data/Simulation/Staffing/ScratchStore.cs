using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Simulation.Staffing;

/// <summary>
/// The simulator's throwaway stores (a roster's replay, a feed file read back): a fresh database in the temp folder,
/// 0600 with its -wal and -shm, should any appear (it holds the district's facts and call data; DESIGN §7), without durability, and
/// deleted with its sidecars afterwards.
/// </summary>
internal static class ScratchStore
{
    public static string NewPath(string what) => Path.Combine(Path.GetTempPath(), $"safety-simulate-{what}{Guid.NewGuid():N}.db");

    /// <summary>Creates the store as <paramref name="account"/> (its supervisor), its clock at <paramref name="at"/>.</summary>
    public static SafetyDb Open(string path, string account, DateTimeOffset at)
    {
        var db = SafetyDb.Open(path, account, create: true, new FixedClock(at));
        try
        {
            FileModes.Set(path, FileModes.Private);
            FileModes.MatchSidecars(path);
            // Thrown away at the end, and only this connection ever opens it: durability and sharing buy nothing here
            // (issue 14, speed; SafetyDb.TuneForScratch says what it sets).
            db.TuneForScratch();
            return db;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    public static void Delete(string path)
    {
        foreach (var f in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            try { File.Delete(f); } catch (IOException) { }
        }
    }
}
