namespace SafetyConsole.Data.Feeds;

/// <summary>How to load a feed. <see cref="Actor"/> is recorded on every event; <see cref="Time"/> stamps each batch.</summary>
public sealed record FeedOptions(string Actor, TimeProvider Time)
{
    /// <summary>--format; null: from the file's extension, else sniffed (first non-blank character '{' means JSON Lines).</summary>
    public FeedFormat? Format { get; init; }

    /// <summary>--source: overrides every record's own <c>source</c> field and the input's default.</summary>
    public string? Source { get; init; }

    /// <summary>Rows per transaction for bulk input.</summary>
    public int BatchSize { get; init; } = 5000;

    /// <summary>Called for every rejected row's error, in line order (the summary keeps only the first <see cref="FeedSummary.MaxErrorsKept"/>).</summary>
    public Action<FeedError>? OnError { get; init; }

    /// <summary>Live counters for a progress display.</summary>
    public FeedProgress? Progress { get; init; }

    /// <summary>R10: the account the input came from when it is not <see cref="Actor"/> (the owner of an inbox file the worker loads); recorded on the load's events.</summary>
    public string? SubmittedBy { get; init; }
}
