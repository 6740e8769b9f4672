using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Simulation.Staffing;

/// <summary>
/// The simulator's throwaway stores (a roster's replay, a feed file read back): a fresh store in this process's memory
/// (<see cref="SafetyDb.OpenInMemory"/>). It holds the district's facts and call data, so it is never a file (DESIGN §7,
/// R9), and it is gone when disposed. Issue 14, speed: a commit writes no page anywhere.
/// </summary>
internal static class ScratchStore
{
    /// <summary>Creates the store as <paramref name="account"/> (its supervisor), its clock at <paramref name="at"/>.</summary>
    public static SafetyDb Open(string account, DateTimeOffset at)
    {
        var db = SafetyDb.OpenInMemory(account, new FixedClock(at));
        try
        {
            // Thrown away at the end, and only this connection ever opens it: durability and sharing buy nothing here
            // (SafetyDb.TuneForScratch says what it sets).
            db.TuneForScratch();
            return db;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }
}
