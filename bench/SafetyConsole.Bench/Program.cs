using System.Reflection;

namespace SafetyConsole.Bench;

/// <summary>
/// The benchmark harness: `dotnet run -c Release --project bench/SafetyConsole.Bench [-- NAME...]`.
/// Every class implementing <see cref="IBenchmark"/> is found by reflection, so adding a benchmark is adding a file.
/// Each prints its figures and the ratio against its baseline measured in the same run, and a PASS/MISS against its goal.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        // A plain .NET hello world, started as `dotnet SafetyConsole.Bench.dll hello`: the baseline for start-up costs.
        if (args is ["hello"])
        {
            System.Console.WriteLine("hello");
            return 0;
        }
        // The `postgres` benchmark's dispatchers, worker and watcher (issue 17).
        if (args is ["child", ..]) return BenchChild.Run(args[1..]);
        var all = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
            .OrderBy(b => b.Name, StringComparer.Ordinal)
            .ToList();
        var chosen = args.Length == 0 ? all : all.Where(b => args.Contains(b.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        if (chosen.Count == 0)
        {
            System.Console.Error.WriteLine($"No benchmark named {string.Join(" ", args)}; choose from: {string.Join(", ", all.Select(b => b.Name))}.");
            return 2;
        }
        var missed = 0;
        foreach (var b in chosen)
        {
            System.Console.WriteLine($"== {b.Name}: {b.Goal}");
            var report = new BenchReport();
            b.Run(report);
            missed += report.Missed;
        }
        System.Console.WriteLine(missed == 0 ? "all goals met" : $"{missed} goal(s) missed");
        return missed == 0 ? 0 : 1;
    }
}

public interface IBenchmark
{
    string Name { get; }
    string Goal { get; }
    void Run(BenchReport report);
}

/// <summary>Collects printed figures and goal checks for one benchmark.</summary>
public sealed class BenchReport
{
    public int Missed { get; private set; }

    public void Figure(string label, string value) => System.Console.WriteLine($"  {label,-40} {value}");

    public void Goal(string label, bool met, string detail)
    {
        if (!met) Missed++;
        System.Console.WriteLine($"  {(met ? "PASS" : "MISS")} {label}: {detail}");
    }
}
