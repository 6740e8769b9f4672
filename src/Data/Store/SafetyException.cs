namespace SafetyConsole.Data.Store;

/// <summary>
/// A refusal or failure to report to the user as one plain sentence that says what to do.
/// ExitCode follows DESIGN §5: 1 refused or partly done, 2 bad usage or unreadable input.
/// </summary>
public class SafetyException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static SafetyException Usage(string message) => new(2, message);

    public static SafetyException Refused(string message) => new(1, message);
}
