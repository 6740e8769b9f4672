namespace SafetyConsole.Cli;

/// <summary>
/// How the user can run this program again from their shell, for hints such as the demo's closing line: `dotnet run`
/// and `dotnet path/safety-console.dll` do not put `safety-console` on PATH, so the hint names what was launched.
/// </summary>
public static class LaunchCommand
{
    /// <summary>The command as the running process was started (PATH and the process's own path, as the system gives them).</summary>
    public static string Current() =>
        For(Environment.ProcessPath, Environment.GetEnvironmentVariable("PATH"), typeof(LaunchCommand).Assembly.Location);

    /// <summary>
    /// "safety-console" when the program is on PATH; else the program's full path (what `dotnet run` launches); else,
    /// when run through the dotnet host, "dotnet /path/safety-console.dll".
    /// </summary>
    public static string For(string? processPath, string? path, string assemblyPath)
    {
        if (processPath is null) return "safety-console";
        var name = Path.GetFileNameWithoutExtension(processPath);
        if (name is "dotnet") return $"dotnet {Quote(assemblyPath)}";
        var folder = Path.GetDirectoryName(Path.GetFullPath(processPath));
        var onPath = (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(p => string.Equals(Path.GetFullPath(p).TrimEnd('/'), folder?.TrimEnd('/'), StringComparison.Ordinal));
        return onPath && name == "safety-console" ? "safety-console" : Quote(processPath);
    }

    private static string Quote(string p) => p.Contains(' ', StringComparison.Ordinal) ? $"'{p}'" : p;
}
