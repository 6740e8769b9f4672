using System.Runtime.InteropServices;

namespace SafetyConsole.Cli.Board.Terminal;

/// <summary>What reaches the board from outside besides data: key presses read off the terminal, and POSIX signals.</summary>
public static class TerminalInput
{
    /// <summary>
    /// Starts the blocking key-reader thread: raw bytes decoded into keys; <paramref name="closed"/> when the input
    /// ends (the SSH session went away).
    /// </summary>
    public static void StartKeyReader(ITerminal terminal, Action<KeyPress> key, Action closed)
    {
        var thread = new Thread(() =>
        {
            var decoder = new KeyDecoder();
            var buffer = new byte[4096];
            while (true)
            {
                var n = terminal.Read(buffer);
                if (n <= 0)
                {
                    closed();
                    return;
                }
                foreach (var k in decoder.Decode(buffer.AsSpan(0, n))) key(k);
            }
        })
        {
            IsBackground = true,
            Name = "board keys",
        };
        thread.Start();
    }

    /// <summary>
    /// SIGWINCH (the terminal's new size), SIGTERM/SIGHUP/SIGINT/SIGQUIT (leave through the loop, which restores the
    /// terminal) and SIGCONT (after `fg`: set the terminal up again and redraw). Dispose the registrations to stop.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static IEnumerable<IDisposable> Signals(ITerminal terminal, Action<int, int> resized, Action<string> quit, Action continued)
    {
        yield return PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ =>
        {
            var (w, h) = terminal.Size();
            resized(w, h);
        });
        foreach (var sig in new[] { PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGINT, PosixSignal.SIGQUIT })
        {
            yield return PosixSignalRegistration.Create(sig, ctx =>
            {
                ctx.Cancel = true; // we leave through the loop, restoring the terminal
                quit(sig.ToString());
            });
        }
        yield return PosixSignalRegistration.Create(PosixSignal.SIGCONT, _ =>
        {
            terminal.Resume();
            continued();
        });
    }
}
