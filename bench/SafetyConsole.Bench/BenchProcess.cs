using System.Diagnostics;

namespace SafetyConsole.Bench;

/// <summary>Starting the product's own programs (and other commands) from a benchmark.</summary>
internal static class BenchProcess
{
    public static ProcessStartInfo Dotnet(string exe, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(exe);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return psi;
    }

    public static void Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        _ = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} exited {p.ExitCode}: {err.Result}");
    }

    /// <summary>safety-console.dll next to the benchmark (it references the Console project), else src/Console's Release build.</summary>
    public static string SafetyConsoleDll()
    {
        var here = Path.Combine(AppContext.BaseDirectory, "safety-console.dll");
        if (File.Exists(here) && File.Exists(Path.Combine(AppContext.BaseDirectory, "safety-console.runtimeconfig.json"))) return here;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SafetyConsole.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? ".", "src", "Console", "bin", "Release", "net10.0", "safety-console.dll");
    }

    /// <summary>
    /// Publishes safety-console as it is deployed (Release, ReadyToRun, framework-dependent; README "Deployment") into
    /// <paramref name="folder"/> and returns the path of its dll.
    /// </summary>
    public static string PublishSafetyConsole(string folder)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SafetyConsole.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("Run the benchmark from the repository (SafetyConsole.sln not found above it).");
        Run("dotnet", "publish", Path.Combine(dir.FullName, "src", "Console"), "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
            "-p:PublishReadyToRun=true", "-o", folder, "--nologo", "-v", "q");
        return Path.Combine(folder, "safety-console.dll");
    }
}
