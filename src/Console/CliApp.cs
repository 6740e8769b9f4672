using System.CommandLine;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli;

/// <summary>
/// The command line's conventions (DESIGN §5), shared by every command. Exit codes: 0 done; 1 refused or partly done;
/// 2 bad usage or unreadable input. Errors go to standard error as one plain sentence that says what to do. The root
/// command itself is built in <c>App.ConsoleApp</c>, above the commands, so this namespace uses none of them (no cycle).
/// </summary>
public static class CliApp
{
    /// <summary>
    /// Wraps a command body: refusals and bad input become one sentence on standard error with the exit code
    /// of DESIGN §5, never a stack trace.
    /// </summary>
    public static Func<ParseResult, int> Guard(CliContext ctx, Func<ParseResult, int> body) => parse =>
    {
        try
        {
            return body(parse);
        }
        catch (SafetyException e)
        {
            ctx.Err.WriteLine(e.Message);
            return e.ExitCode;
        }
        catch (Exception e) when (StoreErrors.IsBusy(e))
        {
            ctx.Err.WriteLine("The database stayed busy for 30 seconds (another process holds a long write); try again in a moment.");
            return 1;
        }
        catch (Exception e) when (StoreErrors.IsDenied(e))
        {
            ctx.Err.WriteLine(StoreErrors.DeniedSentence(e));
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ctx.Err.WriteLine($"{e.Message.TrimEnd('.')}; check the path and its permissions and try again.");
            return 2;
        }
    };

    /// <summary>"'x' is not a call number; …; run `safety-console calls show --help` for usage."</summary>
    public static string UsageError(string message, IEnumerable<string> commandPath)
    {
        var command = string.Join(' ', ["safety-console", .. commandPath]);
        return $"{message.Trim().TrimEnd('.')}; run `{command} --help` for usage.";
    }
}
