using System.Text.Json;
using System.Text.Json.Serialization;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Output;

/// <summary>
/// The JSON of DESIGN §5: camelCase keys, times in ISO 8601 with the district's offset. These shapes are a
/// public contract (README.md): add keys, never rename them.
/// </summary>
public static partial class JsonOut
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

    /// <param name="Description">The call's description; null when withheld (R9: a viewer's list).</param>
    /// <param name="DescriptionWithheld">True when <paramref name="Description"/> was withheld from this reader (R9).</param>
    public sealed record CallJson(
        long Id, string Source, string ExternalId, string Status, string Type, string? Class, int Priority, string Location,
        string ReceivedAt, string? Deadline, string? Description, string? AssignedTo, string? Agency, string? Disposition,
        bool DescriptionWithheld);

    /// <summary>An event; <c>recordedAt</c> is when it was really written (null before schema 10), <c>lateEntry</c> true when its
    /// effective time <c>at</c> is far from that (R10: a supervisor's late entry or a replay).</summary>
    public sealed record EventJson(string At, string Actor, string Kind, string? Badge, string? FromStatus, string? ToStatus, string Reason, string Detail,
        string? RecordedAt, bool LateEntry);

    public sealed record CallDetailJson(
        long Id, string Source, string ExternalId, string Status, string Type, string? Class, int Priority, string Location,
        string ReceivedAt, string? Deadline, string? Description, string? AssignedTo, string? Agency, string? Disposition,
        string? ReporterRole, string? Basis, IReadOnlyList<string> Trace, IReadOnlyList<EventJson> Events,
        bool DescriptionWithheld)
    {
        /// <summary>Issue 15: the call's notes, oldest first (free text, R9: a viewer's read of them is recorded).</summary>
        public IReadOnlyList<NoteJson> Notes { get; init; } = [];

        /// <summary>Issue 15: every officer put on the call (the assignments table), in order, each with its own progress.</summary>
        public IReadOnlyList<OnCallJson> Officers { get; init; } = [];

        /// <summary>Issue 15: the master this call was linked to as a duplicate, or null.</summary>
        public long? DuplicateOf { get; init; }

        /// <summary>Issue 15: the open call intake flagged this one may duplicate, or null.</summary>
        public long? PossibleDuplicateOf { get; init; }

        /// <summary>Issue 15: the calls linked to this one as its duplicates.</summary>
        public IReadOnlyList<long> Duplicates { get; init; } = [];
    }

    /// <summary>An officer on a call: <c>role</c> is <c>first</c> or <c>assist</c>; times null until reached.</summary>
    public sealed record OnCallJson(string Badge, string Role, string AssignedAt, string AssignedBy, string? AckedAt, string? EnRouteAt,
        string? OnSceneAt, string? ReleasedAt, string? ReleaseReason);

    /// <summary>A note on a call (issue 15).</summary>
    public sealed record NoteJson(long Id, string At, string Author, string Text);

    public sealed record OfficerJson(string Badge, string Name, string Role, string Agency, string Post, string Status);

    /// <summary>A call as listed; <paramref name="withText"/> false withholds its description (R9, <see cref="FreeTextAccess"/>).</summary>
    public static CallJson Of(Call c, TimeZoneInfo zone, bool withText = true) => new(
        c.Id, c.Source, c.ExternalId, c.Status.Text(), c.Type, c.Class?.Text(), c.Priority, c.Location, // class null: not classified yet
        TimeText.ToIso(c.ReceivedAt, zone), c.Deadline is { } d ? TimeText.ToIso(d, zone) : null, withText ? c.Description : null,
        c.AssignedTo, c.Agency, c.Disposition,
        !withText);

    public static CallDetailJson Detail(Call c, IReadOnlyList<EventRow> events, TimeZoneInfo zone, IReadOnlyList<CallNote>? notes = null,
        IReadOnlyList<Data.Domain.OnCall>? officers = null)
    {
        string? T(DateTimeOffset? t) => t is { } v ? TimeText.ToIso(v, zone) : null;
        var j = Of(c, zone);
        return new CallDetailJson(j.Id, j.Source, j.ExternalId, j.Status, j.Type, j.Class, j.Priority, j.Location, j.ReceivedAt,
            j.Deadline, j.Description, j.AssignedTo, j.Agency, j.Disposition, c.ReporterRole, c.Basis?.Text(), TraceLines(c.Trace),
            events.Select(e => new EventJson(TimeText.ToIso(e.At, zone), e.Actor, e.Kind, e.Badge, e.FromStatus, e.ToStatus, e.Reason, e.Detail,
                e.RecordedAt is { } r ? TimeText.ToIso(r, zone) : null, e.LateEntry)).ToList(),
            j.DescriptionWithheld)
        {
            Notes = (notes ?? []).Select(n => new NoteJson(n.Id, TimeText.ToIso(n.At, zone), n.Author, n.Text)).ToList(),
            Officers = (officers ?? []).Select(o => new OnCallJson(o.Badge, o.Assist ? "assist" : "first", TimeText.ToIso(o.AssignedAt, zone), o.AssignedBy,
                T(o.AckedAt), T(o.EnRouteAt), T(o.OnSceneAt), T(o.ReleasedAt), o.ReleaseReason)).ToList(),
        };
    }

    public static OfficerJson Of(Officer o) => new(o.Badge, o.Name, o.Role.Text(), o.Agency, o.Post, o.Status.Text());

    /// <summary>A stored rule trace is one sentence per line.</summary>
    public static IReadOnlyList<string> TraceLines(string trace) =>
        trace.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
