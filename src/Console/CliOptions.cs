using System.CommandLine;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli;

/// <summary>Options and arguments shared by several commands, so their names and parsing never drift apart.</summary>
public static class CliOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print JSON (documented in README.md) instead of a table." };

    /// <summary>`--at TIME`: act or evaluate as of an ISO 8601 instant with offset (what-if and replay).</summary>
    public static Option<DateTimeOffset?> At() => new("--at")
    {
        Description = "Act as of this ISO 8601 time with offset, e.g. 2026-11-23T10:05:00-08:00 (default: now).",
        HelpName = "TIME",
        CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (TimeText.TryParseInstant(text, out var t)) return t;
            r.AddError(TimeText.BadAtSentence(text));
            return null;
        },
    };

    public static Argument<long> CallId() => new("CALL")
    {
        Description = "The call's number.",
        CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0) return id;
            r.AddError($"'{text}' is not a call number; give the number shown by `safety-console calls list`.");
            return 0;
        },
    };

    public static Argument<string> Badge() => new("BADGE") { Description = "The officer's badge, e.g. CSO-12." };

    /// <summary>The instant a command acts at: --at, else the clock.</summary>
    public static DateTimeOffset AtOrNow(this ParseResult parse, Option<DateTimeOffset?> at, CliContext ctx) =>
        parse.GetValue(at) ?? ctx.Now;
}
