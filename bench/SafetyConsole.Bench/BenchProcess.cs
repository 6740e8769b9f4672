using System.Runtime.InteropServices;
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
        Output(psi);
    }

    /// <summary>Runs the process to its end and returns its standard output; throws with its standard error when it fails.</summary>
    public static string Output(ProcessStartInfo psi)
    {
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{psi.FileName} exited {p.ExitCode}: {err.Result}");
        return output;
    }

    /// <summary>The repository's root (the folder of SafetyConsole.sln above the benchmark), or null when not run from one.</summary>
    public static string? RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SafetyConsole.sln"))) dir = dir.Parent;
        return dir?.FullName;
    }

    private static string RequireRepoRoot() =>
        RepoRoot() ?? throw new InvalidOperationException("Run the benchmark from the repository (SafetyConsole.sln not found above it).");

    /// <summary>safety-console.dll next to the benchmark (it references the Console project), else src/Console's Release build.</summary>
    public static string SafetyConsoleDll()
    {
        var here = Path.Combine(AppContext.BaseDirectory, "safety-console.dll");
        if (File.Exists(here) && File.Exists(Path.Combine(AppContext.BaseDirectory, "safety-console.runtimeconfig.json"))) return here;
        return Path.Combine(RepoRoot() ?? ".", "src", "Console", "bin", "Release", "net10.0", "safety-console.dll");
    }

    /// <summary>
    /// Builds the console project in <paramref name="projectFolder"/> (relative to the repository, e.g. bench/CsvHelper33)
    /// in Release and returns the path of its dll, named after the folder.
    /// </summary>
    public static string BuildRelease(string projectFolder)
    {
        var dir = Path.Combine(RequireRepoRoot(), projectFolder);
        Run("dotnet", "build", dir, "-c", "Release", "--nologo", "-v", "q");
        return Path.Combine(dir, "bin", "Release", "net10.0", Path.GetFileName(projectFolder) + ".dll");
    }

    /// <summary>
    /// Publishes safety-console as it is deployed (Release, ReadyToRun, framework-dependent; README "Deployment") into
    /// <paramref name="folder"/> and returns the path of its dll.
    /// </summary>
    public static string PublishSafetyConsole(string folder)
    {
        Run("dotnet", "publish", Path.Combine(RequireRepoRoot(), "src", "Console"), "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
            "-p:PublishReadyToRun=true", "-o", folder, "--nologo", "-v", "q");
        return Path.Combine(folder, "safety-console.dll");
    }
}

/// <summary>
/// CPU time (user + system) of the child processes that have ended, from getrusage(RUSAGE_CHILDREN): the difference
/// across one child's run is that child's CPU time, which a shared machine's other tenants do not inflate the way
/// they inflate its wall time.
/// </summary>
internal static class ChildCpu
{
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeVal
    {
        public long Seconds;
        public long Microseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public TimeVal User;
        public TimeVal System;
        [MarshalAs(UnmanagedType.ByValArray, SizeConst = 14)]
        public long[] Rest;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, out RUsage usage);

    /// <summary>Seconds of CPU used so far by ended children, or NaN where getrusage is not available.</summary>
    public static double Seconds()
    {
        try
        {
            if (getrusage(-1, out var u) != 0) return double.NaN; // RUSAGE_CHILDREN
            return u.User.Seconds + u.User.Microseconds / 1e6 + u.System.Seconds + u.System.Microseconds / 1e6;
        }
        catch (DllNotFoundException)
        {
            return double.NaN;
        }
    }
}
