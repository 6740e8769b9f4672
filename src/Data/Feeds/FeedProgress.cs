namespace SafetyConsole.Data.Feeds;

/// <summary>Counters a progress bar may poll from another thread while a load runs.</summary>
public sealed class FeedProgress
{
    private long _bytes;
    private long _records;

    /// <summary>The input's size in bytes, or null when unknown (standard input).</summary>
    public long? TotalBytes { get; internal set; }

    public long BytesRead => Interlocked.Read(ref _bytes);

    public long Records => Interlocked.Read(ref _records);

    internal void AddBytes(long n) => Interlocked.Add(ref _bytes, n);

    internal void AddRecords(long n) => Interlocked.Add(ref _records, n);
}
