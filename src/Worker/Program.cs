namespace SafetyConsole.Worker;

public static class Program
{
    public static int Main(string[] args) => 2;
}
