using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Worker;

/// <summary>
/// Processes the inbox folder once: loads each feed file dropped in <paramref name="inbox"/> as `feed load` would and
/// moves it to processed/ with a receipt or to rejected/ with its errors (DESIGN §4b). Returns one line per file.
/// </summary>
public delegate IReadOnlyList<string> InboxProcessor(SafetyDb db, string inbox, DateTimeOffset at, CancellationToken ct);

/// <summary>
/// Where the inbox processor plugs in. The feed issue's <c>SafetyConsole.Data.Feeds.Inbox</c> is wired here when it
/// lands on main (one line); until then <see cref="Processor"/> is null and the inbox is left untouched, with a warning.
/// </summary>
public static class InboxWiring
{
    public static InboxProcessor? Processor { get; set; }
}

/// <summary>Watches the inbox (`--inbox DIR`): runs the processor about every pass interval on its own connection.</summary>
public sealed class InboxService(WorkerCommand command, WorkerSettings settings, TimeProvider time, ILogger<InboxService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (command.Inbox is not { } inbox) return;
        if (InboxWiring.Processor is not { } process)
        {
            log.LogWarning(5, "--inbox {Inbox}: this build has no inbox processor yet; files there are left untouched", inbox);
            return;
        }
        await Task.Yield();
        using var db = SafetyDb.Open(command.DbPath, "worker");
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var line in process(db, inbox, time.GetUtcNow(), stoppingToken)) log.LogInformation(6, "{Inbox}", line);
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
