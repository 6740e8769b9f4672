using System.Globalization;
using System.Text;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Feeds;

/// <summary>What happened to one inbox file.</summary>
/// <param name="File">The file's name as dropped in the inbox.</param>
/// <param name="MovedTo">Its full path now, under processed/ or rejected/.</param>
/// <param name="Rejected">True when it went to rejected/ (a row was rejected, or it could not be read).</param>
/// <param name="Summary">The load's summary; null when the file could not be read.</param>
/// <param name="Problem">Why the file could not be read, or null.</param>
public sealed record InboxOutcome(string File, string MovedTo, bool Rejected, FeedSummary? Summary, string? Problem);

/// <summary>
/// The feed inbox (DESIGN §4b), called by the worker each pass. Each file in the folder is loaded as by
/// <c>feed load</c> (a file whose name starts with <c>positions</c> as by <c>positions load</c>), then moved:
/// <list type="bullet">
/// <item>to <c>processed/</c> with <c>NAME.receipt.json</c> (the summary JSON of DESIGN §5) when every record loaded or was a duplicate;</item>
/// <item>to <c>rejected/</c> with <c>NAME.errors.txt</c> (one line per error: line, field, reason) when any record was rejected
/// — the good records of that file are loaded all the same (idempotently), and its receipt is written there too — or when
/// the file could not be read at all (then nothing of it was loaded).</item>
/// </list>
/// R8: the kept file is a copy written without R8 columns or keys (<see cref="KeptFeedCopy"/>); the original is removed.
/// Every file the inbox writes is 0660 and its folders 0770 (<see cref="FileModes"/>).
/// Convention for writers: a file still being written is never read half, because names starting with '.' and ending
/// in <c>.tmp</c> or <c>.part</c> are ignored: write <c>.calls.csv</c> or <c>calls.csv.tmp</c> in the inbox folder, then
/// rename it to <c>calls.csv</c> (a rename within a folder is atomic). A name already taken in processed/ or rejected/
/// gets a suffix (<c>calls-2.csv</c>); nothing there is ever overwritten.
/// </summary>
public static class Inbox
{
    public const string ProcessedFolder = "processed";
    public const string RejectedFolder = "rejected";

    /// <summary>Is this file name one the inbox ignores (being written, or hidden)?</summary>
    public static bool IsIgnored(string fileName) =>
        fileName.StartsWith('.') || fileName.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".part", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Loads and moves every ready file in <paramref name="dir"/>, in ordinal name order; stamps everything with <paramref name="at"/>.
    /// R10: a file is loaded on behalf of its Unix owner (<paramref name="ownerOf"/>, default <see cref="FileOwner.Of"/>), who must
    /// be allowed to load feeds (<see cref="Operators.MayLoadFeeds"/>); the owner is named on the load's events. Otherwise
    /// the file goes to rejected/ unread, with the sentence saying why, and the refusal is recorded.
    /// </summary>
    public static IReadOnlyList<InboxOutcome> ProcessOnce(SafetyDb db, string dir, string actor, DateTimeOffset at, Func<string, string?>? ownerOf = null)
    {
        if (!Directory.Exists(dir))
            throw SafetyException.Usage($"The inbox folder {Path.GetFullPath(dir)} does not exist; create it or pass another --inbox.");
        var files = Directory.EnumerateFiles(dir)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(n => !IsIgnored(n))
            .Order(StringComparer.Ordinal)
            .ToList();
        var outcomes = new List<InboxOutcome>(files.Count);
        foreach (var name in files) outcomes.Add(ProcessFile(db, dir, name, actor, at, ownerOf ?? FileOwner.Of));
        return outcomes;
    }

    private static InboxOutcome ProcessFile(SafetyDb db, string dir, string name, string actor, DateTimeOffset at, Func<string, string?> ownerOf)
    {
        var path = Path.Combine(dir, name);
        var owner = ownerOf(path);
        if (OwnerRefusal(db, name, owner) is { } refusal) return RejectUnread(db, dir, name, owner ?? actor, refusal);
        var rejectedDir = FileModes.CreateFolder(Path.Combine(dir, RejectedFolder)).FullName;
        var errorsTemp = Path.Combine(rejectedDir, $".{name}.{Environment.ProcessId}.errors.tmp");
        FeedSummary? summary = null;
        string? problem = null;
        if (File.Exists(errorsTemp)) File.Delete(errorsTemp); // left by a crash of a worker with this process id
        using (var errors = new StreamWriter(FileModes.CreateNew(errorsTemp, FileModes.Shared), new UTF8Encoding(false)))
        {
            try
            {
                using var input = FeedInput.OpenFile(path);
                var options = new FeedOptions(actor, new FixedClock(at)) { OnError = e => errors.WriteLine(e.ToString()), SubmittedBy = owner };
                summary = name.StartsWith("positions", StringComparison.OrdinalIgnoreCase)
                    ? PositionFeed.Load(db, input, options)
                    : CallFeed.Load(db, input, options);
                foreach (var w in summary.WarningMessages) errors.WriteLine($"warning: {w}");
            }
            catch (Exception e) when (!IsTransient(e))
            {
                // Whatever stops a file from loading moves it to rejected/ with the sentence: the inbox never retries a
                // file forever. Only a database that is busy or gone is not the file's fault (the file stays for later).
                problem = e is SafetyException ? e.Message : $"it could not be loaded ({e.GetType().Name}: {e.Message.ReplaceLineEndings(" ").TrimEnd('.')})";
                errors.WriteLine($"the file could not be read: {problem}");
            }
        }

        var rejected = problem is not null || summary!.Rejected > 0;
        var (moved, notKept) = Keep(path, rejected ? rejectedDir : FileModes.CreateFolder(Path.Combine(dir, ProcessedFolder)).FullName);
        if (summary is not null) WriteAtomically(moved + ".receipt.json", summary.ToJson());
        if (rejected) File.AppendAllLines(errorsTemp, notKept);
        if (rejected) File.Move(errorsTemp, UniqueCompanion(moved + ".errors.txt"));
        else File.Delete(errorsTemp);
        if (problem is not null)
            db.Write(tx => StateChanges.AppendEvent(tx, new EventRow(at, actor, "feed.unreadable",
                Reason: $"inbox file {name} could not be read and was moved to {RejectedFolder}/", Detail: Path.GetFileName(moved))));
        return new InboxOutcome(name, moved, rejected, summary, problem);
    }

    /// <summary>R10: why the owner of an inbox file may not load it, or null when they may.</summary>
    private static string? OwnerRefusal(SafetyDb db, string name, string? owner)
    {
        if (owner is null)
            return $"R10: the owner of inbox file {name} could not be read, so it was not loaded; drop it again from an account that may load feeds.";
        var role = Operators.RoleOf(db, owner);
        return Operators.MayLoadFeeds(role) ? null
            : $"R10: inbox file {name} is owned by {owner}, {role.InSentence()}, who may not load feeds; a dispatcher must drop it, or a supervisor run `safety-console operators add {owner} dispatcher`.";
    }

    /// <summary>A file its owner may not load: moved to rejected/ unread, with the reason beside it, and the refusal recorded.</summary>
    private static InboxOutcome RejectUnread(SafetyDb db, string dir, string name, string owner, string refusal)
    {
        var rejectedDir = FileModes.CreateFolder(Path.Combine(dir, RejectedFolder)).FullName;
        // Unread, but still kept without its R8 fields (R8 values never stay on disk).
        var (moved, _) = Keep(Path.Combine(dir, name), rejectedDir);
        WriteAtomically(moved + ".errors.txt", refusal);
        Refusals.Record(db, owner, null, refusal, $"inbox file {name}, moved to {RejectedFolder}/{Path.GetFileName(moved)}");
        return new InboxOutcome(name, moved, true, null, refusal);
    }

    /// <summary>A failure that is not the file's: the database busy (the next pass tries again) or removed or replaced (the worker stops).</summary>
    private static bool IsTransient(Exception e) =>
        e is DatabaseMovedException or OperationCanceledException || StoreErrors.IsBusy(e);

    /// <summary>
    /// R8: keeps the file in <paramref name="folder"/> as a copy written without its R8 fields (<see cref="KeptFeedCopy"/>),
    /// then removes the original, so no R8 value stays on disk. Returns the copy's path and notes on lines not kept.
    /// </summary>
    private static (string Kept, IReadOnlyList<string> Notes) Keep(string path, string folder)
    {
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.keep.tmp");
        if (File.Exists(temp)) File.Delete(temp); // left by a crash of a worker with this process id
        var notes = KeptFeedCopy.Write(path, temp);
        var kept = MoveUnique(temp, folder, Path.GetFileName(path));
        File.Delete(path);
        return (kept, notes);
    }

    /// <summary>Moves <paramref name="path"/> into <paramref name="folder"/> as <paramref name="name"/>, or NAME-2.EXT, NAME-3.EXT…; never overwrites.</summary>
    private static string MoveUnique(string path, string folder, string name)
    {
        var stem = Path.GetFileNameWithoutExtension(name);
        var ext = Path.GetExtension(name);
        for (var n = 1; ; n++)
        {
            var target = Path.Combine(folder, n == 1 ? stem + ext : $"{stem}-{n.ToString(CultureInfo.InvariantCulture)}{ext}");
            if (File.Exists(target) || File.Exists(target + ".receipt.json") || File.Exists(target + ".errors.txt")) continue;
            try
            {
                File.Move(path, target, overwrite: false);
                return target;
            }
            catch (IOException) when (File.Exists(target))
            {
                // Taken between the check and the move: try the next suffix.
            }
        }
    }

    private static string UniqueCompanion(string path)
    {
        var candidate = path;
        for (var n = 2; File.Exists(candidate); n++) candidate = $"{path}.{n.ToString(CultureInfo.InvariantCulture)}";
        return candidate;
    }

    private static void WriteAtomically(string path, string text)
    {
        var target = UniqueCompanion(path);
        var temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.tmp");
        if (File.Exists(temp)) File.Delete(temp); // left by a crash
        using (var stream = FileModes.CreateNew(temp, FileModes.Shared))
        using (var w = new StreamWriter(stream, new UTF8Encoding(false)))
            w.Write(text + "\n");
        File.Move(temp, target, overwrite: false);
    }
}
