using System.CommandLine;
using SafetyConsole.Cli.Output;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Feeds;
using SafetyConsole.Data.Store;
using Spectre.Console;

namespace SafetyConsole.Cli.Commands;

/// <summary>
/// `feed load FILE|- [--format csv|jsonl] [--source S] [--json]` and `positions load FILE|- [--format csv|jsonl] [--json]`
/// (DESIGN §4, §5). Loading requires a dispatcher (R10). Exit 0 when every record loaded or was a duplicate, 1 when
/// any was rejected, 2 when the input cannot be read.
/// </summary>
public static class FeedCommands
{
    /// <summary>Rejected rows listed in the human summary; --json lists up to <see cref="FeedSummary.MaxErrorsKept"/>.</summary>
    private const int ErrorsShown = 50;

    public static IEnumerable<Command> Build(CliContext ctx)
    {
        var feed = new Command("feed", "Load call feeds: 911/CAD exports, tip lines, staff request forms (CSV or JSON Lines).");
        feed.Subcommands.Add(LoadCommand(ctx, "Load calls from a CSV or JSON Lines file, or - for standard input (each record committed as it arrives).",
            "call", withSource: true, CallFeed.Load));
        yield return feed;

        var positions = new Command("positions", "Load officers' position pings (badge, at, lat, lon).");
        positions.Subcommands.Add(LoadCommand(ctx, "Load position pings from a CSV or JSON Lines file, or - for standard input.",
            "ping", withSource: false, PositionFeed.Load));
        yield return positions;
    }

    private static Command LoadCommand(CliContext ctx, string description, string noun, bool withSource,
        Func<SafetyDb, FeedInput, FeedOptions, FeedSummary> load)
    {
        var file = new Argument<string>("FILE") { Description = "The feed file (.csv, .jsonl, .ndjson, .json), or - for standard input." };
        var format = new Option<string?>("--format")
        {
            Description = "csv or jsonl (default: from the file's extension, else from its first character: '{' means JSON Lines).",
            HelpName = "csv|jsonl",
        };
        format.AcceptOnlyFromAmong("csv", "jsonl");
        var source = new Option<string?>("--source")
        {
            Description = "The source of every record, e.g. 911, tipline, staff (default: each record's source field, else the file name without extension, or stdin).",
            HelpName = "S",
        };
        var json = CliOptions.Json();
        var cmd = new Command("load", description) { file, format, json };
        if (withSource) cmd.Options.Add(source);

        cmd.SetAction(CliApp.Guard(ctx, parse =>
        {
            using var db = ctx.OpenDb(parse);
            Operators.RequireFeedLoader(db, ctx.Account, ctx.Now);
            var path = parse.GetValue(file)!;
            using var input = path == "-" ? FeedInput.FromReader(ctx.In) : FeedInput.OpenFile(path);
            var progress = new FeedProgress();
            var options = new FeedOptions(ctx.Account, ctx.Time)
            {
                Format = parse.GetValue(format) switch { "csv" => FeedFormat.Csv, "jsonl" => FeedFormat.Jsonl, _ => null },
                Source = withSource ? parse.GetValue(source) : null,
                Progress = progress,
            };
            var summary = ctx.OutIsTerminal
                ? WithProgressBar(ctx, input, progress, () => load(db, input, options))
                : load(db, input, options);

            if (parse.GetValue(json)) JsonOut.Write(ctx.Out, summary);
            else WriteText(ctx.Out, summary, noun);
            if (summary.Rejected > 0)
                ctx.Err.WriteLine($"{summary.Rejected} record(s) of {input.Name} were rejected; fix them and load the file again (records already loaded count as duplicates, never twice).");
            return summary.ExitCode;
        }));
        return cmd;
    }

    private static void WriteText(TextWriter w, FeedSummary s, string noun)
    {
        w.WriteLine(s.Headline(noun));
        foreach (var warning in s.WarningMessages) w.WriteLine($"warning: {warning}");
        foreach (var e in s.Errors.Take(ErrorsShown)) w.WriteLine($"rejected: {e}");
        var more = s.Errors.Count - ErrorsShown + s.ErrorsOmitted;
        if (more > 0) w.WriteLine($"… and {more} more error(s); --json lists the first {FeedSummary.MaxErrorsKept}.");
    }

    /// <summary>
    /// Runs the load on a worker thread; when it takes over a second, shows a Spectre progress bar (by bytes for a file,
    /// a running count for standard input) until it ends. Only used when standard output is a terminal.
    /// </summary>
    private static FeedSummary WithProgressBar(CliContext ctx, FeedInput input, FeedProgress progress, Func<FeedSummary> load)
    {
        var task = Task.Factory.StartNew(load, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (task.Wait(TimeSpan.FromSeconds(1))) return task.GetAwaiter().GetResult();

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(ctx.Out),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Yes,
        });
        var total = input.Length is > 0 ? input.Length.Value : (long?)null;
        console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(p =>
            {
                // The description is our own text; the file name is escaped, never markup.
                var bar = p.AddTask(Markup.Escape($"Loading {input.Name}"), maxValue: total ?? 100);
                bar.IsIndeterminate = total is null;
                while (!task.Wait(TimeSpan.FromMilliseconds(100)))
                {
                    if (total is not null) bar.Value = progress.BytesRead;
                    else bar.Description = Markup.Escape($"Loading {input.Name}: {progress.Records:N0} record(s)");
                    p.Refresh();
                }
                bar.Value = bar.MaxValue;
            });
        return task.GetAwaiter().GetResult();
    }
}
