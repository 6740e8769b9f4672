using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SafetyConsole.Data.Enforcement;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Worker;

/// <summary>
/// The first-response enforcer as a hosted service: runs the <see cref="EnforcementLoop"/> until the host stops
/// (SIGTERM, Ctrl+C), logging one line per action. Log lines carry call numbers, statuses, badges and rules,
/// never a call's description or any R8 value.
/// </summary>
public sealed class EnforcementService(WorkerCommand command, WorkerSettings settings, TimeProvider time, ILogger<EnforcementService> log)
    : BackgroundService
{
    /// <summary>The loop this service runs (for tests: its events).</summary>
    public EnforcementLoop Loop { get; } = new(command.DbPath, time, settings.PassInterval, settings.PollInterval);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Loop.PassCompleted += Report;
        Loop.PassFailed += e => log.LogError(3, "pass failed: {Reason}", Describe(e));
        log.LogInformation(0, "enforcing first response on {Db} (pass about every {Interval} s)", command.DbPath, settings.PassInterval.TotalSeconds);
        try
        {
            await Loop.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (DatabaseMovedException e)
        {
            // The service fails, so the host stops and the program exits 1 (systemd restarts it on the file now at the path).
            log.LogCritical(5, "stopping: {Reason}", OneLine(e));
            throw;
        }
    }

    private void Report(PassResult r)
    {
        foreach (var a in r.Actions) log.LogInformation(1, "{Action}", a.Line);
        foreach (var s in r.Skipped)
        {
            if (s.Conflict) log.LogInformation(2, "call {CallId}: skipped, {Reason}", s.CallId, s.Reason);
            else log.LogWarning(2, "call {CallId}: not handled, {Reason}", s.CallId, s.Reason);
        }
        if (r.Cancelled) log.LogInformation(4, "{Summary}", r.Summary);
        else log.LogDebug(4, "{Summary}", r.Summary);
    }

    internal static string OneLine(Exception e) => e.Message.ReplaceLineEndings(" ");

    /// <summary>
    /// Why a pass failed, for the log. A lost PostgreSQL connection (a failover, a server restart) says so and what
    /// happens next, instead of the driver's own words alone ("Exception while reading from stream"), so the on-call
    /// reader knows the worker is reconnecting, not broken (issue 17).
    /// </summary>
    internal static string Describe(Exception e) => StoreErrors.IsConnectionLoss(e)
        ? $"the connection to the database was lost ({OneLine(e).TrimEnd('.')}); opening a new one and trying again at the next pass"
        : OneLine(e);
}
