namespace SafetyConsole.Data.Store;

/// <summary>
/// The sql/ folder, embedded in this assembly (migrations, reference data and the demo district),
/// so the binary carries its defaults wherever it is installed.
/// </summary>
public static class EmbeddedSql
{
    private static readonly System.Reflection.Assembly Asm = typeof(EmbeddedSql).Assembly;

    /// <summary>Resource names under a folder, e.g. "sql/migrations/", in ordinal order.</summary>
    public static IReadOnlyList<string> Under(string folder) =>
        Asm.GetManifestResourceNames()
            .Where(n => n.StartsWith(folder, StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();

    public static bool Exists(string name) => Asm.GetManifestResourceInfo(name) is not null;

    public static TextReader Open(string name) =>
        new StreamReader(Asm.GetManifestResourceStream(name)
            ?? throw new FileNotFoundException($"The embedded file {name} is missing from this build."));

    public static string Read(string name)
    {
        using var r = Open(name);
        return r.ReadToEnd();
    }
}
