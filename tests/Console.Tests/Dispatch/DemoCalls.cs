using Dapper;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Tests.Dispatch;

/// <summary>Puts calls into a runner's demo database as a feed would (status NEW), for dispatch tests.</summary>
internal static class DemoCalls
{
    /// <summary>Creates the demo district database (the runner's account becomes its supervisor).</summary>
    public static CliRunner DemoRunner()
    {
        var cli = new CliRunner();
        var init = cli.Run("init", "--demo");
        Assert.True(init.ExitCode == 0, init.ToString());
        return cli;
    }

    /// <summary>A NEW call received at the runner's clock (Monday 10:00 local, a school day), returning its id.</summary>
    public static long Add(CliRunner cli, string location, string type, int priority = 0, string description = "", string? basis = null)
    {
        using var db = cli.OpenDb();
        var at = TimeText.ToDb(cli.Time.GetUtcNow());
        var p = priority > 0 ? priority : db.Connection.ExecuteScalar<int>("SELECT default_priority FROM call_types WHERE code = @type", new { type });
        return db.Connection.ExecuteScalar<long>("""
            INSERT INTO calls(source, external_id, received_at, location, type, priority, description, basis, status, created_at, updated_at)
            VALUES ('test', @ext, @at, @location, @type, @p, @description, @basis, 'NEW', @at, @at) RETURNING id
            """, new { ext = Guid.NewGuid().ToString("N"), at, location, type, p, description, basis });
    }
}
