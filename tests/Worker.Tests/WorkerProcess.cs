using System.Diagnostics;
using SafetyConsole.Data.Tests;

namespace SafetyConsole.Worker.Tests;

/// <summary>The real `safety-worker` program started as a separate process (`dotnet safety-worker.dll …`).</summary>
internal sealed class WorkerProcess : IDisposable
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "safety-worker.dll");
    private readonly Process _p;
    private readonly Task<string> _out;
    private readonly System.Text.StringBuilder _errSoFar = new();
    private readonly TaskCompletionSource _errDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WorkerProcess(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("SAFETY_", StringComparison.Ordinal)).ToList())
            psi.Environment.Remove(key);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        _p = Process.Start(psi)!;
        _out = _p.StandardOutput.ReadToEndAsync();
        _p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) _errDone.TrySetResult();
            else lock (_errSoFar) _errSoFar.Append(e.Data).Append('\n');
        };
        _p.BeginErrorReadLine();
    }

    /// <summary>
    /// Polls the process's standard error (a real process: nothing to wait on) until it holds <paramref name="text"/>,
    /// e.g. the worker's start-up line, after which it handles SIGTERM as a clean stop.
    /// </summary>
    public void WaitForErr(string text, int seconds = 60)
    {
        bool Written() { lock (_errSoFar) return _errSoFar.ToString().Contains(text, StringComparison.Ordinal); }
        Eventually.That(() => Written() || _p.HasExited, TimeSpan.FromSeconds(seconds), () => $"the worker did not write '{text}' within {seconds} s");
        Assert.True(Written(), $"the worker exited before it wrote '{text}'");
    }

    public int Id => _p.Id;

    /// <summary>Waits (with a deadline, never a fixed sleep) for the exit; returns code, stdout, stderr.</summary>
    public async Task<(int Code, string Out, string Err)> Exit(TimeSpan? patience = null)
    {
        using var cts = new CancellationTokenSource(patience ?? TimeSpan.FromSeconds(60));
        await _p.WaitForExitAsync(cts.Token);
        await _errDone.Task.WaitAsync(cts.Token);
        string err;
        lock (_errSoFar) err = _errSoFar.ToString();
        return (_p.ExitCode, await _out, err);
    }

    public static async Task<(int Code, string Out, string Err)> Run(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        using var p = new WorkerProcess(args, env);
        return await p.Exit();
    }

    /// <summary>SIGTERM, as systemd stops the service (Process.Kill would be SIGKILL).</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    public void Dispose()
    {
        if (!_p.HasExited) _p.Kill(entireProcessTree: true);
        _p.Dispose();
    }
}
