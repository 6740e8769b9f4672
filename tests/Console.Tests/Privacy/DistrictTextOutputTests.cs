using System.Globalization;
using SafetyConsole.Cli.Tests.Dispatch;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Tests.Privacy;

/// <summary>
/// District text with escape sequences or bidi overrides never reaches the terminal: it is cleaned at `district import`
/// as feed text is, so `officers list`, `recommend` and `compliance` print it plain.
/// </summary>
public class DistrictTextOutputTests
{
    private const string Hostile = "\u001b]0;pwned\u0007Keisha \u001b[5m\u202eNguyen\u2066\u009b0m";

    [Fact]
    public void Escape_sequences_and_bidi_overrides_in_district_files_never_reach_command_output()
    {
        using var cli = DemoCalls.DemoRunner();
        var dir = Directory.CreateDirectory(Path.Combine(cli.Folder, "district")).FullName;
        foreach (var file in DistrictFiles.All)
        {
            var text = EmbeddedSql.Read("sql/demo/" + file)
                .Replace("Keisha Nguyen", Hostile, StringComparison.Ordinal)
                .Replace("Lincoln High School", "Lincoln \u202eHigh\u202c\u001b[31m School", StringComparison.Ordinal)
                .Replace("de-escalation", "de-\u001b[2Jescalation", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(dir, file), text);
        }
        var import = cli.Run("district", "import", dir);
        Assert.True(import.ExitCode == 0, import.ToString());
        var call = DemoCalls.Add(cli, "LHS", "FIGHT").ToString(CultureInfo.InvariantCulture);

        var outputs = new[]
        {
            cli.Run("officers", "list"), cli.Run("officers", "list", "--json"), cli.Run("recommend", call),
            cli.Run("recommend", call, "--json"), cli.Run("compliance"), cli.Run("compliance", "--json"),
        };

        Assert.Contains("Keisha Nguyen", outputs[0].Stdout, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"Keisha Nguyen\"", outputs[1].Stdout, StringComparison.Ordinal);
        foreach (var r in outputs)
        {
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.DoesNotContain('\u001b', r.Stdout);
            Assert.DoesNotContain('\u009b', r.Stdout);
            Assert.DoesNotContain('\u202e', r.Stdout);
            Assert.DoesNotContain('\u2066', r.Stdout);
            Assert.DoesNotContain("pwned", r.Stdout, StringComparison.Ordinal);
        }
    }
}
