using SafetyConsole.Data.Store;

namespace SafetyConsole.Worker;

/// <summary>
/// The command line of `safety-worker [--db PATH] [--once] [--at TIME] [--inbox DIR]` (DESIGN §5). Parsed by hand:
/// four options do not need a parser library, and every mistake is one sentence (exit 2).
/// </summary>
public sealed record WorkerCommand(string DbPath, bool Once, DateTimeOffset? At, string? Inbox, bool Help)
{
    public const string Usage = "usage: safety-worker [--db PATH] [--once] [--at TIME] [--inbox DIR]";

    public const string HelpText = """
        safety-worker: the first-response worker (DESIGN §4b).
          --db PATH     the database (else SAFETY_CONSOLE_DB, else ./safety.db)
          --once        run one enforcement pass and exit (prints one line per action)
          --at TIME     with --once: the pass's time, ISO 8601 with offset, e.g. 2026-11-23T10:05:00-08:00 (default: now)
          --inbox DIR   also load feed files dropped in DIR (moved to DIR/processed or DIR/rejected)
        Settings: appsettings.json next to the program, overridden by SAFETY_WORKER_* environment variables
        (PassInterval, PollInterval, Inbox, Logging:LogLevel). The policy numbers (R5 deadlines, R6 ack timeout,
        routing constants) are in the database: `safety-console policy show`, `safety-console policy set`.
        """;

    /// <summary>Parses the arguments; a mistake throws <see cref="SafetyException"/> with exit code 2.</summary>
    public static WorkerCommand Parse(IReadOnlyList<string> args, string? inboxSetting = null)
    {
        string? db = null, at = null, inbox = null;
        bool once = false, help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            switch (a)
            {
                case "--once": once = true; break;
                case "--help" or "-h": help = true; break;
                case "--db": db = Value(args, ref i, a, "PATH"); break;
                case "--at": at = Value(args, ref i, a, "TIME"); break;
                case "--inbox": inbox = Value(args, ref i, a, "DIR"); break;
                default:
                    throw SafetyException.Usage($"'{a}' is not an option of safety-worker; {Usage}.");
            }
        }
        DateTimeOffset? when = null;
        if (at is not null)
        {
            if (!once)
                throw SafetyException.Usage("--at only goes with --once (one pass as of that time); drop --at to run continuously on the clock.");
            if (!TimeText.TryParseInstant(at, out var t))
                throw SafetyException.Usage(TimeText.BadAtSentence(at));
            when = t;
        }
        inbox ??= string.IsNullOrWhiteSpace(inboxSetting) ? null : inboxSetting;
        if (inbox is not null && !help && !Directory.Exists(inbox))
            throw SafetyException.Usage($"The inbox folder {Path.GetFullPath(inbox)} does not exist; create it or pass --inbox with an existing folder.");
        return new WorkerCommand(SafetyDb.ResolvePath(db), once, when, inbox, help);
    }

    private static string Value(IReadOnlyList<string> args, ref int i, string option, string name)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            throw SafetyException.Usage($"{option} needs a value ({option} {name}); {Usage}.");
        return args[++i];
    }
}
