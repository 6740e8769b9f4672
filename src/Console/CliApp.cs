namespace SafetyConsole.Cli;

/// <summary>The command line's entry, separate from Main so tests can run commands in-process.</summary>
public static class CliApp
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("safety-console: no commands yet.");
        return 2;
    }
}
