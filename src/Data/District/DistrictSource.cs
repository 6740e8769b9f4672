using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Districts;

/// <summary>
/// Where a district's six CSV files come from (DESIGN §2 "District data"): a folder on disk
/// (`district import DIR`) or the demo district embedded in this build (`init --demo`). Both go through the
/// same parser and writer, so the demo loads exactly as a real district does.
/// </summary>
public abstract class DistrictSource
{
    /// <summary>The demo district shipped in sql/demo/ and embedded as "sql/demo/&lt;file&gt;".</summary>
    public static DistrictSource Demo { get; } = new EmbeddedSource("sql/demo/");

    /// <summary>How messages name this source: "the folder /srv/district" or "the built-in demo district".</summary>
    public abstract string Description { get; }

    public abstract bool Has(string file);

    /// <summary>Opens one file; an unreadable file becomes a usage error (exit 2) naming it.</summary>
    public abstract TextReader Open(string file);

    /// <summary>A folder on disk. Refuses (exit 2) a path that is missing, is a file, or cannot be listed.</summary>
    public static DistrictSource Folder(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
            throw SafetyException.Usage($"{full} is a file, not a folder; give the folder that holds {DistrictFiles.List}.");
        if (!Directory.Exists(full))
            throw SafetyException.Usage($"There is no folder {full}; give the folder that holds {DistrictFiles.List}.");
        try
        {
            _ = Directory.EnumerateFileSystemEntries(full).FirstOrDefault();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw SafetyException.Usage($"Cannot read the folder {full} ({e.Message.TrimEnd('.')}); check its permissions and try again.");
        }
        return new FolderSource(full);
    }

    private sealed class FolderSource(string folder) : DistrictSource
    {
        public override string Description => $"the folder {folder}";

        public override bool Has(string file) => File.Exists(Path.Combine(folder, file));

        public override TextReader Open(string file)
        {
            var path = Path.Combine(folder, file);
            try
            {
                return Csv.Utf8Check.Reader(File.OpenRead(path), out _); // a line that is not UTF-8 is refused, not replaced silently
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                throw SafetyException.Usage($"Cannot read {path} ({e.Message.TrimEnd('.')}); check its permissions and try again.");
            }
        }
    }

    private sealed class EmbeddedSource(string prefix) : DistrictSource
    {
        public override string Description => "the built-in demo district";

        public override bool Has(string file) => EmbeddedSql.Exists(prefix + file);

        public override TextReader Open(string file) => EmbeddedSql.Open(prefix + file);
    }
}
