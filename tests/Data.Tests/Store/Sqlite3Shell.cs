using System.Diagnostics;

namespace SafetyConsole.Data.Tests;

/// <summary>The sqlite3 shell: another SQLite client in another process, as a district's own script would be.</summary>
public static class Sqlite3Shell
{
    /// <summary>Runs <paramref name="sql"/> on the database at <paramref name="path"/>; returns its output, trimmed.</summary>
    public static string Run(string path, string sql)
    {
        var psi = new ProcessStartInfo("sqlite3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Wait on a busy database as the product's own connections do (busy_timeout), rather than fail at once with
        // "database is locked" when the test's outside write meets a worker's start-up or pass on a loaded machine.
        psi.ArgumentList.Add("-cmd");
        psi.ArgumentList.Add(".timeout 10000");
        psi.ArgumentList.Add(path);
        psi.ArgumentList.Add(sql);
        Process p;
        try
        {
            p = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail("sqlite3 is not installed; .ci/run installs it (apt-get install sqlite3): these tests use it as an outside writer.");
            throw;
        }
        using (p)
        {
            var error = p.StandardError.ReadToEndAsync();
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, $"sqlite3 failed: {error.Result}");
            return output.Trim();
        }
    }
}
