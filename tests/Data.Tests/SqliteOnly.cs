namespace SafetyConsole.Data.Tests;

/// <summary>
/// The trait of tests that are SQLite-only by nature (issue 17): they test the database file itself — its Unix modes,
/// the backup API, its bytes or WAL, a writer killed mid-write, the file removed or replaced underneath, SQLite's
/// migrations and PRAGMAs, another client writing the file with sqlite3. <c>[Trait(SqliteOnly.Category, SqliteOnly.Value)]</c>
/// on the class (or the test), with a comment saying why; <c>dotnet test --filter "Backend!=SqliteOnly"</c> leaves them
/// out. A test that touches a store and is not SQLite-only by nature runs on both backends (a theory over StoreBackend)
/// where behaviour could differ; <c>SqliteOnlyTraitTests</c> checks that a test file using the file-only features says so.
/// </summary>
public static class SqliteOnly
{
    public const string Category = "Backend";
    public const string Value = "SqliteOnly";
}
