using System.Text;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Output;

/// <summary>
/// Writes a file atomically: into a temporary file in the same folder, flushed to disk, then renamed over the target,
/// so a reader sees the old file or the new one, never half of one.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<TextWriter> write)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        if (Directory.Exists(full))
            throw SafetyException.Usage($"--output {full} is a folder; give a file path, e.g. {Path.Combine(full, "report.html")}.");
        if (!Directory.Exists(dir))
            throw SafetyException.Usage($"Cannot write {full}: the folder {dir} does not exist; create it or give another --output path.");
        var tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            // DESIGN §7: a report written to a file is 0600 whatever the umask (it leaves the database's protection).
            using (var stream = FileModes.CreateNew(tmp, FileModes.Private))
            {
                using (var w = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true))
                {
                    write(w);
                }
                stream.Flush(flushToDisk: true);
            }
            File.Move(tmp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(tmp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }
}
