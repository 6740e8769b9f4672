using System.Text;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Output;

/// <summary>
/// Writes a file atomically: into a temporary file in the same folder, flushed to disk, then renamed over the target,
/// so a reader sees the old file or the new one, never half of one.
/// </summary>
public static class AtomicFile
{
    /// <param name="mode">The file's Unix mode when given (e.g. 0600 for reports that may hold student-adjacent text),
    /// set when the temporary file is created, so the content is never readable by others, not even for a moment.</param>
    public static void Write(string path, Action<TextWriter> write, UnixFileMode? mode = null)
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
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (mode is { } m && !OperatingSystem.IsWindows()) options.UnixCreateMode = m;
            using (var stream = new FileStream(tmp, options))
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
