using System.Text.Json;
using System.Text.Json.Serialization;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Output;

/// <summary>
/// The JSON of DESIGN §5: camelCase keys, times in ISO 8601 with the district's offset. These shapes are a
/// public contract (README.md): add keys, never rename them.
/// </summary>
public static class JsonOut
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(
            CliJsonContext.Default, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()),
    };

    public static void Write<T>(TextWriter w, T value) => w.WriteLine(JsonSerializer.Serialize(value, Options));

    public sealed record CallJson(
        long Id, string Source, string ExternalId, string Status, string Type, string Class, int Priority, string Location,
        string ReceivedAt, string? Deadline, string Description, string? AssignedTo, string? Agency, string? Disposition);

    /// <summary>An event; <c>recordedAt</c> is when it was really written (null before schema 10), <c>lateEntry</c> true when its
    /// effective time <c>at</c> is far from that (R10: a supervisor's late entry or a replay).</summary>
    public sealed record EventJson(string At, string Actor, string Kind, string? Badge, string? FromStatus, string? ToStatus, string Reason, string Detail,
        string? RecordedAt, bool LateEntry);

    public sealed record CallDetailJson(
        long Id, string Source, string ExternalId, string Status, string Type, string Class, int Priority, string Location,
        string ReceivedAt, string? Deadline, string Description, string? AssignedTo, string? Agency, string? Disposition,
        string? ReporterRole, string? Basis, IReadOnlyList<string> Trace, IReadOnlyList<EventJson> Events);

    public sealed record OfficerJson(string Badge, string Name, string Role, string Agency, string Post, string Status);

    public static CallJson Of(Call c, TimeZoneInfo zone) => new(
        c.Id, c.Source, c.ExternalId, c.Status.Text(), c.Type, c.Class.Text(), c.Priority, c.Location,
        TimeText.ToIso(c.ReceivedAt, zone), c.Deadline is { } d ? TimeText.ToIso(d, zone) : null, c.Description,
        c.AssignedTo, c.Agency, c.Disposition);

    public static CallDetailJson Detail(Call c, IReadOnlyList<EventRow> events, TimeZoneInfo zone)
    {
        var j = Of(c, zone);
        return new CallDetailJson(j.Id, j.Source, j.ExternalId, j.Status, j.Type, j.Class, j.Priority, j.Location, j.ReceivedAt,
            j.Deadline, j.Description, j.AssignedTo, j.Agency, j.Disposition, c.ReporterRole, c.Basis?.Text(), TraceLines(c.Trace),
            events.Select(e => new EventJson(TimeText.ToIso(e.At, zone), e.Actor, e.Kind, e.Badge, e.FromStatus, e.ToStatus, e.Reason, e.Detail,
                e.RecordedAt is { } r ? TimeText.ToIso(r, zone) : null, e.LateEntry)).ToList());
    }

    public static OfficerJson Of(Officer o) => new(o.Badge, o.Name, o.Role.Text(), o.Agency, o.Post, o.Status.Text());

    /// <summary>A stored rule trace is one sentence per line.</summary>
    public static IReadOnlyList<string> TraceLines(string trace) =>
        trace.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
