using SafetyConsole.Data.Terminal;

namespace SafetyConsole.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        KeypadModes.RestoreOnExit(); // .NET's console leaves the terminal in application keypad mode otherwise
        return CliApp.Run(args, CliContext.ForProcess());
    }
}
