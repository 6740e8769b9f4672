using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SafetyConsole.Data.Enforcement;
using SafetyConsole.Data.Feeds;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Worker;

/// <summary>The inbox's one-line report of a file, for the log and for `--once`.</summary>
public static class InboxLines
{
    /// <summary>Loads and moves every file in the inbox (DESIGN §4b) as the actor `worker`; one line per file.</summary>
    public static IEnumerable<string> ProcessOnce(SafetyDb db, string inbox, DateTimeOffset at) =>
        Inbox.ProcessOnce(db, inbox, EnforcementPass.Actor, at).Select(o =>
            $"inbox {o.File}: {(o.Summary is { } s ? s.Headline() : o.Problem)} -> {o.MovedTo}");
}

/// <summary>Watches the inbox (`--inbox DIR`): runs the processor about every pass interval on its own connection.</summary>
public sealed class InboxService(WorkerCommand command, WorkerSettings settings, TimeProvider time, ILogger<InboxService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (command.Inbox is not { } inbox) return;
        await Task.Yield();
        using var db = SafetyDb.Open(command.DbPath, EnforcementPass.Actor, time: time);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                db.EnsureSameFile();
                foreach (var line in InboxLines.ProcessOnce(db, inbox, time.GetUtcNow())) log.LogInformation(6, "{Inbox}", line);
            }
            catch (DatabaseMovedException e)
            {
                log.LogCritical(8, "inbox {Inbox}: stopping: {Reason}", inbox, EnforcementService.OneLine(e));
                throw; // the service fails and the host stops (exit 1), as the enforcer does
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(7, "inbox {Inbox}: {Reason}", inbox, EnforcementService.OneLine(e));
            }
            try
            {
                await Task.Delay(settings.PassInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
