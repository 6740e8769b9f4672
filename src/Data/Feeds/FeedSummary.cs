using System.Text.Json;
using System.Text.Json.Serialization;

namespace SafetyConsole.Data.Feeds;

/// <summary>A rejected row (DESIGN §4): its physical line number (from 1; the CSV header is line 1), the field, and why.</summary>
public sealed record FeedError(int Line, string Field, string Reason)
{
    public override string ToString() => $"line {Line}, {Field}: {Reason}";
}

/// <summary>The format of a feed: CSV with a header row, or JSON Lines.</summary>
public enum FeedFormat
{
    Csv,
    Jsonl,
}

/// <summary>
/// The outcome of one load, serialized as the `feed load --json` contract of DESIGN §5:
/// <c>{"read","loaded","duplicates","rejected","warnings","errors":[{"line","field","reason"}]}</c>, plus the added keys
/// <c>warningMessages</c> and <c>errorsOmitted</c> (keys may be added, never renamed). <see cref="Read"/> counts
/// records (blank lines are not records) and always equals loaded + duplicates + rejected.
/// </summary>
public sealed class FeedSummary
{
    /// <summary>Errors kept for the summary; the rest are counted in <see cref="ErrorsOmitted"/> (and still go to <see cref="FeedOptions.OnError"/>).</summary>
    public const int MaxErrorsKept = 1000;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public int Read { get; internal set; }
    public int Loaded { get; internal set; }
    public int Duplicates { get; internal set; }
    public int Rejected { get; internal set; }

    /// <summary>The number of warnings (each unknown or R8 field once per file).</summary>
    public int Warnings => WarningMessages.Count;

    public List<FeedError> Errors { get; } = [];

    public List<string> WarningMessages { get; } = [];

    /// <summary>Errors beyond <see cref="MaxErrorsKept"/>, counted but not listed.</summary>
    public int ErrorsOmitted { get; internal set; }

    /// <summary>DESIGN §5: 1 when any row was rejected (partly done), else 0.</summary>
    [JsonIgnore]
    public int ExitCode => Rejected > 0 ? 1 : 0;

    /// <summary>The summary as the JSON of DESIGN §5 (camelCase), e.g. for an inbox receipt.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>"Read 12 record(s): 10 loaded, 1 duplicate(s), 1 rejected, 2 warning(s)."</summary>
    public string Headline(string noun = "record") =>
        $"Read {Read} {noun}(s): {Loaded} loaded, {Duplicates} duplicate(s), {Rejected} rejected, {Warnings} warning(s).";

    internal void AddError(FeedError e)
    {
        if (Errors.Count < MaxErrorsKept) Errors.Add(e);
        else ErrorsOmitted++;
    }
}
