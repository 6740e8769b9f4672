using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace SafetyConsole.Worker;

/// <summary>Builds the worker's configuration and its host (Microsoft.Extensions.Hosting), with the clock injected.</summary>
public static class WorkerHost
{
    /// <summary>appsettings.json next to the program (optional), then SAFETY_WORKER_* environment variables.</summary>
    public static IConfigurationRoot Configuration(string? baseDirectory = null) =>
        new ConfigurationBuilder()
            .SetBasePath(baseDirectory ?? AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddEnvironmentVariables(WorkerSettings.EnvironmentPrefix)
            .Build();

    /// <summary>
    /// The continuous worker: the enforcement service, and the inbox service when an inbox is given; logs through
    /// the simple console formatter, one line per entry, all to standard error (readable in the system journal).
    /// </summary>
    public static IHost Create(WorkerCommand command, WorkerSettings settings, IConfiguration configuration, TimeProvider time)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddConfiguration(configuration);
        AddLogging(builder.Logging, configuration);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        builder.Services.AddSingleton(command);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton<EnforcementService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EnforcementService>());
        if (command.Inbox is not null) builder.Services.AddHostedService<InboxService>();
        return builder.Build();
    }

    internal static void AddLogging(ILoggingBuilder logging, IConfiguration configuration)
    {
        logging.ClearProviders();
        logging.AddConfiguration(configuration.GetSection("Logging"));
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.IncludeScopes = false;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
            o.UseUtcTimestamp = true;
            o.ColorBehavior = LoggerColorBehavior.Disabled;
        });
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }
}
