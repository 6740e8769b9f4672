namespace SafetyConsole.Data.Tests;

/// <summary>The repository's root folder (where SafetyConsole.sln is), found above the test binaries.</summary>
public static class RepoRoot
{
    public static string Folder { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SafetyConsole.sln"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (SafetyConsole.sln) was not found above the test binaries.");
    }
}
