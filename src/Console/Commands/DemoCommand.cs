using System.CommandLine;
using SafetyConsole.Cli.Demo;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Simulation;

namespace SafetyConsole.Cli.Commands;

/// <summary>
/// `demo [--speed N] [--seed N] [--db PATH]`: a fresh database with the demo district, the worker in-process, a
/// simulated feed, and the board — starting at a simulated school-day morning whatever the real clock says.
/// `demo --headless --minutes M` runs the simulation without the board and prints a summary.
/// </summary>
public static class DemoCommand
{
    /// <summary>Steps of the headless demo: the worker's pass about every 5 simulated seconds.</summary>
    public static readonly TimeSpan HeadlessStep = TimeSpan.FromSeconds(5);

    public static Command Build(CliContext ctx)
    {
        var speed = new Option<double>("--speed") { Description = "How many times faster than real time the simulated day runs (default 10).", DefaultValueFactory = _ => 10 };
        speed.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is <= 0 or > 3600) r.AddError("--speed must be a number from 0.1 to 3600, e.g. --speed 10.");
        });
        var seed = new Option<int>("--seed") { Description = "Which simulated day (the same seed is the same day).", DefaultValueFactory = _ => 1 };
        var headless = new Option<bool>("--headless") { Description = "Run the simulation without the board and print a summary." };
        var minutes = new Option<int>("--minutes") { Description = "With --headless: how many simulated minutes to run after 08:30 (default 540, to 17:30).", DefaultValueFactory = _ => 540 };
        minutes.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 1440) r.AddError("--minutes must be from 1 to 1440.");
        });
        var cmd = new Command("demo", "Run the demo district: a fresh database, the worker, a simulated school day and the board.") { speed, seed, headless, minutes };
        cmd.SetAction(CliApp.Guard(ctx, parse =>
        {
            var isHeadless = parse.GetValue(headless);
            if (!isHeadless && (!ctx.OutIsTerminal || !ctx.InIsTerminal))
                throw SafetyException.Usage("The demo's board needs an interactive terminal; run it in a terminal (over SSH use `ssh -t`), or add --headless to run the simulated day without the board.");
            // The whole demo lives in simulated time, from the district's creation at dawn of the simulated day.
            var (day, dawn) = DemoDatabase.PlanDay(ctx.Now);
            // R10: the simulation's database records events at simulated time, and its colleagues act as the simulator.
            var clock = new SteppedClock(dawn);
            using var db = DemoDatabase.Create(parse.GetValue(ctx.DbOption), ctx.Account, dawn, clock);
            var snap = SnapshotLoader.Load(db, dawn);
            var start = DemoSimulation.MorningOf(snap, day);
            var sim = new DemoSimulation(db, snap, day, parse.GetValue(seed)) { SimulateDispatchers = true, Clock = clock };
            // The night and early morning are played through first, with simulated colleagues dispatching, so the
            // board opens on a day already under way; in the live demo the person at the board dispatches from then on.
            sim.RunHeadless(dawn, start - HeadlessStep, HeadlessStep);
            sim.SimulateDispatchers = isHeadless;
            if (isHeadless)
            {
                var end = sim.RunHeadless(start, start.AddMinutes(parse.GetValue(minutes)), HeadlessStep);
                ctx.Out.Write(DemoSummary.Text(db, day, dawn, end));
                ctx.Out.WriteLine($"The database is kept at {db.FilePath}; look inside with `{LaunchCommand.Current()} calls list --db {db.FilePath}`.");
                return 0;
            }
            return RunLive(ctx, db, sim, start, parse.GetValue(speed));
        }));
        return cmd;
    }

    /// <summary>The board on the simulated clock, while the simulation runs on its own thread with its own connection.</summary>
    private static int RunLive(CliContext ctx, SafetyDb db, DemoSimulation sim, DateTimeOffset start, double speed)
    {
        var clock = new ScaledClock(start, speed, ctx.Time);
        using var stop = new CancellationTokenSource();
        // From here the simulation owns `db` on its own thread; the board opens its own connections by path.
        var simulation = Task.Run(() => sim.RunLiveAsync(clock, stop.Token));
        int exit;
        try
        {
            exit = BoardCommand.Run(ctx, db.FilePath, clock, speed);
        }
        finally
        {
            stop.Cancel();
            try { simulation.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        }
        ctx.Out.WriteLine($"The demo database is kept at {db.FilePath}; look inside with `{LaunchCommand.Current()} calls list --db {db.FilePath}`.");
        return exit;
    }
}
