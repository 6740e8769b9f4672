using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Simulation;

namespace SafetyConsole.Cli.Demo;

/// <summary>
/// The demo's fresh database. It never touches a real one: without --db it is ./safety-demo.db (not the
/// SAFETY_CONSOLE_DB or ./safety.db default), and an existing file is replaced only if an earlier demo made it.
/// </summary>
public static class DemoDatabase
{
    public const string DefaultPath = "safety-demo.db";

    /// <summary>
    /// The simulated day the demo plays (today if a school day, else the next one) and its dawn, read from the
    /// demo district's own files before anything is written, so the import itself is stamped in simulated time.
    /// </summary>
    public static (DateOnly Day, DateTimeOffset Dawn) PlanDay(DateTimeOffset now)
    {
        var data = DistrictParser.Parse(DistrictSource.Demo);
        var calendarOnly = new Data.Policy.DistrictSnapshot(data.District, data.Calendar, data.Locations, [], [], []);
        var day = DayScript.NextSchoolDay(calendarOnly, now);
        return (day, DemoSimulation.DawnOf(calendarOnly, day));
    }

    /// <summary>A fresh demo database whose clock is <paramref name="clock"/> (the simulation's), created at <paramref name="at"/>.</summary>
    public static SafetyDb Create(string? dbOption, string account, DateTimeOffset at, TimeProvider? clock = null)
    {
        var path = Path.GetFullPath(string.IsNullOrWhiteSpace(dbOption) ? DefaultPath : dbOption);
        if (File.Exists(path))
        {
            FileModes.RefuseWorldAccessibleDatabase(path); // its own sentence, not "not a demo database" (DESIGN §7)
            if (!IsDemo(path, account))
                throw SafetyException.Usage($"{path} exists and is not a demo database; pass --db with a new path so the demo never overwrites real data.");
            foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
        }
        var db = SafetyDb.Open(path, account, create: true, clock ?? new FixedClock(at));
        try
        {
            DistrictImport.Run(db, DistrictSource.Demo, account, at);
            DemoStore.Mark(db);
            DemoSimulation.Prepare(db, account, at);
            return db;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    private static bool IsDemo(string path, string account)
    {
        try
        {
            using var db = SafetyDb.Open(path, account);
            return DemoStore.IsMarked(db);
        }
        catch (SafetyException)
        {
            return false;
        }
    }
}
