using System.Text.Json;
using SafetyConsole.Cli.Tests.Dispatch;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Tests.Incidents;

/// <summary>Issue 15 on the command line: panic alarms, a district's aliases file, the unknown-code hint.</summary>
public class CallCodesCommandsTests
{
    [Fact]
    public void A_silent_panic_alarm_loads_as_ALRHOLD_P1_and_calls_show_traces_the_alias()
    {
        using var cli = DemoCalls.DemoRunner();
        var load = cli.RunWithInput("{\"external_id\":\"PB-1\",\"received_at\":\"2026-11-23T17:59:00Z\",\"location\":\"LHS\",\"type\":\"ALRPANS\"}\n",
            "feed", "load", "-", "--format", "jsonl", "--source", "panic");
        Assert.True(load.ExitCode == 0, load.ToString());

        var show = cli.Run("calls", "show", "1", "--json");
        Assert.True(show.ExitCode == 0, show.ToString());
        using var doc = JsonDocument.Parse(show.Stdout);
        Assert.Equal("ALRHOLD", doc.RootElement.GetProperty("type").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("priority").GetInt32());
        var text = cli.Run("calls", "show", "1");
        Assert.Contains("Code ALRPANS is a built-in alias of ALRHOLD", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void District_import_takes_an_aliases_file_and_a_feed_then_uses_the_districts_codes()
    {
        using var cli = DemoCalls.DemoRunner();
        var folder = Path.Combine(cli.Folder, "district");
        Directory.CreateDirectory(folder);
        foreach (var file in DistrictFiles.All.Concat(DistrictFiles.Optional))
            File.WriteAllText(Path.Combine(folder, file), EmbeddedSql.Read("sql/demo/" + file));
        File.WriteAllText(Path.Combine(folder, "call_type_aliases.csv"), "alias,type\nMVA,TRAFFIC\n");
        var import = cli.Run("district", "import", folder);
        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains("call_type_aliases.csv: 1 row, 1 inserted", import.Stdout, StringComparison.Ordinal);

        var bad = cli.RunWithInput("external_id,received_at,location,type\nM1,2026-11-23T17:59:00Z,LHS,MVX\n", "feed", "load", "-", "--source", "cad");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("MVA (alias of TRAFFIC)", bad.Stdout, StringComparison.Ordinal);
        Assert.Contains("call_type_aliases.csv", bad.Stdout, StringComparison.Ordinal);

        var good = cli.RunWithInput("external_id,received_at,location,type\nM1,2026-11-23T17:59:00Z,LHS,MVA\n", "feed", "load", "-", "--source", "cad");
        Assert.True(good.ExitCode == 0, good.ToString());
        using var doc = JsonDocument.Parse(cli.Run("calls", "list", "--json").Stdout);
        Assert.Equal("TRAFFIC", Assert.Single(doc.RootElement.EnumerateArray()).GetProperty("type").GetString());
    }
}
