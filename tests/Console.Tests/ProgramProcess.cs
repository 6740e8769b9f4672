using System.Diagnostics;

namespace SafetyConsole.Cli.Tests;

/// <summary>
/// A program of this build run as a separate process (`dotnet safety-console.dll …`, `dotnet safety-worker.dll …`), for
/// the tests where "another process" must be one: its own connections, its own pool, its own exit.
/// </summary>
public sealed class ProgramProcess : IDisposable
{
    public static readonly string Console = Path.Combine(AppContext.BaseDirectory, "safety-console.dll");
    public static readonly string Worker = Path.Combine(AppContext.BaseDirectory, "safety-worker.dll");

    private readonly Process _p;
    private readonly Task<string> _out;
    private readonly System.Text.StringBuilder _err = new();

    public ProgramProcess(string dll, IEnumerable<string> args)
    {
        Assert.True(File.Exists(dll), $"the built program is missing at {dll}");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("SAFETY_CONSOLE_DB", StringComparison.Ordinal)).ToList())
            psi.Environment.Remove(key);
        _p = Process.Start(psi)!;
        _out = _p.StandardOutput.ReadToEndAsync();
        _p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (_err) _err.Append(e.Data).Append('\n');
        };
        _p.BeginErrorReadLine();
    }

    /// <summary>Standard error so far (a long-running program's log).</summary>
    public string Stderr
    {
        get { lock (_err) return _err.ToString(); }
    }

    /// <summary>Runs `safety-console ARGS` to its end (a minute at most).</summary>
    public static CliResult RunConsole(params string[] args)
    {
        using var p = new ProgramProcess(Console, args);
        return p.WaitForExit(TimeSpan.FromSeconds(60));
    }

    public CliResult WaitForExit(TimeSpan timeout)
    {
        Assert.True(_p.WaitForExit(timeout), $"the program did not finish within {timeout.TotalSeconds:0} s; its error output:\n{Stderr}");
        _p.WaitForExit(); // the output streams are read to their ends
        return new CliResult(_p.ExitCode, _out.Result, Stderr);
    }

    /// <summary>SIGTERM, as systemd stops a service.</summary>
    public void Terminate()
    {
        if (_p.HasExited) return;
        using var kill = Process.Start("kill", ["-TERM", _p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!_p.HasExited) _p.Kill(entireProcessTree: true);
        _p.Dispose();
    }
}
