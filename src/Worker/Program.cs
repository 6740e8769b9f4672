using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Enforcement;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Terminal;

namespace SafetyConsole.Worker;

/// <summary>
/// `safety-worker [--db PATH] [--once] [--at TIME] [--inbox DIR]` (DESIGN §4b, §5). Exit codes: 0 done; 1 a pass
/// could not do everything (not counting conflicts, which mean someone else acted); 2 bad usage, bad settings or
/// no database. Errors are one sentence on standard error.
/// </summary>
public static class Program
{
    /// <summary>R10: the OS login running the worker (the one place the worker reads it).</summary>
    public static int Main(string[] args)
    {
        KeypadModes.RestoreOnExit(); // .NET's console leaves the terminal in application keypad mode otherwise
        return Run(args, Console.Out, Console.Error, TimeProvider.System, Environment.UserName);
    }

    /// <summary>The whole program with its streams, clock and OS account injected.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, TimeProvider time, string account)
    {
        try
        {
            IConfiguration configuration;
            try
            {
                configuration = WorkerHost.Configuration();
            }
            catch (Exception e) when (e is InvalidDataException or FormatException)
            {
                throw SafetyException.Usage($"The settings file appsettings.json in {AppContext.BaseDirectory} is not valid JSON ({EnforcementService.OneLine(e.InnerException ?? e).TrimEnd('.')}); fix it or remove it to use the defaults.");
            }
            var settings = WorkerSettings.From(configuration);
            var command = WorkerCommand.Parse(args, settings.Inbox);
            if (command.Help)
            {
                stdout.WriteLine(WorkerCommand.HelpText);
                return 0;
            }
            // Fail fast, with one sentence, when the database is missing or not ours (migrating it if older), or when
            // this account may not run the worker (R10).
            using (var db = SafetyDb.Open(command.DbPath, EnforcementPass.Actor, time: time)) RequireWorkerAccount(db, account);
            if (command.Once) return Once(command, settings, stdout, time, account);
            using var host = WorkerHost.Create(command, settings, configuration, time);
            var enforcer = host.Services.GetRequiredService<EnforcementService>();
            var services = host.Services.GetServices<IHostedService>().OfType<BackgroundService>().Append(enforcer).ToList();
            host.Run(); // until SIGTERM or Ctrl+C; disposes the host
            // A service that stopped on an error (logged) makes the exit code 1, so systemd restarts the worker.
            return services.Any(s => s.ExecuteTask is { IsFaulted: true }) ? 1 : 0;
        }
        catch (SafetyException e)
        {
            stderr.WriteLine(e.Message);
            return e.ExitCode;
        }
    }

    /// <summary>
    /// R10: the worker assigns officers and loads feeds, so it runs only as an operator allowed to: the service account
    /// (`operators add ACCOUNT service`), a dispatcher or a supervisor. Otherwise it refuses to start (exit 2, recorded).
    /// </summary>
    private static void RequireWorkerAccount(SafetyDb db, string account)
    {
        var role = Operators.RoleOf(db, account);
        if (Operators.MayRunWorker(role)) return;
        var message = $"R10: {account} is {role.InSentence()} and may not run safety-worker; ask a supervisor to run `safety-console operators add {account} service`, then start it again.";
        Refusals.Record(db, account, null, message, "safety-worker start");
        throw SafetyException.Usage(message);
    }

    /// <summary>
    /// `--once`: the inbox (if any), then one pass as of --at or the clock; a line per action on stdout. R10: a pass as of a
    /// time far from the clock is a replay, the explicit act of a supervisor or of the service account (refused, exit 1,
    /// for a dispatcher); its events keep their real recorded time and show as late entries.
    /// </summary>
    private static int Once(WorkerCommand command, WorkerSettings settings, TextWriter stdout, TimeProvider time, string account)
    {
        using var db = SafetyDb.Open(command.DbPath, EnforcementPass.Actor, time: time);
        var at = command.At ?? time.GetUtcNow();
        var role = Operators.RoleOf(db, account);
        Operators.RequireEntryTime(db, account, role, "run a worker pass", at, EntryTime.MayReplay(role), "drop --at to run the pass as of now");
        if (command.Inbox is { } inbox)
            foreach (var line in InboxLines.ProcessOnce(db, inbox, at)) stdout.WriteLine(line);
        var result = EnforcementPass.Run(db, at);
        foreach (var a in result.Actions) stdout.WriteLine(a.Line);
        foreach (var s in result.Skipped)
            stdout.WriteLine($"call {s.CallId}: {(s.Conflict ? "skipped" : "not handled")}, {s.Reason}");
        stdout.WriteLine(result.Summary);
        return result.Failed > 0 ? 1 : 0;
    }
}
