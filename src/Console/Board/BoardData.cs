using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Status;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Board;

/// <summary>
/// One immutable snapshot of everything the board shows, loaded off the UI loop whenever the store changes
/// (PRAGMA data_version). The operator's role is part of it, so a promotion or demotion (R10) shows within a second.
/// </summary>
public sealed record BoardData
{
    public TimeZoneInfo Zone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Open calls (DESIGN §2: NEW … ON_SCENE, ESCALATED), in id order.</summary>
    public IReadOnlyList<Call> Calls { get; init; } = [];
    public IReadOnlyList<Officer> Officers { get; init; } = [];
    public IReadOnlyDictionary<string, Location> Locations { get; init; } = new Dictionary<string, Location>();
    public IReadOnlyList<CallType> CallTypes { get; init; } = [];
    public IReadOnlyList<Disposition> Dispositions { get; init; } = [];

    /// <summary>Issue 15: the district's call-type aliases (alias → type, any case), as the feeds apply them at ingest.</summary>
    public IReadOnlyDictionary<string, string> Aliases { get; init; } = new Dictionary<string, string>();

    /// <summary>Issue 15: open call → the officers on it (first responder and assists), from the assignments table.</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<OnCall>> OnCall { get; init; } = new Dictionary<long, IReadOnlyList<OnCall>>();

    /// <summary>Issue 15: open call → the call intake flagged it a possible duplicate of (not linked yet).</summary>
    public IReadOnlyDictionary<long, long> PossibleDuplicates { get; init; } = new Dictionary<long, long>();

    /// <summary>The supervisors' queue summary (the `status` command's), refreshed with the data and every few seconds.</summary>
    public QueueSummary? Summary { get; init; }

    public OperatorRole Role { get; init; } = OperatorRole.Viewer;

    public static BoardData Empty { get; } = new();

    public string DistrictName => Summary?.District ?? "";

    /// <summary>Calls new or changed since the previous snapshot (marked briefly on the board); null when not computed.</summary>
    public IReadOnlyCollection<long>? Changed { get; init; }

    // Derived indexes, computed once per snapshot (by Prepare on the watcher thread, else on first use).
    // Each remembers the Calls list it was built from, so a `with { Calls = … }` copy never reuses stale ones.
    private (IReadOnlyList<Call> For, Call[] Ordered, string[] Search)? _order;
    private (IReadOnlyList<Call> For, Dictionary<long, Call> ById, Dictionary<string, long> OpenByBadge, long MaxId)? _index;

    /// <summary>Open calls in the board's order: priority, then oldest first, then number.</summary>
    public IReadOnlyList<Call> Ordered => Order().Ordered;

    /// <summary>Lower-case text the filter's words match, aligned with <see cref="Ordered"/>.</summary>
    public IReadOnlyList<string> SearchText => Order().Search;

    public IReadOnlyDictionary<long, Call> CallById => Index().ById;

    /// <summary>The highest open call number (the width of the number column).</summary>
    public long MaxCallId => Index().MaxId;

    /// <summary>Badge → the open call the officer is on.</summary>
    public IReadOnlyDictionary<string, long> OpenCallByBadge => Index().OpenByBadge;

    public string LocationName(string code) => Locations.TryGetValue(code, out var l) ? l.Name : code;

    /// <summary>Builds the derived indexes now (the watcher calls this, so the UI loop never sorts 10,000 calls).</summary>
    public BoardData Prepare()
    {
        Order();
        Index();
        return this;
    }

    /// <summary>Ids of calls in <paramref name="after"/> that are new or differ from <paramref name="before"/>.</summary>
    public static IReadOnlyCollection<long> ChangedIds(BoardData before, BoardData after)
    {
        var old = before.CallById;
        var changed = new List<long>();
        foreach (var c in after.Calls)
            if (!old.TryGetValue(c.Id, out var o) || o != c) changed.Add(c.Id);
        return changed;
    }

    private (IReadOnlyList<Call> For, Call[] Ordered, string[] Search) Order()
    {
        if (_order is { } o && ReferenceEquals(o.For, Calls)) return o;
        var ordered = Calls.ToArray();
        var keys = ordered.Select(c => (c.Priority, c.ReceivedAt.UtcTicks, c.Id)).ToArray();
        Array.Sort(keys, ordered);
        var search = new string[ordered.Length];
        // R9: a viewer's filter does not match descriptions, or typing words would probe free text it is not shown.
        var withText = FreeTextAccess.InLists(Role);
        for (var i = 0; i < ordered.Length; i++)
        {
            var c = ordered[i];
            search[i] = string.Join(' ', c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Type, c.Location, LocationName(c.Location),
                c.Status.Text(), c.AssignedTo, withText ? c.Description : "").ToLowerInvariant();
        }
        var built = ((IReadOnlyList<Call>)Calls, ordered, search);
        _order = built;
        return built;
    }

    private (IReadOnlyList<Call> For, Dictionary<long, Call> ById, Dictionary<string, long> OpenByBadge, long MaxId) Index()
    {
        if (_index is { } x && ReferenceEquals(x.For, Calls)) return x;
        var byId = new Dictionary<long, Call>(Calls.Count);
        var open = new Dictionary<string, long>(StringComparer.Ordinal);
        var max = 0L;
        foreach (var c in Calls)
        {
            byId[c.Id] = c;
            max = Math.Max(max, c.Id);
            if (c.AssignedTo is { } b && c.Status is CallStatus.Assigned or CallStatus.Acknowledged or CallStatus.EnRoute or CallStatus.OnScene)
                open.TryAdd(b, c.Id);
        }
        var built = ((IReadOnlyList<Call>)Calls, byId, open, max);
        _index = built;
        return built;
    }
}

/// <summary>Reads a <see cref="BoardData"/> from the store (on the watcher's own connection, never the UI loop).</summary>
public static class BoardDataLoader
{
    /// <summary>A snapshot with its indexes built and, given the previous one, the calls that changed since.</summary>
    public static BoardData Load(SafetyDb db, string account, DateTimeOffset now, BoardData? previous = null)
    {
        var data = Read(db, account, now);
        return (previous is null ? data : data with { Changed = BoardData.ChangedIds(previous, data) }).Prepare();
    }

    private static BoardData Read(SafetyDb db, string account, DateTimeOffset now)
    {
        var summary = QueueSummaries.Load(db, now);
        return new BoardData
        {
            Zone = summary.Zone,
            Calls = Reads.Calls(db, openOnly: true),
            Officers = Reads.Officers(db),
            Locations = DistrictReads.Locations(db).ToDictionary(l => l.Code, StringComparer.Ordinal),
            CallTypes = DistrictReads.CallTypes(db).Where(t => !t.Refused && !t.Duty).ToList(), // duties are not calls (issue 15)
            Dispositions = BoardReads.Dispositions(db),
            Aliases = CallTypeAliases.All(db).DistinctBy(a => a.Alias, StringComparer.OrdinalIgnoreCase).ToDictionary(a => a.Alias, a => a.Type, StringComparer.OrdinalIgnoreCase),
            OnCall = BoardCallLinks.OfficersOnOpenCalls(db),
            PossibleDuplicates = BoardCallLinks.PossibleDuplicates(db),
            Summary = summary,
            Role = Operators.RoleOf(db, account),
        };
    }
}
