using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Tests.Layering;

/// <summary>
/// Which namespaces may use which (issue 18), read from the compiled product: a namespace may use only namespaces in
/// lower rows of <see cref="Layers"/>, never its own row's neighbours or anything above, so no two namespaces can use each
/// other in a circle. A new namespace goes in a row; a use that goes up is a design change to discuss, not to list.
/// </summary>
public class NamespaceLayeringTests
{
    private static readonly System.Reflection.Assembly[] Product =
    [
        typeof(SafetyDb).Assembly,
        typeof(CliApp).Assembly,
        typeof(SafetyConsole.Worker.WorkerHost).Assembly,
    ];

    /// <summary>From the bottom up. Names are shortened: "Data.Store" is SafetyConsole.Data.Store.</summary>
    private static readonly string[][] Layers =
    [
        // The Data library: records, then pure policy, then the store and what is read and written through it.
        ["Data.Domain"],
        ["Data.Routing", "Data.Terminal"],                 // geometry and the recommendation records; terminal modes
        ["Data.Policy"],                                   // R1–R10 as pure functions over records (the Router included)
        ["Data.Store"],                                    // SafetyDb, migrations, events, the general reads and writes
        ["Data.Csv"],
        ["Data.Feeds"],
        ["Data.Accountability"],                           // its tables and rules
        ["Data.Districts"],                                // the district file, its tables, the snapshot loader
        ["Data.Duties"],                                   // scheduled duties (issue 15): their table and rules
        ["Data.Reports", "Data.Dispatch", "Data.Staffing"], // what is computed from the snapshot and the store
        ["Data.Enforcement", "Data.Status"],               // the worker's pass; the queue summary
        ["Data.Simulation"],
        ["Data.Simulation.Staffing"],
        // The executables over the library.
        ["Worker"],
        ["Cli"],                                           // CliContext, CliOptions, CliApp.Guard: what every command shares
        ["Cli.Board.Terminal"],                            // raw mode, keys, frames, cell widths: nothing of the board above it
        ["Cli.Output"],
        ["Cli.Output.Reports", "Cli.Output.Staffing"],
        ["Cli.Demo"],
        ["Cli.Board"],
        ["Cli.Commands"],
        ["Cli.App"],                                       // Program and the root command over the catalog
    ];

    /// <summary>
    /// Uses that go up the table today, each with the change that removes it (none now: the board's two went with issue 18).
    /// <see cref="Pending_uses_still_exist"/> fails once one is gone, so the list only shrinks.
    /// </summary>
    private static readonly (string From, string To, string Fix)[] Pending =
    [
    ];

    private static IReadOnlyList<NamespaceGraph.Edge> Edges() => NamespaceGraph.Build(Product);

    private static string Short(string ns) => ns["SafetyConsole.".Length..];

    [Fact]
    public void Every_namespace_of_the_product_has_a_row_in_the_table()
    {
        var known = Layers.SelectMany(l => l).ToHashSet();
        var missing = Edges().SelectMany(e => new[] { e.From, e.To }).Select(Short).Distinct().Where(n => !known.Contains(n)).Order().ToList();
        Assert.True(missing.Count == 0, $"Add these namespaces to a row of NamespaceLayeringTests.Layers: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Namespaces_use_only_the_rows_below_them()
    {
        var row = Layers.SelectMany((l, i) => l.Select(n => (n, i))).ToDictionary(x => x.n, x => x.i);
        var pending = Pending.Select(p => (p.From, p.To)).ToHashSet();
        var upward = Edges()
            .Where(e => row.TryGetValue(Short(e.From), out var from) && row.TryGetValue(Short(e.To), out var to) && to >= from)
            .Where(e => !pending.Contains((Short(e.From), Short(e.To))))
            .Select(e => $"{Short(e.From)} uses {Short(e.To)}: {e.Example}")
            .ToList();
        Assert.True(upward.Count == 0, "These uses go up or across the layering (issue 18):\n" + string.Join("\n", upward));
    }

    [Fact]
    public void No_namespaces_use_each_other_in_a_circle_beyond_the_pending_ones()
    {
        var pending = Pending.Select(p => (p.From, p.To)).ToHashSet();
        var edges = Edges().Where(e => !pending.Contains((Short(e.From), Short(e.To)))).ToList();
        var cycles = NamespaceGraph.Cycles(edges).Select(c => string.Join(" <-> ", c.Select(Short))).ToList();
        Assert.True(cycles.Count == 0, "Namespaces that use each other in a circle:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void Pending_uses_still_exist()
    {
        var edges = Edges().Select(e => (Short(e.From), Short(e.To))).ToHashSet();
        var gone = Pending.Where(p => !edges.Contains((p.From, p.To))).Select(p => $"{p.From} -> {p.To}").ToList();
        Assert.True(gone.Count == 0, $"Fixed, so remove from NamespaceLayeringTests.Pending (and the row order now holds): {string.Join(", ", gone)}");
    }
}
