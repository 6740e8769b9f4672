using SafetyConsole.Data.Store;
using SafetyConsole.Data.Feeds;
using SafetyConsole.Data.Tests.Feeds;

namespace SafetyConsole.Privacy.Tests;

/// <summary>
/// R8: immigration or citizenship status and place of birth are never stored, not even in the copy of a feed file the
/// inbox keeps in processed/ or rejected/: the copy is written without those columns or keys, and stays re-runnable.
/// </summary>
public class InboxR8Tests
{
    private const string Pob = "R8VALUE-POB-Guadalajara";
    private const string Citizen = "R8VALUE-CITIZEN-Narnia";
    private const string Broken = "R8VALUE-BROKEN-Visa";

    [Fact]
    public void No_R8_value_is_anywhere_under_the_inbox_after_its_files_are_kept()
    {
        using var f = new FeedFixture();
        f.DropperMayLoad();
        var inbox = DropIn(f, "calls.csv",
            "external_id,received_at,Place of Birth,location,type,description\n" +
            $"C1,2026-11-23T10:05:00-08:00,{Pob},LHS,FIGHT,\"Two students, one \"\"new\"\"\"\n" +
            $"C2,soon,\"{Pob}, MX\",LHS,FIGHT,late\n");
        File.WriteAllText(Path.Combine(inbox, "tips.jsonl"),
            $"{{\"external_id\":\"T1\",\"received_at\":\"2026-11-23T18:09:00Z\",\"location\":\"MMS\",\"type\":\"THREATS\",\"citizenship\":\"{Citizen}\",\"extra\":{{\"visa_status\":\"{Citizen}\"}}}}\n" +
            "\n" +
            $"{{\"external_id\":\"T2\",\"immigration_status\":\"{Broken}\", this line is not JSON\n" +
            "{\"external_id\":\"T3\",\"received_at\":\"2026-11-23T18:10:00Z\",\"location\":\"MMS\",\"type\":\"THREATS\"}\n");

        Inbox.ProcessOnce(f.Db, inbox, "worker", FeedFixture.LoadTime);

        var files = Directory.EnumerateFiles(inbox, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(Path.Combine(inbox, "rejected", "calls.csv"), files);
        Assert.Contains(Path.Combine(inbox, "rejected", "tips.jsonl"), files);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain("R8VALUE", text, StringComparison.Ordinal);
        }

        // The kept copies keep everything else, line for line, so the errors' line numbers still point at the right lines.
        Assert.Equal(
            "external_id,received_at,location,type,description\n" +
            "C1,2026-11-23T10:05:00-08:00,LHS,FIGHT,\"Two students, one \"\"new\"\"\"\n" +
            "C2,soon,LHS,FIGHT,late\n",
            File.ReadAllText(Path.Combine(inbox, "rejected", "calls.csv")));
        var jsonl = File.ReadAllText(Path.Combine(inbox, "rejected", "tips.jsonl")).Split('\n');
        Assert.Equal("{\"external_id\":\"T1\",\"received_at\":\"2026-11-23T18:09:00Z\",\"location\":\"MMS\",\"type\":\"THREATS\",\"extra\":{}}", jsonl[0]);
        Assert.Equal("", jsonl[1]);
        Assert.Equal("", jsonl[2]); // an unreadable line naming an R8 field is not kept; the errors say so
        Assert.Equal("{\"external_id\":\"T3\",\"received_at\":\"2026-11-23T18:10:00Z\",\"location\":\"MMS\",\"type\":\"THREATS\"}", jsonl[3]);
        Assert.Contains("line 3: not kept in this copy (R8", File.ReadAllText(Path.Combine(inbox, "rejected", "tips.jsonl.errors.txt")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: the duplicate check of a dropped-again file on the second backend
    public void A_rejected_copy_corrected_and_dropped_again_loads_its_remaining_rows(StoreBackend backend)
    {
        using var f = new FeedFixture(backend: backend);
        f.DropperMayLoad();
        var inbox = DropIn(f, "calls.csv",
            "external_id,received_at,location,type,country_of_birth\n" +
            $"C1,2026-11-23T10:05:00-08:00,LHS,FIGHT,{Pob}\n" +
            $"C2,soon,LHS,FIGHT,{Pob}\n");
        Assert.True(Assert.Single(Inbox.ProcessOnce(f.Db, inbox, "worker", FeedFixture.LoadTime)).Rejected);

        var kept = Path.Combine(inbox, "rejected", "calls.csv");
        File.WriteAllText(Path.Combine(inbox, "calls.csv"), File.ReadAllText(kept).Replace(",soon,", ",2026-11-23T10:06:00-08:00,", StringComparison.Ordinal));
        var again = Assert.Single(Inbox.ProcessOnce(f.Db, inbox, "worker", FeedFixture.LoadTime)); // same name, same source

        Assert.False(again.Rejected);
        Assert.Equal((1, 1), (again.Summary!.Loaded, again.Summary.Duplicates));
        Assert.Equal(2, f.Count("SELECT count(*) FROM calls"));
    }

    /// <summary>Writes a file into the fixture's inbox folder (created if needed); returns the folder.</summary>
    private static string DropIn(FeedFixture f, string name, string text)
    {
        var inbox = Directory.CreateDirectory(Path.Combine(f.Test.Folder, "inbox")).FullName;
        File.WriteAllText(Path.Combine(inbox, name), text);
        return inbox;
    }
}
