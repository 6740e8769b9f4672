namespace SafetyConsole.Cli.Output;

// The JSON shapes of `status` and `recommend`, here rather than in their commands so the source-generated CliJsonContext
// (Output) does not reach up into Commands (no namespace cycle; the layering test pins it). Public contract: add keys, never rename.
public static partial class JsonOut
{
    /// <summary>A waiting call for scripts: its age in seconds (the text view says it in words).</summary>
    public sealed record WaitingJson(long Call, string Type, int Priority, string Location, string Status, string ReceivedAt, int AgeSeconds);

    public sealed record StatusJson(
        string At, string District, string SchoolDay,
        IReadOnlyDictionary<string, int> OpenByStatus, IReadOnlyDictionary<string, int> OpenByPriority, int OpenTotal,
        WaitingJson? OldestWaiting, int? OldestWaitingAgeSeconds,
        IReadOnlyDictionary<string, int> OfficersByStatus,
        int DeadlinesMetToday, int DeadlinesMissedToday,
        int EscalationsOpen, IReadOnlyList<WaitingJson> Escalations,
        int? ComplaintsOverdue = null,
        int DutiesDueToday = 0, int DutiesOverdue = 0, int AssistsOnOpenCalls = 0);

    public sealed record CandidateJson(string Badge, string Role, double? DistanceMeters, double? EtaSeconds);
    public sealed record ExcludedJson(string Badge, string Reason);
    public sealed record RecommendationJson(long Call, string Class, IReadOnlyList<CandidateJson> Candidates, IReadOnlyList<ExcludedJson> Excluded);
}
