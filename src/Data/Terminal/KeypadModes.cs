using Microsoft.Win32.SafeHandles;

namespace SafetyConsole.Data.Terminal;

/// <summary>
/// .NET's console, on its first use in a terminal (any write to Console.Out, a read of its size), switches the terminal
/// to application keypad and application cursor-key mode: it writes terminfo's keypad_xmit, ESC[?1h ESC= on every
/// xterm-like terminal, to standard output (or to standard input when only that is a terminal) and never switches back
/// (dotnet/runtime, "Terminal is left in application mode"). The shell then gets ESC O A for the arrow keys and the
/// keypad sends escape sequences instead of digits. So `safety-console` and `safety-worker` switch both modes back
/// (keypad_local: ESC[?1l ESC>) on the terminal .NET wrote to, when it ends and when the board hands the terminal back.
/// </summary>
public static class KeypadModes
{
    /// <summary>terminfo keypad_local on xterm, screen, tmux, vt100 and their kin: normal cursor keys, numeric keypad.</summary>
    public const string Normal = "\e[?1l\e>";

    private static int _installed;

    /// <summary>Restores both modes when the process exits (normally or on SIGTERM). Called once, first thing in Main.</summary>
    public static void RestoreOnExit()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 1) return;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Restore();
    }

    /// <summary>Writes <see cref="Normal"/> to the terminal .NET put in application mode, if there is one.</summary>
    public static void Restore()
    {
        var fd = !System.Console.IsOutputRedirected ? 1 : !System.Console.IsInputRedirected ? 0 : -1;
        if (fd < 0) return;
        try
        {
            using var terminal = new FileStream(new SafeFileHandle(fd, ownsHandle: false), FileAccess.Write, 1);
            Write(terminal, Environment.GetEnvironmentVariable("TERM"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // the terminal is gone (SIGHUP) or standard input is read-only: nothing to restore
        }
    }

    /// <summary>The bytes for a terminal of type <paramref name="term"/>: none for a dumb one (.NET set nothing there).</summary>
    public static void Write(Stream terminal, string? term)
    {
        if (string.IsNullOrEmpty(term) || term == "dumb") return;
        terminal.Write(System.Text.Encoding.ASCII.GetBytes(Normal));
        terminal.Flush();
    }
}
