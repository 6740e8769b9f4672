using Dapper;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Feeds;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Feeds;

/// <summary>DESIGN §4b: inbox files are loaded, then moved to processed/ with a receipt or to rejected/ with their errors.</summary>
[Trait(Slow.Category, Slow.Value)]
public class InboxTests
{
    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: the inbox's loads, refusals and events on the second backend
    public void Files_are_loaded_and_moved_by_outcome_and_files_being_written_are_left_alone(StoreBackend backend)
    {
        using var f = new FeedFixture(backend: backend);
        f.DropperMayLoad();
        var inbox = Directory.CreateDirectory(Path.Combine(f.Test.Folder, "inbox")).FullName;
        File.WriteAllText(Path.Combine(inbox, "good.csv"), FeedFixture.Csv(FeedFixture.Good("G1"), FeedFixture.Good("G2")));
        File.WriteAllText(Path.Combine(inbox, "mixed.jsonl"),
            "{\"external_id\":\"M1\",\"received_at\":\"2026-11-23T10:05:00Z\",\"location\":\"LHS\",\"type\":\"FIGHT\"}\n{\"external_id\":\"M2\",\"received_at\":\"soon\",\"location\":\"LHS\",\"type\":\"FIGHT\"}\n");
        File.WriteAllText(Path.Combine(inbox, "junk.csv"), "a,b,c\n1,2,3\n");
        File.WriteAllText(Path.Combine(inbox, "positions-0805.csv"), "badge,at,lat,lon\nCSO-1,2026-11-23T16:05:00Z,47.2,-122.4\n");
        File.WriteAllText(Path.Combine(inbox, ".writing.csv"), "partial");
        File.WriteAllText(Path.Combine(inbox, "next.csv.tmp"), "partial");
        File.WriteAllText(Path.Combine(inbox, "next.csv.part"), "partial");

        var outcomes = Inbox.ProcessOnce(f.Db, inbox, "worker", FeedFixture.LoadTime);

        Assert.Equal(["good.csv", "junk.csv", "mixed.jsonl", "positions-0805.csv"], outcomes.Select(o => o.File));
        var processed = Path.Combine(inbox, "processed");
        var rejected = Path.Combine(inbox, "rejected");
        Assert.True(File.Exists(Path.Combine(processed, "good.csv")));
        Assert.Contains("\"loaded\": 2", File.ReadAllText(Path.Combine(processed, "good.csv.receipt.json")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(processed, "positions-0805.csv")));
        Assert.Equal(1, f.Count("SELECT count(*) FROM positions"));

        // A file with a bad row goes to rejected/ with its errors; its good rows are loaded all the same.
        Assert.True(File.Exists(Path.Combine(rejected, "mixed.jsonl")));
        Assert.StartsWith("line 2, received_at: 'soon' is not an ISO 8601 time", File.ReadAllText(Path.Combine(rejected, "mixed.jsonl.errors.txt")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(rejected, "mixed.jsonl.receipt.json")));
        Assert.Equal(1, f.Count("SELECT count(*) FROM calls WHERE external_id = 'M1'"));

        // An unreadable file goes to rejected/ with the reason.
        Assert.Contains("the file could not be read", File.ReadAllText(Path.Combine(rejected, "junk.csv.errors.txt")), StringComparison.Ordinal);
        Assert.Null(outcomes.Single(o => o.File == "junk.csv").Summary);

        // Files being written stay where they are.
        Assert.True(File.Exists(Path.Combine(inbox, ".writing.csv")));
        Assert.True(File.Exists(Path.Combine(inbox, "next.csv.tmp")));
        Assert.True(File.Exists(Path.Combine(inbox, "next.csv.part")));
        Assert.Equal(3, f.Count("SELECT count(*) FROM calls"));
        Assert.Equal("worker", f.Text("SELECT DISTINCT actor FROM events WHERE kind = 'feed.loaded'"));
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: the inbox's loads, refusals and events on the second backend
    public void A_name_already_taken_gets_a_suffix_and_nothing_is_overwritten(StoreBackend backend)
    {
        using var f = new FeedFixture(backend: backend);
        f.DropperMayLoad();
        var inbox = Directory.CreateDirectory(Path.Combine(f.Test.Folder, "inbox")).FullName;
        var csv = FeedFixture.Csv(FeedFixture.Good("G1"));
        File.WriteAllText(Path.Combine(inbox, "calls.csv"), csv);
        Inbox.ProcessOnce(f.Db, inbox, "worker", FeedFixture.LoadTime);
        File.WriteAllText(Path.Combine(inbox, "calls.csv"), csv);
        var second = Assert.Single(Inbox.ProcessOnce(f.Db, inbox, "worker", FeedFixture.LoadTime));

        var processed = Path.Combine(inbox, "processed");
        Assert.Equal(Path.Combine(processed, "calls-2.csv"), second.MovedTo);
        Assert.Contains("\"loaded\": 1", File.ReadAllText(Path.Combine(processed, "calls.csv.receipt.json")), StringComparison.Ordinal);
        Assert.Contains("\"duplicates\": 1", File.ReadAllText(Path.Combine(processed, "calls-2.csv.receipt.json")), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(inbox));
    }

    /// <summary>
    /// Issue 13: a file that crashed the loader (a 2 MB header line) stayed in the inbox and was retried every second
    /// forever. Any file that cannot be loaded goes to rejected/ with the sentence, once.
    /// </summary>
    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: the inbox's loads, refusals and events on the second backend
    public void A_file_that_cannot_be_loaded_for_any_reason_goes_to_rejected_once_with_the_sentence(StoreBackend backend)
    {
        using var f = new FeedFixture(backend: backend);
        f.DropperMayLoad();
        var inbox = Directory.CreateDirectory(Path.Combine(f.Test.Folder, "inbox")).FullName;
        File.WriteAllText(Path.Combine(inbox, "huge.csv"), FeedFixture.Header + new string('x', 2_000_000) + "\n" + FeedFixture.Good("H1") + "\n");
        File.WriteAllText(Path.Combine(inbox, "empty.csv"), "");
        File.WriteAllText(Path.Combine(inbox, "huge-field.csv"), FeedFixture.Csv(FeedFixture.Good("F1"), "F2,2026-11-23T10:05:00Z,LHS,FIGHT,,\"" + new string('x', 2_000_000)));

        var outcomes = Inbox.ProcessOnce(f.Db, inbox, "worker", FeedFixture.LoadTime);

        Assert.All(outcomes, o => Assert.True(o.Rejected && o.Problem is not null, o.File));
        var rejected = Path.Combine(inbox, "rejected");
        Assert.Contains("its header (line 1) runs past 1,048,576 characters", File.ReadAllText(Path.Combine(rejected, "huge.csv.errors.txt")), StringComparison.Ordinal);
        Assert.Contains("empty.csv is empty: it has no header and no records", File.ReadAllText(Path.Combine(rejected, "empty.csv.errors.txt")), StringComparison.Ordinal);
        Assert.Contains("huge-field.csv line 3: a field runs past", File.ReadAllText(Path.Combine(rejected, "huge-field.csv.errors.txt")), StringComparison.Ordinal);
        Assert.Equal(1, f.Count("SELECT count(*) FROM calls WHERE external_id = 'F1'")); // what came before the huge field is loaded
        Assert.Equal(3, f.Count("SELECT count(*) FROM events WHERE kind = 'feed.unreadable'"));
        Assert.Empty(Directory.EnumerateFiles(inbox));
        Assert.Empty(Inbox.ProcessOnce(f.Db, inbox, "worker", FeedFixture.LoadTime)); // nothing left to retry
    }

    [Fact]
    public void The_owner_of_a_file_is_its_Unix_owner()
    {
        using var f = new FeedFixture();
        var path = Path.Combine(f.Test.Folder, "mine.csv");
        File.WriteAllText(path, "x");
        Assert.Equal(Environment.UserName, FileOwner.Of(path));
        Assert.Null(FileOwner.Of(Path.Combine(f.Test.Folder, "gone.csv")));
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: the inbox's loads, refusals and events on the second backend
    public void R10_a_load_records_the_account_that_owns_the_dropped_file(StoreBackend backend)
    {
        using var f = new FeedFixture(backend: backend);
        f.DropperMayLoad();
        var inbox = Directory.CreateDirectory(Path.Combine(f.Test.Folder, "inbox")).FullName;
        File.WriteAllText(Path.Combine(inbox, "cad.csv"), FeedFixture.Csv(FeedFixture.Good("G1")));
        var outcome = Assert.Single(Inbox.ProcessOnce(f.Db, inbox, "worker", FeedFixture.LoadTime));
        Assert.False(outcome.Rejected);
        var loaded = f.Db.Connection.QuerySingle<(string Actor, string Reason, string Detail)>("SELECT actor, reason, detail FROM events WHERE kind = 'feed.loaded'");
        Assert.Equal("worker", loaded.Actor);
        Assert.Contains($"(owned by {Environment.UserName})", loaded.Reason, StringComparison.Ordinal);
        Assert.EndsWith($"; owner={Environment.UserName}", loaded.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vic", null, StoreBackend.Sqlite)]          // not an operator: a viewer
    [InlineData("vic", "viewer", StoreBackend.Sqlite)]
    [InlineData(null, null, StoreBackend.Sqlite)]           // the owner could not be read
    [InlineData("vic", "viewer", StoreBackend.Postgres)]    // issue 17: the refusal and its event on the second backend
    public void R10_a_file_whose_owner_may_not_load_feeds_is_rejected_unread_with_the_reason(string? owner, string? role, StoreBackend backend)
    {
        using var f = new FeedFixture(backend: backend);
        if (owner is not null && role is not null) Operators.Add(f.Db, TestDb.Account, owner, Codes.ParseOperatorRole(role), f.Db.Clock.GetUtcNow());
        var inbox = Directory.CreateDirectory(Path.Combine(f.Test.Folder, "inbox")).FullName;
        File.WriteAllText(Path.Combine(inbox, "cad.csv"), FeedFixture.Csv(FeedFixture.Good("G1")));

        var outcome = Assert.Single(Inbox.ProcessOnce(f.Db, inbox, "worker", FeedFixture.LoadTime, _ => owner));

        Assert.True(outcome.Rejected);
        Assert.Equal(Path.Combine(inbox, "rejected", "cad.csv"), outcome.MovedTo);
        Assert.Equal(0, f.Count("SELECT count(*) FROM calls"));
        var why = File.ReadAllText(Path.Combine(inbox, "rejected", "cad.csv.errors.txt"));
        Assert.StartsWith("R10:", why, StringComparison.Ordinal);
        if (owner is not null)
            Assert.Equal("R10: inbox file cad.csv is owned by vic, a viewer, who may not load feeds; a dispatcher must drop it, or a supervisor run `safety-console operators add vic dispatcher`.", why.TrimEnd());
        var refused = f.Db.Connection.QuerySingle<(string Actor, string Reason)>("SELECT actor, reason FROM events WHERE kind = 'refused'");
        Assert.Equal(owner ?? "worker", refused.Actor);
        Assert.Equal(why.TrimEnd(), refused.Reason);
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: the inbox's loads, refusals and events on the second backend
    public void R10_the_service_account_may_drop_files(StoreBackend backend)
    {
        using var f = new FeedFixture(backend: backend);
        Operators.Add(f.Db, TestDb.Account, "svc", OperatorRole.Service, f.Db.Clock.GetUtcNow());
        var inbox = Directory.CreateDirectory(Path.Combine(f.Test.Folder, "inbox")).FullName;
        File.WriteAllText(Path.Combine(inbox, "cad.csv"), FeedFixture.Csv(FeedFixture.Good("G1")));
        Assert.False(Assert.Single(Inbox.ProcessOnce(f.Db, inbox, "worker", FeedFixture.LoadTime, _ => "svc")).Rejected);
        Assert.Equal(1, f.Count("SELECT count(*) FROM calls"));
    }
}
