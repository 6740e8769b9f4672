using System.Diagnostics;
using SafetyConsole.Data.Tests;

namespace SafetyConsole.Cli.Tests.Board;

/// <summary>
/// A tmux server of its own (its own socket), one detached session running a shell, driven with send-keys and read
/// with capture-pane: the real program, end to end, in a real terminal.
/// </summary>
public sealed class Tmux : IDisposable
{
    private readonly string _socket = "board-e2e-" + Guid.NewGuid().ToString("N")[..12];
    public const string Session = "board";

    /// <summary>The console program the tests run (built beside them).</summary>
    public static readonly string Program = Path.Combine(AppContext.BaseDirectory, "safety-console.dll");

    /// <summary>Fails the test, saying how to get it, when tmux is missing (CI installs it).</summary>
    public static void RequireInstalled() =>
        Assert.True(Installed(), "tmux is not installed; .ci/run installs it (apt-get install tmux) — these end-to-end tests need it.");

    /// <summary>
    /// The one way the tests start the board in a terminal: a fresh tmux of this size running
    /// <c>safety-console board --db DB</c> (with <paramref name="env"/> before it, UTF-8 unless said otherwise), the shell
    /// printing <c>EXIT=code</c> when it ends; returns once the board shows <paramref name="shows"/>.
    /// </summary>
    public static Tmux StartBoard(string db, int width = 80, int height = 24, string env = "LANG=C.UTF-8", string shows = "Calls ")
    {
        var t = new Tmux(width, height);
        try
        {
            t.Line($"{env} dotnet {Program} board --db {db}; echo EXIT=$?");
            t.WaitFor(shows);
            return t;
        }
        catch
        {
            t.Dispose();
            throw;
        }
    }

    public static bool Installed()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("tmux", "-V") { RedirectStandardOutput = true, RedirectStandardError = true });
            p!.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public Tmux(int width, int height)
    {
        Run("new-session", "-d", "-s", Session, "-x", width.ToString(), "-y", height.ToString(), "--", "env", "PS1=$ ", "bash", "--norc", "--noprofile");
    }

    public string Run(params string[] args)
    {
        var psi = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-u"); // UTF-8 whatever the test runner's locale
        psi.ArgumentList.Add("-L");
        psi.ArgumentList.Add(_socket);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"tmux {string.Join(' ', args)} failed: {error}");
        return output;
    }

    /// <summary>Types a line into the shell and presses Enter.</summary>
    public void Line(string text)
    {
        Run("send-keys", "-t", Session, "-l", text);
        Run("send-keys", "-t", Session, "Enter");
    }

    public void Keys(params string[] keys) => Run(["send-keys", "-t", Session, .. keys]);

    public string Capture() => Run("capture-pane", "-p", "-J", "-t", Session);

    public string CaptureWithStyles() => Run("capture-pane", "-p", "-e", "-t", Session);

    public void Resize(int width, int height) => Run("resize-window", "-t", Session, "-x", width.ToString(), "-y", height.ToString());

    /// <summary>Polls the pane until it shows <paramref name="text"/> (the program runs in another process: there is nothing to wait on).</summary>
    public string WaitFor(string text, int seconds = 20) => WaitUntil(s => s.Contains(text, StringComparison.Ordinal), $"'{text}'", seconds);

    public string WaitUntil(Func<string, bool> condition, string what, int seconds = 20)
    {
        var screen = "";
        Eventually.That(() => condition(screen = Capture()), TimeSpan.FromSeconds(seconds),
            () => $"The terminal never showed {what} in {seconds} s. It shows:\n{screen}", every: TimeSpan.FromMilliseconds(100));
        return screen;
    }

    public void Dispose()
    {
        try { Run("kill-server"); } catch (Xunit.Sdk.XunitException) { }
    }
}
