using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests;

/// <summary>A fresh database in its own temporary folder, deleted after the test.</summary>
public sealed class TestDb : IDisposable
{
    public const string Account = "tester";

    public TestDb()
    {
        Folder = Path.Combine(Path.GetTempPath(), "safety-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "safety.db");
        Db = SafetyDb.Open(FilePath, Account, create: true);
    }

    public string Folder { get; }
    public string FilePath { get; }
    public SafetyDb Db { get; }

    public SafetyDb OpenAnother(string account = Account) => SafetyDb.Open(FilePath, account);

    public void Dispose()
    {
        Db.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
