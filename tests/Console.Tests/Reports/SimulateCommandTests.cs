using System.Text.Json;
using SafetyConsole.Data.Districts;

namespace SafetyConsole.Cli.Tests.Reports;

/// <summary>`safety-console simulate` (issue 14) on the demo district, with a feed file and roster folders.</summary>
public class SimulateCommandTests
{
    /// <summary>Liaison calls in the sheriff's Narrows feeder pattern, one an hour on Monday 2026-11-23 from 09:00, as a CSV feed.</summary>
    private static string NarrowsFeed(CliRunner cli)
    {
        var path = Path.Combine(cli.Folder, "narrows.csv");
        string[] places = ["NHS", "TMS", "PMS", "COVE", "SALE", "NHS"];
        File.WriteAllLines(path, new[] { "external_id,received_at,location,type,reporter_role" }
            .Concat(places.Select((p, i) => $"N{i},2026-11-23T{9 + i:00}:00:00-08:00,{p},{(i % 2 == 0 ? "THREATS" : "DRUGS")},administrator")));
        return path;
    }

    /// <summary>A roster folder: the demo's officers.csv and training.csv without the given badges.</summary>
    private static string Roster(CliRunner cli, string name, params string[] without)
    {
        var dir = Path.Combine(cli.Folder, name);
        Directory.CreateDirectory(dir);
        foreach (var file in new[] { DistrictFiles.Officers, DistrictFiles.Training })
        {
            using var reader = DistrictSource.Demo.Open(file);
            var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            File.WriteAllLines(Path.Combine(dir, file), lines.Where((l, i) => i == 0 || !without.Contains(l.Split(',')[0])));
        }
        return dir;
    }

    [Fact]
    public void The_current_roster_and_a_proposal_side_by_side_a_zone_without_its_liaison_officer_escalates_every_call_there()
    {
        using var cli = new CliRunner();
        Assert.Equal(0, cli.Run("init", "--demo").ExitCode);
        var feed = NarrowsFeed(cli);
        var r = cli.Run("simulate", "--calls", feed, "--from", "2026-11-23", "--to", "2026-11-23", "--roster", Roster(cli, "no-slo2", "SLO-2"), "--format", "json");
        Assert.True(r.ExitCode == 0, r.ToString());
        var root = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.Equal(["district", "from", "to", "seed", "calls", "rosters"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(6, root.GetProperty("calls").GetInt32());
        var rosters = root.GetProperty("rosters").EnumerateArray().ToList();
        Assert.Equal(["current", "no-slo2"], rosters.Select(x => x.GetProperty("name").GetString()));
        var (today, proposal) = (rosters[0], rosters[1]);
        Assert.Equal((6, 0), (today.GetProperty("deadlinesMet").GetInt32(), today.GetProperty("deadlinesMissed").GetInt32()));
        Assert.Equal(0, today.GetProperty("liaisonEscalated").GetInt32());
        Assert.Equal(6, proposal.GetProperty("liaisonEscalated").GetInt32());
        Assert.Equal(6, proposal.GetProperty("callsByClass").GetProperty("LIAISON").GetProperty("escalated").GetInt32());
        Assert.Equal(-1, proposal.GetProperty("difference").GetProperty("officers").GetInt32());
        Assert.Equal(6, proposal.GetProperty("difference").GetProperty("liaisonEscalated").GetInt32());
        // R9: aggregates only; no description, external id or location name of a call appears.
        Assert.DoesNotContain("N0", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Narrows High", r.Stdout, StringComparison.Ordinal);

        // The same run twice is the same (seeded), as a table too.
        var table = cli.Run("simulate", "--calls", feed, "--from", "2026-11-23", "--to", "2026-11-23", "--roster", Roster(cli, "no-slo2", "SLO-2"));
        Assert.Equal(0, table.ExitCode);
        Assert.Equal(table.Stdout, cli.Run("simulate", "--calls", feed, "--from", "2026-11-23", "--to", "2026-11-23", "--roster", Roster(cli, "no-slo2", "SLO-2")).Stdout);
        Assert.Matches(@"\nLiaison calls escalated\s+0\s+6 \(\+6\)\n", table.Stdout);
    }

    [Fact]
    public void The_html_page_is_self_contained_with_charts()
    {
        using var cli = new CliRunner();
        Assert.Equal(0, cli.Run("init", "--demo").ExitCode);
        var page = Path.Combine(cli.Folder, "staffing.html");
        var r = cli.Run("simulate", "--calls", NarrowsFeed(cli), "--from", "2026-11-23", "--to", "2026-11-23", "--format", "html", "--output", page);
        Assert.True(r.ExitCode == 0, r.ToString());
        var html = File.ReadAllText(page);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_is_one_sentence_and_exit_2()
    {
        using var cli = new CliRunner();
        Assert.Equal(0, cli.Run("init", "--demo").ExitCode);
        var feed = NarrowsFeed(cli);

        var unknownAgency = Roster(cli, "bad-agency");
        File.AppendAllText(Path.Combine(unknownAgency, DistrictFiles.Officers), "X-1,Pat Doe,SLO,XPD,DISTRICT,AVAILABLE\n");
        var r = cli.Run("simulate", "--calls", feed, "--from", "2026-11-23", "--to", "2026-11-23", "--roster", unknownAgency);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"Roster {unknownAgency}: officers.csv line 40: agency 'XPD' is not in agencies.csv; add the agency or fix the officer's agency.\n", r.Stderr);
        Assert.Equal("", r.Stdout);

        var unknownPost = Roster(cli, "bad-post");
        File.AppendAllText(Path.Combine(unknownPost, DistrictFiles.Officers), "X-1,Pat Doe,CSO,HVSD,NOWHERE,AVAILABLE\n");
        r = cli.Run("simulate", "--calls", feed, "--from", "2026-11-23", "--to", "2026-11-23", "--roster", unknownPost);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("officers.csv line 40: post 'NOWHERE' is not a location code", r.Stderr, StringComparison.Ordinal);

        var empty = Path.Combine(cli.Folder, "empty");
        Directory.CreateDirectory(empty);
        File.WriteAllText(Path.Combine(empty, DistrictFiles.Officers), "badge,name,role,agency,post,status\n");
        r = cli.Run("simulate", "--calls", feed, "--from", "2026-11-23", "--to", "2026-11-23", "--roster", empty);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"The folder {empty} has a roster with no officers; add at least one row to officers.csv.\n", r.Stderr);

        r = cli.Run("simulate", "--calls", feed, "--from", "2026-11-24", "--to", "2026-11-30");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"No calls were received from 2026-11-24 to 2026-11-30 in {feed}; choose a period with calls (--from, --to).\n", r.Stderr);

        r = cli.Run("simulate", "--from", "2026-11-23", "--to", "2026-11-23"); // the demo database has no stored calls
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("No calls were received from 2026-11-23 to 2026-11-23; choose a period with calls (--from, --to).\n", r.Stderr);
    }
}
