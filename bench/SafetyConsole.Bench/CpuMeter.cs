using System.Globalization;
using Npgsql;

namespace SafetyConsole.Bench;

/// <summary>
/// CPU seconds the server backends of one PostgreSQL database on this machine have spent so far, from /proc: to say
/// where a latency run's time went (issue 17: on 2 cores, 9 client processes and their 9 server backends share the
/// CPU). Read while the clients are still connected (a backend's figures go with it when it ends). Linux only; 0 for a
/// server elsewhere.
/// </summary>
internal sealed class CpuMeter(string? connectionString)
{
    /// <summary>CPU seconds of the database's backends now, the meter's own connection left out.</summary>
    public double Server()
    {
        if (connectionString is null || !Directory.Exists("/proc")) return 0;
        try
        {
            using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            c.Open();
            using var cmd = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", c);
            using var r = cmd.ExecuteReader();
            var total = 0.0;
            while (r.Read()) total += Seconds(r.GetInt32(0));
            return total;
        }
        catch (NpgsqlException)
        {
            return 0;
        }
    }

    private static double Seconds(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return 0; // not on this machine, or just ended
        }
        // The fields after the command name (which may hold spaces): state is [0], utime [11], stime [12] (proc(5)).
        var f = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (double.Parse(f[11], CultureInfo.InvariantCulture) + double.Parse(f[12], CultureInfo.InvariantCulture)) / 100.0; // USER_HZ
    }
}
