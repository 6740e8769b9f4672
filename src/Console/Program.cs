namespace SafetyConsole.Cli;

public static class Program
{
    public static int Main(string[] args) => CliApp.Run(args, System.Console.Out, System.Console.Error);
}
