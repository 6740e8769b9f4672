using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace SafetyConsole.Cli.Board.Terminal;

/// <summary>The terminal the board owns: raw input bytes, one write per frame, its size, and entering/leaving the board's screen.</summary>
public interface ITerminal
{
    (int Width, int Height) Size();

    /// <summary>Blocking read of raw input bytes; 0 when the input is closed.</summary>
    int Read(byte[] buffer);

    void Write(string text);

    /// <summary>Raw mode (no echo, no line editing, Ctrl+C as a key), the alternate screen, cursor hidden.</summary>
    void Enter();

    /// <summary>After SIGCONT: the shell may have reset the terminal while we were stopped; set it up again.</summary>
    void Resume();

    /// <summary>
    /// Ctrl+Z: hands the terminal back as on leaving and stops the process (SIGTSTP), as any program under job
    /// control; `fg` continues it (SIGCONT), and <see cref="Resume"/> sets the board's screen up again.
    /// </summary>
    void Suspend();

    /// <summary>Restores everything <see cref="Enter"/> changed. Safe to call twice and from any thread.</summary>
    void Leave();
}

/// <summary>
/// A POSIX terminal on file descriptors 0 and 1. The tty mode is saved with `stty -g` and restored from it, so
/// whatever the board changed (echo, canonical mode, signals) comes back exactly; the screen is left through the
/// alternate-screen, cursor and autowrap resets. Reads and writes go straight to the descriptors (not through
/// System.Console, which would read lines and echo).
/// </summary>
public sealed class PosixTerminal : ITerminal
{
    public const string EnterScreen = "\e[?1049h\e[?25l\e[?7l\e[0m\e[2J";
    public const string LeaveScreen = "\e[?2026l\e[0m\e[?7h\e[?25h\e[?1049l";
    private const string RawMode = "-icanon -echo -isig -ixon -iexten -icrnl min 1 time 0";

    private readonly FileStream _in = new(new SafeFileHandle(0, ownsHandle: false), FileAccess.Read, 1);
    private readonly FileStream _out = new(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, 1);
    private readonly object _writeLock = new();
    private string? _saved;
    private int _entered;

    public (int Width, int Height) Size()
    {
        if (OperatingSystem.IsLinux() && ioctl(1, 0x5413 /* TIOCGWINSZ */, out var ws) == 0 && ws.Col > 0 && ws.Row > 0)
            return (ws.Col, ws.Row);
        try
        {
            return (Math.Max(1, System.Console.WindowWidth), Math.Max(1, System.Console.WindowHeight));
        }
        catch (IOException)
        {
            return (80, 24);
        }
    }

    public int Read(byte[] buffer)
    {
        try
        {
            return _in.Read(buffer, 0, buffer.Length);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public void Write(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        lock (_writeLock)
        {
            _out.Write(bytes);
            _out.Flush();
        }
    }

    public void Enter()
    {
        _saved = Stty("-g", capture: true)?.Trim();
        if (string.IsNullOrEmpty(_saved))
            throw new Data.Store.SafetyException(2, "Could not read the terminal's settings with `stty -g`; run the board in an interactive terminal (over SSH: `ssh -t`).");
        Stty(RawMode, capture: false);
        Interlocked.Exchange(ref _entered, 1);
        Write(EnterScreen);
    }

    public void Resume()
    {
        if (Volatile.Read(ref _entered) == 0) return;
        Stty(RawMode, capture: false);
        Write(EnterScreen);
    }

    public void Suspend()
    {
        if (Volatile.Read(ref _entered) == 0) return;
        Restore();
        // Stop as the terminal driver would have on Ctrl+Z (raw mode turned its signals off). Execution continues here
        // after `fg`. Set the board's screen up again before the loop draws its next frame: waiting for the SIGCONT
        // handler (another thread) could let that frame land on the shell's screen, where it would stay after quitting.
        kill(Environment.ProcessId, SIGTSTP);
        Resume();
    }

    public void Leave()
    {
        if (Interlocked.Exchange(ref _entered, 0) == 0) return;
        Restore();
    }

    /// <summary>The shell's screen and the tty mode saved by <see cref="Enter"/>.</summary>
    private void Restore()
    {
        try
        {
            // The keypad modes too: on Ctrl+Z the shell gets its arrow keys back while the board is stopped.
            Write(LeaveScreen + Data.Terminal.KeypadModes.Normal);
        }
        catch (IOException)
        {
            // the terminal is gone (SIGHUP): nothing to restore on screen
        }
        if (_saved is { Length: > 0 } s) Stty(s, capture: false);
    }

    /// <summary>Runs stty on our terminal (standard input is inherited, so stty acts on the tty).</summary>
    private static string? Stty(string args, bool capture)
    {
        try
        {
            var psi = new ProcessStartInfo("stty")
            {
                UseShellExecute = false,
                RedirectStandardOutput = capture,
                RedirectStandardError = true,
            };
            foreach (var a in args.Split(' ', StringSplitOptions.RemoveEmptyEntries)) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi);
            if (p is null) return null;
            var output = capture ? p.StandardOutput.ReadToEnd() : null;
            p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no stty: Enter refuses with a sentence
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct WinSize
    {
        public ushort Row, Col, XPixel, YPixel;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int ioctl(int fd, nuint request, out WinSize size);

    private const int SIGTSTP = 20; // Linux

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
