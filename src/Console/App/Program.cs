using SafetyConsole.Data.Terminal;

namespace SafetyConsole.Cli.App;

public static class Program
{
    public static int Main(string[] args)
    {
        KeypadModes.RestoreOnExit(); // .NET's console leaves the terminal in application keypad mode otherwise
        return ConsoleApp.Run(args, CliContext.ForProcess());
    }
}
