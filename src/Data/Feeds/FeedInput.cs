using System.Text;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Feeds;

/// <summary>
/// Where a feed comes from: a file, or standard input (<c>-</c>). Knows the input's name for messages, the default
/// source (the file name without its extension; <c>stdin</c> for standard input), its size when known, and whether
/// reading may wait for data that has not been written yet (a pipe such as <c>tail -f</c>), in which case each
/// record is committed as it arrives instead of waiting for a full batch.
/// </summary>
public sealed class FeedInput : IDisposable
{
    private FeedInput(Stream stream, string name, string defaultSource, long? length, bool mayWait, string? extension)
    {
        Stream = stream;
        Name = name;
        DefaultSource = defaultSource;
        Length = length;
        MayWait = mayWait;
        Extension = extension;
    }

    internal Stream Stream { get; }

    /// <summary>The file name (or "standard input"), for messages and events.</summary>
    public string Name { get; }

    /// <summary>The source of records that carry none and when no --source is given.</summary>
    public string DefaultSource { get; }

    public long? Length { get; }

    /// <summary>True when reading may block waiting for more data (standard input, pipes).</summary>
    public bool MayWait { get; }

    /// <summary>The lower-case extension with its dot, or null for standard input.</summary>
    public string? Extension { get; }

    /// <summary>Opens a file; a missing or unreadable file is bad input (exit 2).</summary>
    public static FeedInput OpenFile(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw SafetyException.Usage($"{full} is a folder, not a feed file; give the path of a .csv or .jsonl file, or - for standard input.");
        if (!File.Exists(full))
            throw SafetyException.Usage($"There is no feed file at {full}; check the path, or give - to read standard input.");
        FileStream fs;
        try
        {
            fs = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw SafetyException.Usage($"Cannot read the feed file {full} ({e.Message.TrimEnd('.')}); check its permissions.");
        }
        var name = Path.GetFileName(full);
        var source = Path.GetFileNameWithoutExtension(full);
        long? length = fs.CanSeek ? fs.Length : null;
        // A FIFO or character device given by path may wait like standard input.
        var mayWait = !fs.CanSeek;
        return new FeedInput(fs, name, source.Length > 0 ? source : "file", length, mayWait, Path.GetExtension(full).ToLowerInvariant());
    }

    /// <summary>Standard input (or any text reader): read as it arrives, each record committed without waiting for a batch.</summary>
    public static FeedInput FromReader(TextReader reader, string name = "standard input") =>
        new(new TextReaderStream(reader), name, "stdin", null, mayWait: true, extension: null);

    /// <summary>A stream of UTF-8 bytes (tests, the benchmark).</summary>
    public static FeedInput FromStream(Stream stream, string name, string defaultSource, bool mayWait) =>
        new(stream, name, defaultSource, stream.CanSeek ? stream.Length : null, mayWait, Path.GetExtension(name).ToLowerInvariant());

    public void Dispose() => Stream.Dispose();

    /// <summary>
    /// Adapts a <see cref="TextReader"/> to a UTF-8 byte stream. Each read returns what the reader has available
    /// (a pipe's partial data), so records are seen as soon as they are written.
    /// </summary>
    private sealed class TextReaderStream(TextReader reader) : Stream
    {
        private readonly char[] _chars = new char[8192];
        private readonly Encoder _encoder = new UTF8Encoding(false).GetEncoder();
        private readonly byte[] _pending = new byte[Encoding.UTF8.GetMaxByteCount(8192)];
        private int _pendingStart;
        private int _pendingEnd;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_pendingStart == _pendingEnd)
            {
                var n = reader.Read(_chars, 0, _chars.Length);
                if (n == 0)
                {
                    _pendingStart = 0;
                    _pendingEnd = _encoder.GetBytes([], _pending, flush: true);
                    if (_pendingEnd == 0) return 0;
                }
                else
                {
                    _pendingStart = 0;
                    _pendingEnd = _encoder.GetBytes(_chars, 0, n, _pending, 0, flush: false);
                    if (_pendingEnd == 0) return Read(buffer); // a lone high surrogate: wait for its pair
                }
            }
            var take = Math.Min(buffer.Length, _pendingEnd - _pendingStart);
            _pending.AsSpan(_pendingStart, take).CopyTo(buffer);
            _pendingStart += take;
            return take;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            // Standard input belongs to the process; never close it.
        }
    }
}
