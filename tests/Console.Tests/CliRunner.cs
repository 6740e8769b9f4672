using Microsoft.Extensions.Time.Testing;
using SafetyConsole.Cli.App;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Tests;

/// <summary>What one in-process run of safety-console produced. Deconstructs as (exit, stdout, stderr).</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}--- stderr\n{Stderr}";
}

/// <summary>
/// Runs safety-console commands in-process through <see cref="ConsoleApp.Run"/> with captured output, a chosen
/// account (R10) and a fake clock. An instance owns a temporary folder with its own database path, passed as
/// <c>--db</c> to every <see cref="Run"/>; the folder is deleted on dispose. <see cref="Invoke"/> runs exactly
/// the given arguments, for tests that manage paths themselves.
/// </summary>
public sealed class CliRunner : IDisposable
{
    /// <summary>The default account: it creates the database with `init`, so it is its first supervisor.</summary>
    public const string DefaultAccount = "tester";

    /// <summary>Monday 2026-11-23 10:00 in the demo district's zone (America/Los_Angeles), a school day.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 23, 18, 0, 0, TimeSpan.Zero);

    /// <param name="backend">Where `--db` points (issue 17): a file in <see cref="Folder"/>, or a new empty PostgreSQL database.</param>
    public CliRunner(string account = DefaultAccount, DateTimeOffset? now = null, StoreBackend backend = StoreBackend.Sqlite)
    {
        Account = account;
        Backend = backend;
        Time = new FakeTimeProvider(now ?? DefaultNow);
        Folder = Path.Combine(Path.GetTempPath(), "safety-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        DbPath = backend == StoreBackend.Postgres ? Data.Tests.PgTestServer.NewEmptyDatabase() : Path.Combine(Folder, "safety.db");
    }

    public StoreBackend Backend { get; }

    /// <summary>The account commands run as, unless <see cref="RunAs"/> says otherwise.</summary>
    public string Account { get; set; }

    /// <summary>The clock every command sees; advance it between runs.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>A temporary folder for the database and any files a test writes.</summary>
    public string Folder { get; }

    /// <summary>What `--db` is given: the SQLite file's path, or the PostgreSQL connection string.</summary>
    public string DbPath { get; }

    /// <summary>Runs <c>safety-console ARGS --db DbPath</c> as <see cref="Account"/>.</summary>
    public CliResult Run(params string[] args) => RunAs(Account, args);

    public CliResult RunAs(string account, params string[] args) => Invoke([.. args, "--db", DbPath], account, Time);

    /// <summary>Runs with <paramref name="stdin"/> as standard input (feeds read from `-`).</summary>
    public CliResult RunWithInput(string stdin, params string[] args) =>
        Invoke([.. args, "--db", DbPath], Account, Time, new StringReader(stdin));

    /// <summary>Runs as if standard output were a terminal <paramref name="width"/> columns wide (a phone's SSH client is 80).</summary>
    public CliResult RunInTerminal(int width, params string[] args) => Invoke([.. args, "--db", DbPath], Account, Time, terminalWidth: width);

    /// <summary>Opens the runner's database directly, to check what a command wrote.</summary>
    public SafetyDb OpenDb(string? account = null) => SafetyDb.Open(DbPath, account ?? Account);

    /// <summary>Runs exactly <paramref name="args"/> in-process and captures both output streams.</summary>
    public static CliResult Invoke(string[] args, string account, TimeProvider time, TextReader? stdin = null, int? terminalWidth = null)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var ctx = new CliContext(stdout, stderr, account, time, stdin ?? TextReader.Null)
        {
            OutIsTerminal = terminalWidth is not null,
            TerminalWidth = terminalWidth ?? 80,
        };
        var exit = ConsoleApp.Run(args, ctx);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        if (Backend == StoreBackend.Postgres) Data.Tests.PgTestServer.Drop(DbPath);
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
