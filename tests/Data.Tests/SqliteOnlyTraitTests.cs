using System.Text.RegularExpressions;

namespace SafetyConsole.Data.Tests;

/// <summary>
/// Issue 17: a test file that uses a feature only a SQLite file has (the sqlite3 shell, a raw SQLite connection, the
/// backup API, PRAGMAs, the WAL file, Unix file modes of the store) either carries the <see cref="SqliteOnly"/> trait,
/// saying why, or runs on PostgreSQL too. So a reader of the suite knows which tests cover only the embedded backend.
/// </summary>
public partial class SqliteOnlyTraitTests
{
    [Fact]
    public void Every_test_file_using_a_file_only_feature_says_it_is_SQLite_only_or_runs_on_both_backends()
    {
        var root = RepoRoot.Folder;
        var unmarked = Directory.EnumerateFiles(Path.Combine(root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path: Path.GetRelativePath(root, f), Text: File.ReadAllText(f)))
            .Where(f => TestMethod().IsMatch(f.Text) && FileOnlyFeature().IsMatch(f.Text))
            .Where(f => !f.Text.Contains("SqliteOnly.Value", StringComparison.Ordinal) && !f.Text.Contains("StoreBackend.Postgres", StringComparison.Ordinal))
            .Select(f => $"{f.Path} ({FileOnlyFeature().Match(f.Text).Value})")
            .ToList();
        Assert.True(unmarked.Count == 0,
            "add [Trait(SqliteOnly.Category, SqliteOnly.Value)] with a comment saying why, or run the test on both backends: " + string.Join(", ", unmarked));
    }

    [GeneratedRegex(@"\[(Fact|Theory)\]")]
    private static partial Regex TestMethod();

    /// <summary>What only a SQLite file has: the sqlite3 shell, a raw connection to the file, the backup API, PRAGMAs, the WAL, the store file's modes.</summary>
    [GeneratedRegex(@"Sqlite3Shell\.Run|new (Microsoft\.Data\.Sqlite\.)?SqliteConnection\(|Backup\.Run\(|PRAGMA |""-wal""|FileModes\.(CreateEmpty|Shared|Private)|\.Kill\(")]
    private static partial Regex FileOnlyFeature();
}
